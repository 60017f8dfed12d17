"""Writes of supervision: an inspection and its findings, the office's reply, the inspectors'
follow-up."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import parameters, workflow
from jiuye.core.services import check_evidence, check_scope, require, save_versioned
from jiuye.core.workdays import add_working_days
from jiuye.regions.choices import OrgKind
from jiuye.regions.models import ServiceOrg
from jiuye.supervision.choices import Conclusion
from jiuye.supervision.models import Finding, FindingAttachment, Inspection
from jiuye.supervision.workflow import office_of

INSPECTED_KINDS = (OrgKind.TOWNSHIP_CENTRE, OrgKind.VILLAGE_STATION)
INSPECTION_FIELDS = ("inspected_on", "inspectors", "scope", "summary", "conclusion")


def inspectable_orgs(user):
    """The offices ``user`` may inspect: the active township and community offices below the
    user's own region (a township's reviewer: its communities; a county: its townships and
    communities)."""
    return ServiceOrg.objects.below(user).filter(kind__in=INSPECTED_KINDS, is_active=True)


def is_inspector(user, inspection: Inspection) -> bool:
    """Whether ``user`` is of the office that made the inspection (which adds findings to it,
    edits it and follows its findings up)."""
    return user.is_superuser or office_of(user) == inspection.by_org.region_id


def default_fix_by(region_code: str, day: datetime.date) -> datetime.date:
    """The deadline of a finding found on ``day`` when the inspectors give none: the
    parameter's working days later."""
    return add_working_days(day, parameters.value("supervision.fix_days", region_code, day))


def _check_inspector(actor, inspection: Inspection) -> None:
    check_scope(Inspection.objects.editable_by(actor), inspection)
    if not is_inspector(actor, inspection):
        raise PermissionDenied(_("只有督查机构可以办理。"))


@transaction.atomic
def inspection_record(
    *, actor, org: ServiceOrg, inspected_on: datetime.date, inspectors: str, scope: str,
    summary: str = "", conclusion: str = Conclusion.ORDINARY, findings: list[dict] = (),
) -> Inspection:  # fmt: skip
    """An inspection of ``org`` by the actor's office, with its ``findings`` (each the keywords
    of ``finding_add``)."""
    require(actor, "supervision.add_inspection")
    if actor.org_id is None:
        raise PermissionDenied(_("您的账号没有所属机构，不能登记督查。"))
    check_scope(inspectable_orgs(actor), org, field="org")
    if inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("督查日期不能晚于今天。")})
    inspection = Inspection(
        region_id=org.region_id, org=org, by_org=actor.org, inspected_on=inspected_on,
        inspectors=inspectors.strip(), scope=scope.strip(), summary=summary.strip(),
        conclusion=conclusion, recorded_by=actor,
    )  # fmt: skip
    inspection.full_clean()
    inspection._history_user = actor
    inspection.save()
    for finding in findings:
        finding_add(actor=actor, inspection=inspection, **finding)
    return inspection


@transaction.atomic
def inspection_update(*, actor, inspection: Inspection, expected_version: int, **fields):
    """Correct an inspection, or record its conclusion once the findings are followed up."""
    require(actor, "supervision.change_inspection")
    _check_inspector(actor, inspection)
    for name in INSPECTION_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(inspection, name, value.strip() if isinstance(value, str) else value)
    if inspection.inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("督查日期不能晚于今天。")})
    first_fix = inspection.findings.order_by("fix_by").values_list("fix_by", flat=True).first()
    if first_fix and inspection.inspected_on > first_fix:
        raise ValidationError({"inspected_on": _("督查日期不能晚于其问题的整改期限。")})
    save_versioned(inspection, expected_version=expected_version, actor=actor)
    return inspection


@transaction.atomic
def finding_add(
    *, actor, inspection: Inspection, area: str, problem: str, requirement: str,
    fix_by: datetime.date | None = None,
) -> Finding:  # fmt: skip
    """A problem the inspection found, to be fixed by ``fix_by`` (by default the parameter's
    working days after the inspection)."""
    require(actor, "supervision.add_finding")
    _check_inspector(actor, inspection)
    fix_by = fix_by or default_fix_by(inspection.region_id, inspection.inspected_on)
    if fix_by < inspection.inspected_on:
        raise ValidationError({"fix_by": _("整改期限不能早于督查日期。")})
    finding = Finding(
        inspection=inspection, region_id=inspection.region_id, area=area,
        problem=problem.strip(), requirement=requirement.strip(), fix_by=fix_by,
    )  # fmt: skip
    workflow.start(finding, actor=actor)
    return finding


@transaction.atomic
def finding_reply(*, actor, finding: Finding, reply: str, title: str = "", file=None) -> Finding:
    """The office's reply: what it did to fix the finding, with a file to show it if any."""
    if not reply.strip():
        raise ValidationError({"reply": _("请填写整改情况。")})
    if file is not None:
        check_evidence(file)
    workflow.fire(
        finding, "reply", actor=actor, comment=reply.strip(), by_service=True,
        values={"reply": reply.strip(), "replied_on": timezone.localdate(), "replied_by": actor},
    )  # fmt: skip
    if file is not None:
        attachment = FindingAttachment(
            finding=finding, region_id=finding.region_id, title=title.strip() or file.name[-100:],
            file=file, uploaded_by=actor,
        )  # fmt: skip
        attachment._history_user = actor
        attachment.save()
    return finding


@transaction.atomic
def finding_follow_up(
    *, actor, finding: Finding, accepted: bool, note: str = "",
    fix_by: datetime.date | None = None,
) -> Finding:  # fmt: skip
    """The inspectors' follow-up of a reply: the fix is accepted and the finding closed (销号),
    or it is sent back with the reason and a new deadline (by default the parameter's working
    days from today)."""
    today = timezone.localdate()
    values = {"follow_up": note.strip(), "followed_up_on": today, "followed_up_by": actor}
    if accepted:
        workflow.fire(finding, "accept", actor=actor, comment=note.strip(), by_service=True,
                      values=values)  # fmt: skip
        return finding
    if not note.strip():
        raise ValidationError({"note": _("退回重新整改须写明理由。")})
    fix_by = fix_by or default_fix_by(finding.region_id, today)
    if fix_by < today:
        raise ValidationError({"fix_by": _("新的整改期限不能早于今天。")})
    workflow.fire(finding, "send_back", actor=actor, comment=note.strip(), by_service=True,
                  values={**values, "fix_by": fix_by})  # fmt: skip
    return finding
