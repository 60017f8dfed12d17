"""Writes of registrations: applications, their effect when approved, certificates, contacts
with the registered unemployed and deregistration (注销)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import parameters, workflow
from jiuye.core.services import check_scope
from jiuye.ledger.choices import EMPLOYED, LabourStatus
from jiuye.ledger.models import Person
from jiuye.ledger.selectors import working_age_limits
from jiuye.ledger.services import status_change
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import code_of_prefix
from jiuye.regions.models import ServiceOrg
from jiuye.registration.choices import EndReason, Kind
from jiuye.registration.models import Certificate, CertificateCounter, Contact, Registration

UNEMPLOYMENT_FIELDS = (
    "unemployed_since",
    "cause",
    "last_employer",
    "able_to_work",
    "willing_to_work",
)
EMPLOYMENT_FIELDS = ("employment_form", "employer", "employed_since", "contract_months")


def check_conditions(registration: Registration) -> None:
    """The conditions of the registration, checked at each review step.

    Unemployment: working age, able and willing to work, no job (Employment Promotion Law and
    the registration rules). Employment: a form of employment and a start date."""
    person = registration.person
    errors = {}
    if registration.kind == Kind.UNEMPLOYMENT:
        limits = working_age_limits(person.region_id, registration.applied_on)
        maximum = limits["male_max"] if person.sex == "1" else limits["female_max"]
        age = person.age_on(registration.applied_on)
        if not limits["minimum"] <= age < maximum:
            errors["person"] = _(
                "申请人%(age)d岁，不在法定劳动年龄内（%(minimum)d岁至%(maximum)d岁）。"
            ) % {"age": age, "minimum": limits["minimum"], "maximum": maximum}
        if not registration.able_to_work:
            errors["able_to_work"] = _("失业登记须有劳动能力。")
        if not registration.willing_to_work:
            errors["willing_to_work"] = _("失业登记须有就业要求。")
        if person.status in EMPLOYED:
            errors["unemployed_since"] = _(
                "台账中该人员为“%(status)s”，请先在台账中变更就业状态。"
            ) % {"status": person.get_status_display()}
        if not registration.unemployed_since:
            errors["unemployed_since"] = _("请填写失业日期。")
    else:
        if not registration.employment_form:
            errors["employment_form"] = _("请选择就业形式。")
        if not registration.employed_since:
            errors["employed_since"] = _("请填写就业日期。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def registration_apply(*, actor, person: Person, kind: str, **fields) -> Registration:
    """The community accepts an application (受理): the case opens at the first review."""
    check_scope(Person.objects.editable_by(actor), person)
    wanted = UNEMPLOYMENT_FIELDS if kind == Kind.UNEMPLOYMENT else EMPLOYMENT_FIELDS
    registration = Registration(
        person=person,
        region_id=person.region_id,
        kind=kind,
        **{
            name: value for name, value in fields.items() if name in (*wanted, "applied_on", "note")
        },
    )
    if (
        kind == Kind.UNEMPLOYMENT
        and Registration.objects.filter(
            person=person, kind=Kind.UNEMPLOYMENT, ended_on__isnull=True
        )
        .exclude(state="rejected")
        .exists()
    ):
        raise ValidationError(_("该人员已有失业登记（办理中或有效），不能重复登记。"))
    check_conditions(registration)
    workflow.start(registration, actor=actor)
    return registration


def _luhn(digits: str) -> str:
    total = 0
    for index, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def certificate_number(*, county: str, hukou: str, year: int, sequence: int, pattern: str) -> str:
    """The certificate number by the parameter's pattern; ``{check}`` is a Luhn digit over the
    county code, household type, year and sequence."""
    values = {
        "county": county,
        "hukou": hukou,
        "year2": f"{year % 100:02d}",
        "year": year,
        "sequence": sequence,
    }
    without_check = pattern.replace("{check}", "")
    values["check"] = _luhn("".join(ch for ch in without_check.format(**values) if ch.isdigit()))
    return pattern.format(**values)


def certificate_issue(*, person: Person, actor, on: datetime.date) -> Certificate:
    """The person's certificate, issued now if they have none yet."""
    existing = Certificate.objects.filter(person=person).first()
    if existing:
        return existing
    county = person.region_id[:6]
    counter, _created = CertificateCounter.objects.get_or_create(county=county, year=on.year)
    CertificateCounter.objects.filter(pk=counter.pk).update(
        last=F("last") + 1
    )  # locks the counter row
    counter.refresh_from_db()
    number = certificate_number(
        county=county,
        hukou="2" if person.hukou_type == "agricultural" else "1",
        year=on.year,
        sequence=counter.last,
        pattern=parameters.value("registration.certificate_format", person.region_id, on),
    )
    issuer = (
        ServiceOrg.objects.filter(region_id=county + "000000", kind=OrgKind.COUNTY_AGENCY).first()
        or actor.org
    )
    return Certificate.objects.create(
        person=person, region_id=person.region_id, number=number, issued_on=on, issued_by=issuer
    )


def registration_took_effect(registration: Registration, *, actor) -> None:
    """What an approval changes: the certificate, the ledger's labour status, and for an
    employment registration the end of the person's unemployment registration."""
    today = timezone.localdate()
    person = Person.objects.select_for_update().get(pk=registration.person_id)
    registration.certificate = certificate_issue(person=person, actor=actor, on=today)
    registration.approved_on = today
    registration._history_user = actor
    registration.save(update_fields=["certificate", "approved_on", "updated_at"])
    if registration.kind == Kind.UNEMPLOYMENT:
        if person.status != LabourStatus.UNEMPLOYED:
            status_change(
                actor=actor,
                person=person,
                status=LabourStatus.UNEMPLOYED,
                since=max(registration.unemployed_since, person.status_since),
                note=_("失业登记"),
            )
        return
    status_change(
        actor=actor,
        person=person,
        status=registration.employment_form,
        since=max(registration.employed_since, person.status_since),
        employer=registration.employer,
        note=_("就业登记"),
    )
    for open_registration in Registration.objects.registered_unemployed().filter(person=person):
        _end(
            open_registration,
            on=registration.employed_since,
            reason=EndReason.EMPLOYED,
            actor=actor,
            note=_("办理就业登记"),
        )


def _end(registration: Registration, *, on, reason, actor, note="") -> None:
    registration.ended_on, registration.end_reason = on, reason
    registration.ended_by, registration.end_note = actor, note
    registration._history_user = actor
    registration.save(
        update_fields=["ended_on", "end_reason", "ended_by", "end_note", "updated_at"]
    )


@transaction.atomic
def registration_deregister(
    *, actor, registration: Registration, reason: str, on: datetime.date, note: str = ""
) -> None:
    """End a registered unemployed person's registration (注销) with its reason."""
    if not actor.has_perm("registration.deregister_registration"):
        raise PermissionDenied
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    check_scope(Registration.objects.editable_by(actor), registration)
    if not registration.is_registered_unemployed:
        raise ValidationError(_("只有有效的失业登记可以注销。"))
    if reason not in EndReason.values:
        raise ValidationError({"reason": _("请选择注销原因。")})
    if on > timezone.localdate() or (registration.approved_on and on < registration.approved_on):
        raise ValidationError({"on": _("注销日期应在登记日期与今天之间。")})
    _end(registration, on=on, reason=reason, actor=actor, note=note.strip())


@transaction.atomic
def contact_record(
    *, actor, registration: Registration, on: datetime.date, method: str, note: str = ""
) -> Contact:
    if not actor.has_perm("registration.add_contact"):
        raise PermissionDenied
    check_scope(Registration.objects.editable_by(actor), registration)
    if not registration.is_registered_unemployed:
        raise ValidationError(_("只能为有效的失业登记人员记录联系。"))
    if on > timezone.localdate():
        raise ValidationError({"on": _("联系日期不能晚于今天。")})
    contact = Contact(
        registration=registration,
        region_id=registration.region_id,
        on=on,
        method=method,
        note=note.strip(),
        by=actor,
    )
    contact.full_clean()
    contact._history_user = actor
    contact.save()
    if registration.last_contact_on is None or on > registration.last_contact_on:
        Registration.objects.filter(pk=registration.pk).update(last_contact_on=on)
    return contact


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    return day.replace(year=year, month=month, day=28)


@transaction.atomic
def deregister_without_contact(today: datetime.date | None = None) -> int:
    """The nightly check: end the registrations of those not contacted for the parameter's
    months (3 by default, per county), counted from the last contact or from the
    registration. Returns how many were ended."""
    today = today or timezone.localdate()
    registered = Registration.objects.registered_unemployed().annotate(
        last=Coalesce("last_contact_on", "approved_on")
    )
    counties = (
        registered.annotate(county=Substr("region_id", 1, 6))
        .values_list("county", flat=True)
        .distinct()
    )
    ended = 0
    for county in sorted(set(counties)):
        months = parameters.value("registration.no_contact_months", code_of_prefix(county), today)
        due = (
            registered.within(county)
            .filter(last__lte=_months_before(today, months))
            .select_for_update()
        )
        for registration in due:
            note = _("系统自动注销：自%(date)s起连续%(months)d个月未联系") % {
                "date": registration.last,
                "months": months,
            }
            _end(registration, on=today, reason=EndReason.NO_CONTACT, actor=None, note=note)
            ended += 1
    return ended
