"""Writes of flexible employment: registration, edit, end and the periodic checks. The
person's labour status in the ledger follows: flexibly employed from the start, back to what
the end says (unemployed by default)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import history, parameters
from jiuye.core.services import check_scope, require, save_versioned
from jiuye.core.workdays import months_before
from jiuye.flexible.choices import EndReason
from jiuye.flexible.models import Check, FlexibleJob
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person
from jiuye.ledger.selectors import is_of_working_age
from jiuye.ledger.services import status_change
from jiuye.subsidies.selectors import last_claimed_month

EDITABLE_FIELDS = ("form", "work", "place", "monthly_income", "insured", "insured_since",
                   "insured_until", "contribution", "note")  # fmt: skip


def next_check(job: FlexibleJob, since: datetime.date) -> datetime.date:
    """The day the next periodic check is due, ``since`` the last one (or the registration)."""
    months = parameters.value("flexible.check_months", job.region_id, since)
    return months_before(since, -months)


def _check_insurance(job: FlexibleJob) -> None:
    """The social-insurance fields agree with each other and with the job (and are cleared
    when not insured): contributions as a flexible worker lie between the job's start and
    today, since the subsidy pays for the months they cover."""
    errors = {}
    if not job.insured:
        job.insured_since = job.insured_until = job.contribution = None
        return
    today = timezone.localdate()
    if job.insured_since is None:
        errors["insured_since"] = _("缴纳社会保险的，请填写参保缴费起始日期。")
    elif job.insured_since > today:
        errors["insured_since"] = _("参保缴费起始日期不能晚于今天。")
    elif job.insured_since < job.started_on:
        errors["insured_since"] = _("参保缴费起始日期不能早于灵活就业的开始日期（%(date)s）。") % {
            "date": job.started_on
        }
    if not job.contribution or job.contribution <= Decimal("0"):
        errors["contribution"] = _("缴纳社会保险的，请填写每月实际缴费金额。")
    if job.insured_until and job.insured_until > today:
        errors["insured_until"] = _("停止缴费日期不能晚于今天。")
    elif job.insured_until and job.insured_since and job.insured_until < job.insured_since:
        errors["insured_until"] = _("停止缴费日期不能早于参保缴费起始日期。")
    if errors:
        raise ValidationError(errors)


def _ledger_error(error: ValidationError, field: str) -> ValidationError:
    """The ledger's refusal of a status change, shown at this form's date field."""
    if hasattr(error, "error_dict") and "since" in error.error_dict:
        return ValidationError({field: error.error_dict["since"]})
    return error


@transaction.atomic
def flexible_register(*, actor, person: Person, started_on: datetime.date, **fields) -> FlexibleJob:
    """Register a resident of the actor's jurisdiction as flexibly employed (灵活就业登记): the
    ledger records them as flexibly employed from ``started_on``."""
    require(actor, "flexible.add_flexiblejob")
    check_scope(Person.objects.editable_by(actor), person, field="person")
    person = Person.objects.select_for_update().get(pk=person.pk)
    today = timezone.localdate()
    if started_on > today:
        raise ValidationError({"started_on": _("开始日期不能晚于今天。")})
    if not is_of_working_age(person, today):
        raise ValidationError({"person": _("该人员不在法定劳动年龄内，不能办理灵活就业登记。")})
    if FlexibleJob.objects.open().filter(person=person).exists():
        raise ValidationError({"person": _("该人员已有未终止的灵活就业登记，请在原登记上修改。")})
    if (
        person.status_since
        and started_on < person.status_since
        and person.status != LabourStatus.FLEXIBLE
    ):
        raise ValidationError({"started_on": _(
            "开始日期不能早于该人员台账中当前状态（%(status)s）的起始日期%(date)s。"
        ) % {"status": person.get_status_display(), "date": person.status_since}})  # fmt: skip
    job = FlexibleJob(person=person, region_id=person.region_id, started_on=started_on,
                      registered_on=today, registered_by=actor, **fields)  # fmt: skip
    _check_insurance(job)
    job.next_check_on = next_check(job, today)
    job.full_clean(exclude=["person"])
    job._history_user = actor
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:  # registered by someone else a moment ago
        raise ValidationError({"person": _("该人员已有未终止的灵活就业登记。")}) from None
    if person.status != LabourStatus.FLEXIBLE:
        try:
            status_change(actor=actor, person=person, status=LabourStatus.FLEXIBLE, since=started_on,
                          occupation=job.work, note=_("灵活就业登记：%(form)s") % {"form": job.get_form_display()})  # fmt: skip
        except ValidationError as error:
            raise _ledger_error(error, "started_on") from None
    return job


def flexible_update(*, actor, job: FlexibleJob, expected_version: int, **fields) -> FlexibleJob:
    """Correct an open registration (optimistic: refused if someone saved it meanwhile)."""
    require(actor, "flexible.change_flexiblejob")
    check_scope(FlexibleJob.objects.editable_by(actor), job)
    if not job.is_open:
        raise ValidationError(_("该灵活就业登记已终止，不能再修改。"))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("不能修改：%(fields)s。") % {"fields": _("、").join(sorted(unknown))}
        )
    for name, value in fields.items():
        setattr(job, name, value)
    _check_insurance(job)
    with transaction.atomic():
        save_versioned(job, expected_version=expected_version, actor=actor)
    return job


def _check_not_claimed_after(job: FlexibleJob, ended_on: datetime.date, field: str) -> None:
    """An end dated back before a month already submitted for the registration would leave a
    subsidy paid for a month it no longer covers: refused."""
    month = last_claimed_month(job)
    if month is not None and ended_on < month:
        raise ValidationError({field: _(
            "该登记%(period)s的补贴已提交申报，终止日期不能早于该月；如确需更正，请先将该月的申报退回修改。"
        ) % {"period": f"{month:%Y-%m}"}})  # fmt: skip


def _end(job: FlexibleJob, *, actor, ended_on, reason, status, employer="", note="") -> None:
    """End the registration and put the person's status back, unless another process has
    changed it since (a hire, for example)."""
    job.ended_on, job.end_reason, job.end_note = ended_on, reason, note
    person = Person.objects.select_for_update().get(pk=job.person_id)
    if person.status == LabourStatus.FLEXIBLE and status != LabourStatus.FLEXIBLE:
        try:
            status_change(actor=actor, person=person, status=status, since=ended_on, employer=employer,
                          note=_("灵活就业登记终止：%(reason)s") % {"reason": job.get_end_reason_display()})  # fmt: skip
        except ValidationError as error:
            raise _ledger_error(error, "ended_on") from None


def flexible_end(
    *, actor, job: FlexibleJob, expected_version: int, ended_on: datetime.date, reason: str,
    status: str = LabourStatus.UNEMPLOYED, employer: str = "", note: str = "",
) -> FlexibleJob:  # fmt: skip
    """End a registration (终止): the ledger records the person's new status from ``ended_on``."""
    require(actor, "flexible.change_flexiblejob")
    check_scope(FlexibleJob.objects.editable_by(actor), job)
    if not job.is_open:
        raise ValidationError(_("该灵活就业登记已终止。"))
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("请选择终止原因。")})
    if status == LabourStatus.FLEXIBLE or status not in LabourStatus.values:
        raise ValidationError({"status": _("请选择终止后的就业状态。")})
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("终止日期不能晚于今天。")})
    if ended_on < job.started_on:
        raise ValidationError(
            {"ended_on": _("终止日期不能早于开始日期（%(date)s）。") % {"date": job.started_on}}
        )
    _check_not_claimed_after(job, ended_on, "ended_on")
    with transaction.atomic():
        _end(job, actor=actor, ended_on=ended_on, reason=reason, status=status, employer=employer,
             note=note)  # fmt: skip
        save_versioned(job, expected_version=expected_version, actor=actor)
    return job


@transaction.atomic
def check_record(
    *, actor, job: FlexibleJob, checked_on: datetime.date, still_working: bool,
    still_insured: bool, note: str = "",
) -> Check:  # fmt: skip
    """Record a periodic check (定期核实). The next one falls due the parameter's months later;
    "no longer paying" stops the insurance from that day; "no longer working" ends the
    registration and puts the person back to unemployed."""
    require(actor, "flexible.add_check")
    check_scope(FlexibleJob.objects.editable_by(actor), job, field="job")
    job = FlexibleJob.objects.select_for_update().get(pk=job.pk)
    if not job.is_open:
        raise ValidationError(_("该灵活就业登记已终止，不能再核实。"))
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("核实日期不能晚于今天。")})
    if checked_on < job.registered_on:
        raise ValidationError(
            {
                "checked_on": _("核实日期不能早于登记日期（%(date)s）。")
                % {"date": job.registered_on}
            }
        )
    check = Check(job=job, region_id=job.region_id, checked_on=checked_on, checked_by=actor,
                  still_working=still_working, still_insured=still_insured, note=note)  # fmt: skip
    check.full_clean(exclude=["job"])
    check._history_user = actor
    check.save()
    latest = max(job.checks.values_list("checked_on", flat=True))
    job.next_check_on = next_check(job, latest)
    if not still_insured and job.insured and job.insured_until is None:
        job.insured_until = checked_on
    if not still_working:
        _check_not_claimed_after(job, checked_on, "checked_on")
        _end(job, actor=actor, ended_on=checked_on, reason=EndReason.CHECK,
             status=LabourStatus.UNEMPLOYED, note=note)  # fmt: skip
    job.version += 1
    job._history_user = actor
    job.save()
    return check


def person_moving(*, person: Person, on: datetime.date, actor) -> None:
    """A resident moves (``ledger.services.person_transfer``): the registration with this
    office ends (迁出本地); the status stays as it is, and the new office registers them again."""
    for job in FlexibleJob.objects.open().filter(person=person):
        history.change(
            job, actor=actor, ended_on=max(on, job.started_on), end_reason=EndReason.MOVED
        )
