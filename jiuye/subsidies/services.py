"""Writes of subsidy claims: an office collects what it may claim for a month into a claim,
which then goes through approval (``subsidies.workflow``)."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import workflow
from jiuye.subsidies.kinds import KINDS, month_bounds
from jiuye.subsidies.models import Claim, ClaimLine


def claim_prepare(*, actor, kind: str, month: datetime.date) -> Claim:
    """Collect the actor's office's subsidies of ``kind`` for ``month`` into its claim: a new
    claim, or the draft of that month brought up to date. A submitted claim is not touched."""
    if not actor.has_perm("subsidies.add_claim"):
        raise PermissionDenied
    if kind not in KINDS:
        raise ValidationError({"kind": _("未知的补贴类别。")})
    if actor.org_id is None:
        raise ValidationError(_("您的账号不属于任何服务机构，不能申报补贴。"))
    first, last = month_bounds(month)
    if first > timezone.localdate():
        raise ValidationError({"month": _("不能申报尚未到来的月份。")})
    try:
        with transaction.atomic():
            return _prepare(actor, kind, first, last)
    except IntegrityError:  # someone prepared the same claim, or claimed a person, meanwhile
        raise ValidationError(_("同一时间有他人在申报，请刷新后重试。")) from None


def _prepare(actor, kind, first, last) -> Claim:
    org = actor.org
    claim = (
        Claim.objects.select_for_update()
        .filter(org=org, kind=kind, month=first).exclude(state="rejected").first()
    )  # fmt: skip
    if claim is None:
        claim = Claim(org=org, kind=kind, month=first, region_id=org.region_id, prepared_by=actor)
        workflow.start(claim, actor=actor)
    elif not claim.workflow.is_editable(claim.state):
        raise ValidationError(
            _("%(month)s的申报已处于“%(state)s”环节，不能再更新。")
            % {"month": f"{first:%Y-%m}", "state": claim.state_label}
        )
    else:
        claim.lines.all().delete()
    lines = KINDS[kind].rule(org, first, last)
    ClaimLine.objects.bulk_create(
        ClaimLine(
            claim=claim, kind=kind, person_id=line.person_id, region_id=line.region_id,
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
