"""Writes of subsidy claims: an office collects what it may claim for a month into a claim,
which then goes through approval (``subsidies.workflow``)."""

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import workflow
from jiuye.core.services import check_scope, require, save_new, save_versioned
from jiuye.regions.codes import level_of
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import User
from jiuye.staff.roles import LEDGER_KEEPERS
from jiuye.subsidies.kinds import KINDS, level_name, month_bounds, prepare_permission
from jiuye.subsidies.models import Budget, Claim, ClaimLine
from jiuye.subsidies.report import EARLIEST_MONTH

logger = logging.getLogger(__name__)


def claim_prepare(*, actor, kind: str, month: datetime.date) -> Claim:
    """Collect the actor's office's subsidies of ``kind`` for ``month`` into its claim: a new
    claim, or the draft of that month brought up to date. A submitted claim is not touched."""
    if kind not in KINDS:
        raise ValidationError({"kind": _("未知的补贴类别。")})
    require(actor, prepare_permission(kind))
    if actor.org_id is None:
        raise ValidationError(_("您的账号不属于任何服务机构，不能申报补贴。"))
    level = KINDS[kind].level
    if KINDS[kind].proposed and level_of(actor.org.region_id) != level:
        raise ValidationError(
            {"kind": _("该类奖补由%(level)s提出。") % {"level": level_name(level)}}
        )
    if level_of(actor.org.region_id) < level:  # an office above the level that approves it
        raise ValidationError({"kind": _(
            "该类补贴由%(level)s审核拨付，由%(level)s或其下的社区（村）申报。"
        ) % {"level": level_name(level)}})  # fmt: skip
    if month < EARLIEST_MONTH:
        raise ValidationError({"month": _("月份应在2000年1月至本月之间。")})
    first, last = month_bounds(month)
    if first > timezone.localdate():
        raise ValidationError({"month": _("不能申报尚未到来的月份。")})
    return _prepare(actor, kind, first, last)


def _prepare(actor, kind, first, last, *, new_if_empty=True) -> Claim | None:
    """The claim of the actor's office: its draft is emptied first, for the rule to count its
    persons again, and the rule runs once. Without anything to claim no new claim is started
    when ``new_if_empty`` is false (the month-end batch): None."""
    try:
        with transaction.atomic():
            return _save_claim(actor, kind, first, last, new_if_empty)
    except IntegrityError:  # someone prepared the same claim, or claimed a person, meanwhile
        raise ValidationError(_("同一时间有他人在申报，请刷新后重试。")) from None


def _save_claim(actor, kind, first, last, new_if_empty) -> Claim | None:
    org = actor.org
    claim = (
        Claim.objects.select_for_update()
        .filter(org=org, kind=kind, month=first).exclude(state="rejected").first()
    )  # fmt: skip
    if claim is not None and not claim.workflow.is_editable(claim.state):
        raise ValidationError(
            _("%(month)s的申报已处于“%(state)s”环节，不能再更新。")
            % {"month": f"{first:%Y-%m}", "state": claim.state_label}
        )
    if claim is not None:
        claim.lines.all().delete()
    lines = KINDS[kind].rule(org, first, last)
    if claim is None:
        if not (lines or new_if_empty):
            return None
        claim = Claim(org=org, kind=kind, month=first, region_id=org.region_id, prepared_by=actor)
        # a reward is proposed by the paying level, whose permission claim_prepare checked
        workflow.start(claim, actor=actor, by_system=KINDS[kind].proposed)
    ClaimLine.objects.bulk_create(
        ClaimLine(
            claim=claim, kind=kind, person_id=line.person_id, office_id=line.office_id, region_id=line.region_id,
            period=line.period, amount=line.amount, explanation=line.explanation,
            source_type=ContentType.objects.get_for_model(type(line.source)), source_id=line.source.pk,
        )
        for line in lines
    )  # fmt: skip
    claim.count = len(lines)
    claim.total = sum((line.amount for line in lines), Decimal("0"))
    claim.prepared_by = actor
    claim._history_user = actor
    claim.save(update_fields=["count", "total", "prepared_by", "updated_at"])
    return claim


# Budgets --------------------------------------------------------------------------------


def _budget_region(actor, kind: str):
    """The region whose budget of ``kind`` the actor keeps: their office's, which must be at
    the level that pays the kind (the county's, or a township's for its own kinds)."""
    level, org = KINDS[kind].level, actor.org
    if org is None or level_of(org.region_id) != level:
        raise ValidationError({"kind": _(
            "该类补贴的预算由%(level)s财政部门录入，您的账号不属于%(level)s机构。"
        ) % {"level": level_name(level)}})  # fmt: skip
    return org.region


def budget_create(*, actor, year: int, kind: str, amount: Decimal, note: str = "") -> Budget:
    require(actor, "subsidies.add_budget")
    if kind not in KINDS:
        raise ValidationError({"kind": _("未知的补贴类别。")})
    budget = Budget(
        region=_budget_region(actor, kind), year=year, kind=kind, amount=amount, note=note
    )
    duplicate = {"kind": _("本级%(year)s年该类别的预算已录入，请修改原预算。") % {"year": year}}
    return save_new(budget, actor=actor, duplicate=duplicate)


def budget_update(
    *, actor, budget: Budget, expected_version: int, amount: Decimal, note: str = ""
) -> Budget:
    """Change a budget's amount (a supplementary or reduced allocation) and its note."""
    require(actor, "subsidies.change_budget")
    check_scope(Budget.objects.kept_by(actor), budget)
    budget.amount, budget.note = amount, note
    budget.full_clean(validate_constraints=False)
    save_versioned(budget, expected_version=expected_version, actor=actor)
    return budget


# The month-end batch ------------------------------------------------------------------------


@dataclass
class Batch:
    """What the month-end batch did: the claims it prepared, and the offices it left out with
    the reason (no worker who may claim; the claim already submitted …)."""

    prepared: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (office, kind code, reason)


def claims_prepare_all(*, prefix: str, month: datetime.date) -> Batch:
    """The month-end batch (月度集中申报): every active office under ``prefix`` prepares each
    kind's claim of ``month`` where it has something to claim, in the name of one of its own
    workers who may claim (the claim is theirs to check and submit). Only the offices a kind
    names as possible (``SubsidyKind.offices``) are computed, and each office's rule runs once; a
    claim already submitted is left as it is, and said so."""
    first, last = month_bounds(month)
    everyone = ServiceOrg.objects.within(prefix).filter(is_active=True)
    keepers = User.objects.filter(is_active=True, roles__code__in=LEDGER_KEEPERS).order_by("pk")
    batch = Batch()
    for kind in KINDS.values():
        offices = (
            everyone
            if kind.offices is None
            else everyone.filter(pk__in=kind.offices(prefix, first, last))
        ).filter(region__level__gte=kind.level)  # not the offices above the approving level
        for org in offices.select_related("region").order_by("region_id", "pk"):
            actor = keepers.filter(org=org).first()
            if actor is None:
                if kind.rule(org, first, last):  # something to claim, and nobody to claim it
                    reason = str(_("本机构没有可申报补贴的在岗工作人员"))
                    batch.skipped.append((org, kind.code, reason))
                continue
            try:
                claim = _prepare(actor, kind.code, first, last, new_if_empty=False)
            except ValidationError as refusal:  # submitted already, or prepared meanwhile
                logger.info(
                    "claim of %s, %s, %s not prepared: %s", org.pk, kind.code, first, refusal
                )
                batch.skipped.append((org, kind.code, _("；").join(refusal.messages)))
                continue
            if claim is not None:
                batch.prepared.append(claim)
    return batch
