"""Writes of this line of work: schemes and their items, the county's reward proposal and
commendations."""

import datetime
import math

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import parameters
from jiuye.core.services import check_scope, require
from jiuye.performance.choices import Honoree
from jiuye.performance.models import Commendation, Item, Scheme
from jiuye.performance.periods import Period
from jiuye.performance.reward import KIND
from jiuye.performance.scoring import ranking
from jiuye.regions.choices import ORG_KIND_LEVEL
from jiuye.regions.models import Region, ServiceOrg
from jiuye.subsidies.services import claim_prepare


def _saved(record, actor, refusal):
    record.full_clean(validate_constraints=False)
    record._history_user = actor
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError(refusal) from None
    return record


@transaction.atomic
def scheme_create(*, actor, name: str, year: int, level: int, note: str = "") -> Scheme:
    """A scheme of the actor's office's region: the province's, or a county's own."""
    require(actor, "performance.change_scheme")
    if actor.org_id is None:
        raise ValidationError(_("您的账号不属于任何服务机构。"))
    scheme = Scheme(region_id=actor.org.region_id, name=name, year=year, level=level, note=note)
    return _saved(scheme, actor, _("本级该年度该考核对象的方案已存在。"))


def _kept(actor, scheme: Scheme) -> None:
    """Only the office that made a scheme changes it (a county reads the province's)."""
    require(actor, "performance.change_scheme")
    if not actor.is_superuser and actor.org.region_id != scheme.region_id:
        raise ValidationError(_("只能修改本级制定的考核方案。"))


@transaction.atomic
def item_add(*, actor, scheme: Scheme, indicator: str, weight, method: str, target=None,
             per: str = "", order: int = 0) -> Item:  # fmt: skip
    check_scope(Scheme.objects.editable_by(actor), scheme)
    _kept(actor, scheme)
    item = Item(scheme=scheme, indicator=indicator, per=per, weight=weight, method=method,
                target=target, order=order)  # fmt: skip
    return _saved(item, actor, _("方案中已有该指标。"))


@transaction.atomic
def item_remove(*, actor, item: Item) -> None:
    check_scope(Item.objects.editable_by(actor), item)
    _kept(actor, item.scheme)
    item._history_user = actor
    item.delete()


def reward_propose(*, actor, period: Period):
    """Prepare (or bring up to date) the county's reward proposal of ``period``: the claim of
    kind ``performance_reward`` of the month after it; the county then proposes it on the
    claim's page (提出并提交审核)."""
    month = period.last + datetime.timedelta(days=1)
    if month > timezone.localdate():
        raise ValidationError(_("考核期间尚未结束，不能提出奖补。"))
    return claim_prepare(actor=actor, kind=KIND, month=month)


@transaction.atomic
def commendation_create(*, actor, honoree: str, office: ServiceOrg, period: str, reason: str,
                        worker=None) -> Commendation:  # fmt: skip
    """Commend an office, or one of its workers, for a period (表彰), on record."""
    require(actor, "performance.add_commendation")
    check_scope(ServiceOrg.objects.below(actor), office)
    Period.parse(period)
    if honoree == Honoree.WORKER and (worker is None or worker.org_id != office.pk):
        raise ValidationError({"worker": _("请选择该机构的工作人员。")})
    commendation = Commendation(
        region_id=office.region_id, honoree=honoree, office=office,
        worker=worker if honoree == Honoree.WORKER else None, period=period, reason=reason,
        commended_by=actor,
    )  # fmt: skip
    return _saved(commendation, actor, _("该对象本期已受表彰。"))


@transaction.atomic
def commend_top(*, actor, region: Region, level: int, period: Period) -> list[Commendation]:
    """Commend the top share (``performance.commend_share``) of the offices of ``level``
    under ``region`` by their score of ``period``; those commended already are left as they
    are."""
    require(actor, "performance.add_commendation")
    check_scope(Region.objects.visible_to(actor), region)
    found = ranking(actor, region, level, period).scores
    share = parameters.value("performance.commend_share", region.code, period.last)
    places = math.ceil(len(found) * share / 100)
    chosen = [score for score in found if score.rank <= places and score.total > 0]
    kind = next(kind for kind, at in ORG_KIND_LEVEL.items() if at == level)
    orgs = {
        org.region_id: org
        for org in ServiceOrg.objects.filter(
            region_id__in=[score.region.code for score in chosen], kind=kind, is_active=True
        )
    }
    done = set(
        Commendation.objects.filter(honoree=Honoree.OFFICE, period=period.key, office__in=orgs.values())
        .values_list("office_id", flat=True)
    )  # fmt: skip
    made = []
    for score in chosen:
        org = orgs.get(score.region.code)
        if org is None or org.pk in done:
            continue
        reason = _("%(period)s绩效考核得分 %(total)s，在%(region)s %(of)s 个机构中列第 %(rank)s 名") % {
            "period": period, "total": score.total, "region": region.name, "of": score.of,
            "rank": score.rank,
        }  # fmt: skip
        made.append(commendation_create(actor=actor, honoree=Honoree.OFFICE, office=org,
                                        period=period.key, reason=str(reason)))  # fmt: skip
    return made
