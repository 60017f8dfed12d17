"""Writes of registrations: applications, their effect when approved, certificates, contacts
with the registered unemployed and deregistration (注销)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import history, parameters, workflow
from jiuye.core.registry import registry
from jiuye.core.services import check_scope, next_number, require, save_versioned
from jiuye.core.workdays import months_before
from jiuye.ledger.choices import NON_FARM, WITH_EMPLOYER, LabourStatus
from jiuye.ledger.models import Person
from jiuye.ledger.selectors import working_age_limits
from jiuye.ledger.services import households_changed, status_change
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, code_of_prefix, prefix_of, prefix_sql
from jiuye.regions.models import ServiceOrg
from jiuye.registration.choices import EndReason, RegistrationKind
from jiuye.registration.models import Contact, Registration, RegistrationCertificate

UNEMPLOYMENT_FIELDS = (
    "unemployed_since",
    "cause",
    "last_employer",
    "able_to_work",
    "willing_to_work",
)
EMPLOYMENT_FIELDS = ("employment_form", "employer", "employed_since", "contract_months")


def check_conditions(registration: Registration) -> None:
    """The conditions of the registration, checked when it is accepted and at each step.

    Unemployment: working age, able and willing to work, no work off the farm in the ledger
    (Employment Promotion Law and the registration rules; urban and rural residents register
    alike, so a farmer seeking non-farm work may register where he lives). Employment: a form
    of employment, its employer where the form has one, and a start date. Dates are not in the future, and the
    person still lives where the registration is made."""
    person = registration.person
    today = timezone.localdate()
    errors = {}
    if person.region_id != registration.region_id:
        errors["person"] = _("该人员已迁出本辖区，本登记不能再办理。")
    if registration.kind == RegistrationKind.UNEMPLOYMENT:
        limits = working_age_limits(person.region_id, registration.applied_on)
        maximum = limits["male_max"] if person.sex == "1" else limits["female_max"]
        age = person.age_on(registration.applied_on)
        if not limits["minimum"] <= age < maximum:
            errors["person"] = _("申请人%(age)d岁，不在法定劳动年龄内（%(minimum)d岁至%(maximum)d岁）。") % {
                "age": age, "minimum": limits["minimum"], "maximum": maximum}  # fmt: skip
        if not registration.able_to_work:
            errors["able_to_work"] = _("失业登记须有劳动能力。")
        if not registration.willing_to_work:
            errors["willing_to_work"] = _("失业登记须有就业要求。")
        if not registration.unemployed_since:
            errors["unemployed_since"] = _("请填写失业日期。")
        elif registration.unemployed_since > today:
            errors["unemployed_since"] = _("失业日期不能晚于今天。")
        if person.status in NON_FARM:
            errors["unemployed_since"] = _("台账中该人员为“%(status)s”（非农就业），请先在台账中变更就业状态。") % {
                "status": person.get_status_display()}  # fmt: skip
    else:
        if not registration.employment_form:
            errors["employment_form"] = _("请选择就业形式。")
        elif registration.employment_form in WITH_EMPLOYER and not registration.employer.strip():
            errors["employer"] = _("该就业形式须填写就业单位（或务工地点）。")
        if not registration.employed_since:
            errors["employed_since"] = _("请填写就业日期。")
        elif registration.employed_since > today:
            errors["employed_since"] = _("就业日期不能晚于今天。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def registration_apply(*, actor, person: Person, kind: str, **fields) -> Registration:
    """The community accepts an application (受理): the case opens at the first review."""
    if kind not in RegistrationKind.values:
        raise ValidationError({"kind": _("没有这种登记类别。")})
    check_scope(Person.objects.editable_by(actor), person)
    wanted = (
        *(UNEMPLOYMENT_FIELDS if kind == RegistrationKind.UNEMPLOYMENT else EMPLOYMENT_FIELDS),
        "applied_on",
        "note",
    )
    values = {name: value for name, value in fields.items() if name in wanted}
    registration = Registration(person=person, region_id=person.region_id, kind=kind, **values)
    duplicate = ValidationError(_("该人员已有失业登记（办理中或有效），不能重复登记。"))
    open_unemployment = Registration.objects.filter(
        person=person, kind=RegistrationKind.UNEMPLOYMENT, ended_on__isnull=True
    )
    if (
        kind == RegistrationKind.UNEMPLOYMENT
        and open_unemployment.exclude(state="rejected").exists()
    ):
        raise duplicate
    check_conditions(registration)
    try:
        with transaction.atomic():  # two applications at once: the database refuses the second
            workflow.start(registration, actor=actor)
    except IntegrityError:
        raise duplicate from None
    return registration


def _luhn(digits: str) -> str:
    total = 0
    for index, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


CERTIFICATES = "registration.certificate"  # the numbers' series, per county and year


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


def certificate_issue(*, registration: Registration, on: datetime.date) -> RegistrationCertificate:
    """The person's certificate, issued now by the registration's county if they have none."""
    person = registration.person
    existing = RegistrationCertificate.objects.filter(person=person).first()
    if existing:
        return existing
    county = prefix_of(registration.region_id, Level.COUNTY)
    issuer = ServiceOrg.objects.filter(
        region_id=code_of_prefix(county), kind=OrgKind.COUNTY_AGENCY
    ).first()
    if issuer is None:
        raise ValidationError(_("本县尚未设立公共就业服务机构，无法发证。请先在“服务机构”中设立。"))
    sequence = next_number(series=CERTIFICATES, issuer=county, year=on.year)
    number = certificate_number(
        county=county,
        hukou="2" if person.hukou_type == "agricultural" else "1",
        year=on.year,
        sequence=sequence,
        pattern=parameters.value("registration.certificate_format", registration.region_id, on),
    )
    return RegistrationCertificate.objects.create(
        person=person,
        region_id=registration.region_id,
        number=number,
        issued_on=on,
        issued_by=issuer,
    )


def registration_took_effect(registration: Registration, *, actor) -> None:
    """What an approval changes: the certificate and the ledger's labour status (a farmer
    registered as unemployed keeps farming meanwhile). The status change of an employment
    registration ends the person's unemployment registration (``status_changed``)."""
    today = timezone.localdate()
    person = Person.objects.select_for_update().get(pk=registration.person_id)
    registration.certificate = certificate_issue(registration=registration, on=today)
    registration.approved_on = today
    registration._history_user = actor
    registration.save(update_fields=["certificate", "approved_on", "updated_at"])
    if registration.kind == RegistrationKind.UNEMPLOYMENT:
        if person.status in (LabourStatus.UNEMPLOYED, LabourStatus.FARMING):
            # registered: the household may now be a zero-employment household
            households_changed([person.household_id], actor)
        else:  # the status change checks the household
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


def status_changed(*, person: Person, record, actor) -> None:
    """Any work off the farm, whichever line of work recorded it (a hire through a referral, a
    public-welfare post, flexible employment, an employment registration, a change in the
    ledger), ends the open unemployment registration the same day, in the same transaction."""
    if record.status not in NON_FARM:
        return
    status = record.get_status_display()
    note = (
        _("%(status)s：%(note)s") % {"status": status, "note": record.note}
        if record.note
        else status
    )
    for registration in Registration.objects.registered_unemployed().filter(person=person):
        _end(registration, on=max(record.since, registration.approved_on), reason=EndReason.EMPLOYED,
             actor=actor, note=str(note)[:200])  # fmt: skip


def work_recorded(person_ids, actor) -> int:
    """``status_changed`` for many at once, after a seeder wrote their status periods in bulk:
    the open registrations of those now working off the farm end. Returns how many ended."""
    registrations = (
        Registration.objects.registered_unemployed()
        .filter(person_id__in=list(person_ids), person__status__in=NON_FARM)
        .select_related("person")
    )
    for registration in registrations:
        person = registration.person
        note = _("%(status)s：%(note)s") % {
            "status": person.get_status_display(),
            "note": _("台账记录就业"),
        }
        _end(registration, on=max(person.status_since, registration.approved_on), reason=EndReason.EMPLOYED,
             actor=actor, note=note)  # fmt: skip
    return len(registrations)


def _end(registration: Registration, *, on, reason, actor, note="") -> None:
    """End a registration, and tell the lines of work that follow it (the registry's
    ``registration_ended``: an identified hard-to-employ person goes to exit review)."""
    registration.ended_on, registration.end_reason = on, reason
    registration.ended_by, registration.end_note = actor, note
    registration._history_user = actor
    registration.save(
        update_fields=["ended_on", "end_reason", "ended_by", "end_note", "updated_at"]
    )
    for handler in registry["registration_ended"]:
        handler(registration=registration, actor=actor)
    households_changed([registration.person.household_id], actor)


@transaction.atomic
def registration_deregister(
    *, actor, registration: Registration, reason: str, on: datetime.date, note: str = ""
) -> None:
    """End a registered unemployed person's registration (注销) with its reason."""
    require(actor, "registration.deregister_registration")
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
    require(actor, "registration.add_contact")
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
    latest = Registration.objects.filter(pk=registration.pk).exclude(last_contact_on__gte=on)
    history.update(latest, actor=actor, last_contact_on=on)
    return contact


def deregister_without_contact(today: datetime.date | None = None) -> int:
    """The nightly check: end the registrations of those not contacted for the parameter's
    months (3 by default, per county), counted from the last contact of any line of work
    (``with_last_contact``) or from the registration. One transaction per county. Returns how many were ended."""
    today = today or timezone.localdate()
    registered = Registration.objects.registered_unemployed().with_last_contact()
    counties = (
        registered.annotate(county=prefix_sql("region_id", Level.COUNTY))
        .values_list("county", flat=True)
        .distinct()
    )
    ended = 0
    for county in sorted(set(counties)):
        months = parameters.value("registration.no_contact_months", code_of_prefix(county), today)
        with transaction.atomic():
            due = (
                registered.within(county)
                .filter(last__lte=months_before(today, months))
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


def person_moving(*, person: Person, on: datetime.date, actor) -> None:
    """A resident moves to another region (``ledger.services.person_transfer``): an application
    still in progress must be finished first, and a registered unemployed person's
    registration ends (迁出本地); the new place registers them again if they apply there."""
    pending = person.registrations.filter(state__in=Registration.workflow.open_states)
    if pending.exists():
        raise ValidationError(_("该人员有办理中的登记，请先办结后再迁移。"))
    for registration in Registration.objects.registered_unemployed().filter(person=person):
        _end(registration, on=on, reason=EndReason.MOVED, actor=actor, note=_("迁移"))


@transaction.atomic
def registration_update(
    *, actor, registration: Registration, expected_version: int, **fields
) -> Registration:
    """Correct an application while it is still with the community (at the first review,
    also after a return for correction); afterwards it is frozen."""
    require(actor, "registration.first_review")
    check_scope(Registration.objects.editable_by(actor), registration)
    wanted = (
        UNEMPLOYMENT_FIELDS
        if registration.kind == RegistrationKind.UNEMPLOYMENT
        else EMPLOYMENT_FIELDS
    )
    for name, value in fields.items():
        if name in (*wanted, "applied_on", "note"):
            setattr(registration, name, value)
    check_conditions(registration)
    save_versioned(registration, expected_version=expected_version, actor=actor)
    return registration
