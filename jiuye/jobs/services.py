"""Writes of job introduction: employers, vacancies, seekers, referrals and the employer's answer."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as NumberError

from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES
from jiuye.assistance.models import Identification, ZeroHousehold
from jiuye.core import history, parameters, workflow
from jiuye.core.services import check_scope, require, save_versioned
from jiuye.jobs.choices import SeekerStatus, VacancyState
from jiuye.jobs.models import Employer, Referral, Seeker, Vacancy
from jiuye.jobs.workflow import OPEN_REFERRAL_STATES
from jiuye.ledger.choices import NON_FARM, LabourStatus
from jiuye.ledger.models import Person
from jiuye.ledger.selectors import is_of_working_age
from jiuye.ledger.services import status_change
from jiuye.regions.codes import prefix_of
from jiuye.regions.models import Region

MAX_WISHES = 3
MAX_PLACES = 3


def clean_credit_code(value: str) -> str:
    """The unified social credit code (GB 32100-2015) in its standard form, or a clear refusal."""
    try:
        return uscc.validate(value)
    except NumberError:
        raise ValidationError(
            {
                "credit_code": _("统一社会信用代码“%(value)s”无效（应为18位，末位为校验码）。")
                % {"value": value}
            }
        ) from None


def _check_region(actor, region: Region, field: str = "region") -> None:
    check_scope(Region.objects.editable_by(actor), region, field=field)


# Employers ------------------------------------------------------------------------------


@transaction.atomic
def employer_create(*, actor, region: Region, credit_code: str, **fields) -> Employer:
    require(actor, "jobs.add_employer")
    _check_region(actor, region)
    code = clean_credit_code(credit_code)
    existing = Employer.objects.filter(credit_code=code).select_related("region").first()
    if existing is not None:
        raise ValidationError(
            {
                "credit_code": _(
                    "该统一社会信用代码已登记为“%(name)s”（%(region)s），一个单位只登记一次。"
                )
                % {"name": existing.name, "region": existing.region.name}
            }
        )
    employer = Employer(region=region, credit_code=code, **fields)
    employer.full_clean()
    employer._history_user = actor
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError:  # registered by someone else a moment ago
        raise ValidationError({"credit_code": _("该统一社会信用代码已登记。")}) from None
    return employer


def employer_update(*, actor, employer: Employer, expected_version: int, **fields) -> Employer:
    require(actor, "jobs.change_employer")
    check_scope(Employer.objects.editable_by(actor), employer)
    if "region" in fields:
        _check_region(actor, fields["region"])
    if "credit_code" in fields:
        fields["credit_code"] = clean_credit_code(fields["credit_code"])
        if (
            Employer.objects.filter(credit_code=fields["credit_code"])
            .exclude(pk=employer.pk)
            .exists()
        ):
            raise ValidationError({"credit_code": _("该统一社会信用代码已登记为其他单位。")})
    for name, value in fields.items():
        setattr(employer, name, value)
    employer.full_clean()
    save_versioned(employer, expected_version=expected_version, actor=actor)
    return employer


# Vacancies ------------------------------------------------------------------------------


def _check_vacancy(vacancy: Vacancy, today: datetime.date) -> None:
    errors = {}
    if (
        vacancy.wage_min is not None
        and vacancy.wage_max is not None
        and vacancy.wage_max < vacancy.wage_min
    ):
        errors["wage_max"] = _("月薪上限不能低于下限。")
    if vacancy.valid_until and vacancy.valid_until < today:
        errors["valid_until"] = _("有效期不能早于今天。")
    if not vacancy.posts:
        errors["posts"] = _("招聘人数至少为1人。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def vacancy_create(*, actor, employer: Employer, region: Region, **fields) -> Vacancy:
    """Register a vacancy of an employer of the actor's jurisdiction; it is published at once."""
    require(actor, "jobs.add_vacancy")
    check_scope(Employer.objects.editable_by(actor), employer, field="employer")
    _check_region(actor, region)
    today = timezone.localdate()
    if not fields.get("valid_until"):
        days = parameters.value("jobs.vacancy_valid_days", region.code, today)
        fields["valid_until"] = today + datetime.timedelta(days=days)
    vacancy = Vacancy(
        employer=employer, region=region, registered_by=actor, registered_on=today, **fields
    )
    _check_vacancy(vacancy, today)
    workflow.start(vacancy, actor=actor)
    return vacancy


def vacancy_update(*, actor, vacancy: Vacancy, expected_version: int, **fields) -> Vacancy:
    require(actor, "jobs.change_vacancy")
    check_scope(Vacancy.objects.editable_by(actor), vacancy)
    if vacancy.state != VacancyState.OPEN:
        raise ValidationError(_("只有招聘中的岗位可以修改。"))
    if "region" in fields:
        _check_region(actor, fields["region"])
    for name, value in fields.items():
        setattr(vacancy, name, value)
    _check_vacancy(vacancy, timezone.localdate())
    if vacancy.posts < vacancy.hired:
        raise ValidationError(
            {"posts": _("已录用%(n)s人，招聘人数不能更少。") % {"n": vacancy.hired}}
        )
    vacancy.full_clean()
    save_versioned(vacancy, expected_version=expected_version, actor=actor)
    return vacancy


def vacancy_withdraw(*, actor, vacancy: Vacancy, comment: str = "") -> Vacancy:
    """The employer no longer recruits: the vacancy leaves the board and the matches."""
    if vacancy.state != VacancyState.OPEN:
        raise ValidationError(_("该岗位已不在招聘中。"))
    workflow.fire(vacancy, "withdraw", actor=actor, comment=comment)
    return vacancy


def vacancies_expire(today: datetime.date | None = None) -> int:
    """Close the open vacancies past their date (nightly; reads already hide them)."""
    today = today or timezone.localdate()
    expired = list(Vacancy.objects.filter(state=VacancyState.OPEN, valid_until__lt=today))
    for vacancy in expired:
        workflow.fire_automatic(vacancy, "expire", comment=str(_("有效期已过")))
    return len(expired)


# Seekers --------------------------------------------------------------------------------


def priority_flags() -> dict:
    """The priority flags of a seeker as expressions, for writing them in bulk (seeding)."""
    hard, zero = _priority_q()
    return {
        "hard_to_employ": Case(When(hard, then=Value(True)), default=Value(False)),
        "zero_household": Case(When(zero, then=Value(True)), default=Value(False)),
    }


def _priority_q() -> tuple[Exists, Exists]:
    """Seekers who are assistance targets (identified hard-to-employ persons), and seekers
    whose household is an open zero-employment case: index lookups per seeker, so the nightly
    refresh of a province's seekers takes seconds."""
    hard = Exists(Identification.objects.identified().filter(person_id=OuterRef("person_id")))
    zero = Exists(
        ZeroHousehold.objects.filter(
            state__in=OPEN_HOUSEHOLD_STATES, household__members=OuterRef("person_id")
        )
    )
    return hard, zero


def _codes(values) -> str:
    return f" {' '.join(values)} " if values else ""


def _set_wishes(seeker: Seeker, occupations, places) -> None:
    occupations, places = list(occupations), list(places or [])
    if not occupations:
        raise ValidationError({"occupations": _("请至少选择一个求职意向职业。")})
    if len(occupations) > MAX_WISHES:
        raise ValidationError({"occupations": _("求职意向职业最多选%(n)s个。") % {"n": MAX_WISHES}})
    if len(places) > MAX_PLACES:
        raise ValidationError({"places": _("期望工作地点最多选%(n)s个。") % {"n": MAX_PLACES}})
    seeker.occupations.set(occupations)
    seeker.places.set(places)
    seeker.wish_codes = _codes(sorted(occupation.code for occupation in occupations))
    seeker.place_codes = _codes(sorted(prefix_of(place.code) for place in places))
    seeker.save(update_fields=["wish_codes", "place_codes"])


@transaction.atomic
def refresh_priority(seekers, *, actor=None) -> int:
    """Bring the priority flags of ``seekers`` (a queryset) up to date; nightly and on hiring.
    Only the seekers whose flags change are written (with their history)."""
    hard, zero = _priority_q()
    changed = list(
        seekers.annotate(hard=hard, zero=zero)
        .filter(~Q(hard_to_employ=F("hard")) | ~Q(zero_household=F("zero")))
        .select_for_update(of=("self",))
    )
    for seeker in changed:
        seeker.hard_to_employ, seeker.zero_household = seeker.hard, seeker.zero
    return history.bulk_update(changed, ["hard_to_employ", "zero_household"], actor=actor)


@transaction.atomic
def seeker_register(*, actor, person: Person, occupations, places=(), **fields) -> Seeker:
    """Register a resident of the actor's jurisdiction as seeking work (求职登记)."""
    require(actor, "jobs.add_seeker")
    check_scope(Person.objects.editable_by(actor), person, field="person")
    today = timezone.localdate()
    if not is_of_working_age(person, today):
        raise ValidationError({"person": _("该人员不在法定劳动年龄内，不能办理求职登记。")})
    if person.is_employed and person.status != LabourStatus.FARMING:  # farmers seek non-farm work
        raise ValidationError(
            {
                "person": _("该人员在台账中为“%(status)s”，已就业的人员请先更新就业状态。")
                % {"status": person.get_status_display()}
            }
        )
    if Seeker.objects.active().filter(person=person).exists():
        raise ValidationError({"person": _("该人员已有有效的求职登记。")})
    seeker = Seeker(person=person, region_id=person.region_id, registered_on=today, **fields)
    seeker.full_clean(exclude=["person"])
    seeker._history_user = actor
    seeker.save()
    _set_wishes(seeker, occupations, places)
    refresh_priority(Seeker.objects.filter(pk=seeker.pk), actor=actor)
    seeker.refresh_from_db()
    return seeker


def seeker_update(
    *, actor, seeker: Seeker, expected_version: int, occupations=None, places=None, **fields
) -> Seeker:
    require(actor, "jobs.change_seeker")
    check_scope(Seeker.objects.editable_by(actor), seeker)
    if seeker.status != SeekerStatus.ACTIVE:
        raise ValidationError(_("只有求职中的登记可以修改。"))
    with transaction.atomic():
        for name, value in fields.items():
            setattr(seeker, name, value)
        seeker.full_clean(exclude=["person"])
        save_versioned(seeker, expected_version=expected_version, actor=actor)
        if occupations is not None or places is not None:
            _set_wishes(
                seeker,
                seeker.occupations.all() if occupations is None else occupations,
                seeker.places.all() if places is None else places,
            )
    return seeker


def seeker_close(*, actor, seeker: Seeker, expected_version: int) -> Seeker:
    """The person no longer seeks work through the office (撤销求职登记)."""
    require(actor, "jobs.change_seeker")
    check_scope(Seeker.objects.editable_by(actor), seeker)
    if seeker.status != SeekerStatus.ACTIVE:
        raise ValidationError(_("该求职登记已办结。"))
    with transaction.atomic():
        seeker.status = SeekerStatus.CLOSED
        save_versioned(seeker, expected_version=expected_version, actor=actor)
        _cancel_open_referrals(seeker, actor, _("求职登记已撤销。"))
    return seeker


def _cancel_open_referrals(seeker: Seeker, actor, reason: str) -> None:
    for referral in Referral.objects.filter(seeker=seeker, state__in=OPEN_REFERRAL_STATES):
        workflow.fire(referral, "cancel", actor=actor, comment=str(reason))


def _lock_active(seeker: Seeker) -> Seeker:
    """The seeker's row, locked before any referral's rows (so two answers for one seeker
    queue instead of deadlocking), if the registration is still active."""
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.status != SeekerStatus.ACTIVE:
        raise ValidationError(
            {
                "seeker": _("该求职登记为“%(status)s”，不能再推荐或录用。")
                % {"status": seeker.get_status_display()}
            }
        )
    return seeker


def person_employed(*, person: Person, record, actor) -> None:
    """Work off the farm, whichever line of work recorded it, ends the person's job seeking
    (已就业) and cancels the referrals still open (the registry's ``status_handlers``)."""
    if record.status not in NON_FARM:
        return
    for seeker in Seeker.objects.active().filter(person=person).select_for_update():
        history.change(seeker, actor=actor, status=SeekerStatus.EMPLOYED)
        _cancel_open_referrals(
            seeker,
            actor,
            _("求职者已就业（%(status)s）。") % {"status": record.get_status_display()},
        )


def person_moving(*, person: Person, on: datetime.date, actor) -> None:
    """A resident moves (``ledger.services.person_transfer``): their job seeking with this
    office ends (迁出本地) and their open referrals are cancelled; the new office registers them
    again if they still seek work."""
    for seeker in Seeker.objects.active().filter(person=person):
        history.change(seeker, actor=actor, status=SeekerStatus.CLOSED)
        _cancel_open_referrals(seeker, actor, _("迁出本地。"))


# Referrals ------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *, actor, seeker: Seeker, vacancy: Vacancy, match_score=None, comment=""
) -> Referral:
    """Refer a seeker of the actor's jurisdiction to a published vacancy of any jurisdiction.
    A seeker has at most one open referral to one vacancy (a database constraint too)."""
    check_scope(Seeker.objects.editable_by(actor), seeker, field="seeker")
    if actor.org_id is None:
        raise ValidationError(_("您的账号不属于任何服务机构，不能开具介绍信。"))
    seeker = _lock_active(seeker)
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if not vacancy.is_published or vacancy.open_posts == 0:
        raise ValidationError({"vacancy": _("该岗位已不在招聘中，不能推荐。")})
    if Referral.objects.filter(
        seeker=seeker, vacancy=vacancy, state__in=OPEN_REFERRAL_STATES
    ).exists():
        raise ValidationError({"vacancy": _("已推荐该求职者到此岗位，尚未有结果，不能重复推荐。")})
    referral = Referral(
        seeker=seeker, vacancy=vacancy, org_id=actor.org_id, region_id=seeker.region_id,
        referred_by=actor, referred_on=timezone.localdate(), match_score=match_score,
    )  # fmt: skip
    try:
        with transaction.atomic():
            workflow.start(referral, actor=actor, comment=comment)
    except IntegrityError:
        raise ValidationError({"vacancy": _("已推荐该求职者到此岗位，不能重复推荐。")}) from None
    return referral


@transaction.atomic
def referral_hire(
    *, actor, referral: Referral, hired_on: datetime.date, contract_months: int,
    social_insurance: bool, note: str = "",
) -> Referral:  # fmt: skip
    """The employer hired the seeker: the ledger records the person as employed at the
    employer from ``hired_on`` (with history; a zero-employment household follows), the
    seeker's registration ends, and the vacancy counts the hire (filled when all posts are)."""
    today = timezone.localdate()
    if hired_on > today:
        raise ValidationError({"hired_on": _("入职日期不能晚于今天。")})
    if hired_on < referral.referred_on:
        raise ValidationError({"hired_on": _("入职日期不能早于推荐日期。")})
    if not contract_months:
        raise ValidationError({"contract_months": _("请填写劳动合同期限。")})
    check_scope(Referral.objects.editable_by(actor), referral)
    seeker = _lock_active(referral.seeker)
    answer = {"hired_on": hired_on, "contract_months": contract_months,
              "social_insurance": social_insurance, "answer_note": note}  # fmt: skip
    workflow.fire(referral, "hire", actor=actor, comment=note, by_service=True, values=answer)
    vacancy = Vacancy.objects.select_for_update().get(pk=referral.vacancy_id)
    history.change(vacancy, actor=actor, hired=vacancy.hired + 1)
    if vacancy.state == VacancyState.OPEN and vacancy.hired >= vacancy.posts:
        workflow.fire_automatic(vacancy, "fill", actor=actor)
    employer = vacancy.employer
    refresh_priority(Seeker.objects.filter(pk=seeker.pk), actor=actor)  # as it stood when hired
    seeker.refresh_from_db()
    person = Person.objects.select_for_update().get(pk=seeker.person_id)
    # the status change ends the seeking and the other referrals (``person_employed``) and the
    # unemployment registration; a zero-employment household follows
    status_change(
        actor=actor, person=person, status=LabourStatus.EMPLOYED_UNIT, since=hired_on,
        employer=employer.name, industry=employer.industry.name, occupation=vacancy.occupation.name,
        note=_("经职业介绍就业（介绍信%(number)s）") % {"number": referral.number},
    )  # fmt: skip
    return referral


@transaction.atomic
def referral_not_hired(*, actor, referral: Referral, reason: str, note: str = "") -> Referral:
    if not reason:
        raise ValidationError({"reason": _("请选择未录用原因。")})
    check_scope(Referral.objects.editable_by(actor), referral)
    workflow.fire(referral, "not_hire", actor=actor, comment=note, by_service=True,
                  values={"not_hired_reason": reason, "answer_note": note})  # fmt: skip
    return referral


def seekers_refresh_priority() -> int:
    """Nightly: the priority flags of every active seeker."""
    return refresh_priority(Seeker.objects.active())
