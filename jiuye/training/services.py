"""Writes of vocational and entrepreneurship training: designated institutions and courses
(the county), training needs and referrals to courses (the community and township), and the
attendance, completion, certificate and skill appraisal of each trainee."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import history, workflow
from jiuye.core.money import ZERO
from jiuye.core.services import check_scope, require, save_versioned
from jiuye.jobs.services import clean_credit_code
from jiuye.ledger.models import Person
from jiuye.ledger.selectors import is_of_working_age
from jiuye.regions.models import Region, ServiceOrg
from jiuye.training.choices import CourseKind, NeedState
from jiuye.training.models import Course, Enrolment, Institution, Need, ReferralPayment
from jiuye.training.selectors import referral_amounts
from jiuye.training.workflow import OPEN_ENROLMENT_STATES

# Institutions ---------------------------------------------------------------------------


def _check_institution(institution: Institution) -> None:
    if (
        institution.designated_until
        and institution.designated_from
        and institution.designated_until < institution.designated_from
    ):
        raise ValidationError({"designated_until": _("认定截止日期不能早于起始日期。")})


@transaction.atomic
def institution_create(*, actor, region: Region, credit_code: str, **fields) -> Institution:
    """Designate a training institution of the actor's county (定点培训机构认定)."""
    require(actor, "training.add_institution")
    check_scope(Region.objects.editable_by(actor), region, field="region")
    code = clean_credit_code(credit_code)
    if Institution.objects.filter(credit_code=code).exists():
        raise ValidationError({"credit_code": _("该统一社会信用代码已认定为定点培训机构。")})
    institution = Institution(region=region, credit_code=code, **fields)
    _check_institution(institution)
    institution.full_clean()
    institution._history_user = actor
    try:
        with transaction.atomic():
            institution.save()
    except IntegrityError:
        raise ValidationError({"credit_code": _("该统一社会信用代码已登记。")}) from None
    return institution


def institution_update(
    *, actor, institution: Institution, expected_version: int, **fields
) -> Institution:
    require(actor, "training.change_institution")
    check_scope(Institution.objects.editable_by(actor), institution)
    if "region" in fields:
        check_scope(Region.objects.editable_by(actor), fields["region"], field="region")
    if "credit_code" in fields:
        fields["credit_code"] = clean_credit_code(fields["credit_code"])
        if (
            Institution.objects.filter(credit_code=fields["credit_code"])
            .exclude(pk=institution.pk)
            .exists()
        ):
            raise ValidationError({"credit_code": _("该统一社会信用代码已登记为其他机构。")})
    for name, value in fields.items():
        setattr(institution, name, value)
    _check_institution(institution)
    institution.full_clean()
    with transaction.atomic():
        save_versioned(institution, expected_version=expected_version, actor=actor)
        # the courses follow their institution
        moved = Course.objects.filter(institution=institution).exclude(region=institution.region)
        history.update(moved, actor=actor, region=institution.region)
    return institution


# Courses --------------------------------------------------------------------------------


def _check_course(course: Course) -> None:
    errors = {}
    if course.starts_on and course.ends_on and course.ends_on < course.starts_on:
        errors["ends_on"] = _("结业日期不能早于开班日期。")
    if course.kind == CourseKind.VOCATIONAL and course.occupation_id is None:
        errors["occupation"] = _("职业技能培训须选择培训职业（工种）。")
    institution = course.institution
    if course.starts_on and not institution.is_designated_on(course.starts_on):
        errors["starts_on"] = _("开班日期不在“%(name)s”的定点认定有效期内。") % {
            "name": institution.name
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def course_create(*, actor, institution: Institution, **fields) -> Course:
    """Open a course of a designated institution of the actor's county; published, the
    townships and communities of the county may refer residents to it."""
    require(actor, "training.add_course")
    check_scope(Institution.objects.editable_by(actor), institution, field="institution")
    course = Course(institution=institution, region_id=institution.region_id, **fields)
    _check_course(course)
    course.full_clean()
    course._history_user = actor
    course.save()
    return course


def course_update(*, actor, course: Course, expected_version: int, **fields) -> Course:
    require(actor, "training.change_course")
    check_scope(Course.objects.editable_by(actor), course)
    fields.pop("institution", None)  # a course stays with its institution
    for name, value in fields.items():
        setattr(course, name, value)
    _check_course(course)
    taken = course.enrolments.exclude(state="dropped").count()
    if course.capacity < taken:
        raise ValidationError({"capacity": _("已推荐%(n)s人，计划人数不能更少。") % {"n": taken}})
    course.full_clean()
    save_versioned(course, expected_version=expected_version, actor=actor)
    return course


# Needs ----------------------------------------------------------------------------------


@transaction.atomic
def need_record(*, actor, person: Person, kind: str, occupation=None, note: str = "") -> Need:
    """Record a resident's wish to be trained (了解、掌握培训需求)."""
    require(actor, "training.add_need")
    check_scope(Person.objects.editable_by(actor), person, field="person")
    today = timezone.localdate()
    if not is_of_working_age(person, today):
        raise ValidationError({"person": _("该人员不在法定劳动年龄内。")})
    if Need.objects.open().filter(person=person, kind=kind).exists():
        raise ValidationError({"kind": _("该人员已有待安排的同类培训需求。")})
    need = Need(person=person, region_id=person.region_id, kind=kind, occupation=occupation,
                note=note, recorded_on=today, recorded_by=actor)  # fmt: skip
    try:
        with transaction.atomic():
            workflow.start(need, actor=actor)
    except IntegrityError:
        raise ValidationError({"kind": _("该人员已有待安排的同类培训需求。")}) from None
    return need


def need_close(*, actor, need: Need, comment: str = "") -> Need:
    """The resident no longer wishes the training, or was trained otherwise."""
    if need.state != NeedState.OPEN:
        raise ValidationError(_("该培训需求已办结。"))
    workflow.fire(need, "close", actor=actor, comment=comment)
    return need


# Enrolments -----------------------------------------------------------------------------


@transaction.atomic
def enrolment_create(*, actor, person: Person, course: Course, comment: str = "") -> Enrolment:
    """Refer a resident of the actor's jurisdiction to a published course of the county's
    designated institutions (推荐参训): once per person and course, within the course's
    capacity. The resident's open need of that kind is met."""
    check_scope(Person.objects.editable_by(actor), person, field="person")
    if actor.org_id is None:
        raise ValidationError(_("您的账号不属于任何服务机构，不能推荐参训。"))
    if not Course.objects.offered_to(actor).filter(pk=course.pk).exists():
        raise ValidationError({"course": _("该培训班未向本辖区发布或已结束，不能推荐。")})
    course = Course.objects.select_for_update().select_related("institution").get(pk=course.pk)
    today = timezone.localdate()
    if not is_of_working_age(person, today):
        raise ValidationError({"person": _("该人员不在法定劳动年龄内，不能推荐参训。")})
    if Enrolment.objects.filter(person=person, course=course).exists():
        raise ValidationError({"course": _("该人员已推荐参加此培训班，不能重复推荐。")})
    if Enrolment.objects.filter(person=person, state__in=OPEN_ENROLMENT_STATES).exists():
        raise ValidationError({"person": _("该人员正在参加其他培训，结业或退出后才能再推荐。")})
    taken = course.enrolments.exclude(state="dropped").count()
    if taken >= course.capacity:
        raise ValidationError(
            {"course": _("该培训班计划%(n)s人，已推荐满额。") % {"n": course.capacity}}
        )
    need = Need.objects.open().filter(person=person, kind=course.kind).first()
    enrolment = Enrolment(
        person=person, course=course, need=need, org_id=actor.org_id, region_id=person.region_id,
        referred_on=today, referred_by=actor,
    )  # fmt: skip
    try:
        with transaction.atomic():
            workflow.start(enrolment, actor=actor, comment=comment)
    except IntegrityError:  # another office referred the resident meanwhile
        if Enrolment.objects.filter(person=person, course=course).exists():
            raise ValidationError(
                {"course": _("该人员已推荐参加此培训班，不能重复推荐。")}
            ) from None
        raise ValidationError(
            {"person": _("该人员正在参加其他培训，结业或退出后才能再推荐。")}
        ) from None
    if need is not None:
        workflow.fire(need, "meet", actor=actor, by_service=True)
    return enrolment


def _check_hours(enrolment: Enrolment, hours) -> None:
    if hours is not None and hours > enrolment.course.hours:
        raise ValidationError(
            {"attended_hours": _("出勤学时不能超过课程学时%(n)s。") % {"n": enrolment.course.hours}}
        )


@transaction.atomic
def enrolment_attendance(*, actor, enrolment: Enrolment, attended_hours: int) -> Enrolment:
    """Record the hours a trainee attended so far (from the institution's sign-in sheets)."""
    require(actor, "training.change_enrolment")
    check_scope(Enrolment.objects.editable_by(actor), enrolment)
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    if enrolment.state not in OPEN_ENROLMENT_STATES:
        raise ValidationError(_("该参训记录已办结，不能再登记出勤。"))
    _check_hours(enrolment, attended_hours)
    return history.change(enrolment, actor=actor, attended_hours=attended_hours)


@transaction.atomic
def enrolment_complete(
    *, actor, enrolment: Enrolment, completed_on: datetime.date, attended_hours: int, note: str = ""
) -> Enrolment:
    """The trainee finished the course (结业) on ``completed_on`` with ``attended_hours``."""
    check_scope(Enrolment.objects.editable_by(actor), enrolment)
    current = Enrolment.objects.select_related("course").get(pk=enrolment.pk)
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("结业日期不能晚于今天。")})
    if completed_on < current.course.starts_on:
        raise ValidationError({"completed_on": _("结业日期不能早于开班日期。")})
    _check_hours(current, attended_hours)
    workflow.fire(enrolment, "complete", actor=actor, comment=note, by_service=True,
                  values={"completed_on": completed_on, "attended_hours": attended_hours})  # fmt: skip
    return enrolment


@transaction.atomic
def enrolment_certify(
    *, actor, enrolment: Enrolment, certificate_kind: str = "", certificate_number: str = "",
    certificate_issued_on: datetime.date | None = None, appraisal_result: str = "",
    appraisal_level: str = "",
) -> Enrolment:  # fmt: skip
    """Record the certificate a completed trainee obtained and the skill appraisal's result."""
    require(actor, "training.change_enrolment")
    check_scope(Enrolment.objects.editable_by(actor), enrolment)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.state != "completed":
        raise ValidationError(_("结业后才能登记证书和鉴定结果。"))
    certificate_number = certificate_number.strip()
    errors = {}
    if certificate_kind or certificate_number or certificate_issued_on:
        if not certificate_kind:
            errors["certificate_kind"] = _("请选择证书类别。")
        if not certificate_number:
            errors["certificate_number"] = _("请填写证书编号。")
        if not certificate_issued_on:
            errors["certificate_issued_on"] = _("请填写发证日期。")
        elif certificate_issued_on > timezone.localdate():
            errors["certificate_issued_on"] = _("发证日期不能晚于今天。")
        elif enrolment.completed_on and certificate_issued_on < enrolment.course.starts_on:
            errors["certificate_issued_on"] = _("发证日期不能早于开班日期。")
    if appraisal_level and appraisal_result != "passed":
        errors["appraisal_level"] = _("鉴定合格才有等级。")
    if errors:
        raise ValidationError(errors)
    return history.change(
        enrolment, actor=actor, certificate_kind=certificate_kind, certificate_number=certificate_number,
        certificate_issued_on=certificate_issued_on, appraisal_result=appraisal_result,
        appraisal_level=appraisal_level,
    )  # fmt: skip


# The referral subsidy (推荐参训补助, guideline 十七) ---------------------------------------


@transaction.atomic
def referral_payment_record(
    *, actor, institution: Institution, org: ServiceOrg, enrolments, paid_on: datetime.date,
    amount: Decimal, note: str = "",
) -> ReferralPayment:  # fmt: skip
    """Record that ``institution`` paid ``org`` the referral subsidy for ``enrolments``
    (trainees the office referred who took part and are not yet settled); ``amount`` must be
    what they are owed. The office that received it or the county records it."""
    require(actor, "training.add_referralpayment")
    check_scope(ServiceOrg.objects.editable_by(actor), org, field="org")
    chosen = {enrolment.pk for enrolment in enrolments}
    if not chosen:
        raise ValidationError({"enrolments": _("请选择本次支付结算的参训人员。")})
    locked = list(
        Enrolment.objects.select_for_update()
        .filter(pk__in=chosen, org=org, course__institution=institution, referral_payment=None)
        .took_part().select_related("course__institution").order_by("pk")
    )  # fmt: skip
    if len(locked) != len(chosen):
        raise ValidationError(
            {"enrolments": _("所选人员中有不属于该机构推荐、未参加该培训机构培训或已结算的记录。")}
        )
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("支付日期不能晚于今天。")})
    owed = sum(referral_amounts(locked).values(), ZERO)
    if amount != owed:
        raise ValidationError(
            {"amount": _("所选%(n)s人应付推荐参训补助%(owed)s元，支付金额应与之相等。")
                       % {"n": len(locked), "owed": owed}}
        )  # fmt: skip
    payment = ReferralPayment(institution=institution, org=org, region_id=org.region_id,
                              paid_on=paid_on, amount=amount, note=note, recorded_by=actor)  # fmt: skip
    payment.full_clean()
    payment._history_user = actor
    payment.save()
    history.update(Enrolment.objects.filter(pk__in=chosen), actor=actor, referral_payment=payment)
    return payment
