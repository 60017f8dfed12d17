"""The training subsidies (职业培训补贴、创业培训补贴, guideline 十七): for each trainee who
completed a course of a designated institution with enough attendance (and the certificate,
where the parameter requires it), once per person and kind of training.

The guideline has the institution claim it per trainee on completion; the claim here is
still made by the office that referred the trainee (``Claim.org`` is an office) until the
kinds say who claims and approves them. It is distinct from the referral subsidy
(推荐参训补助, ``selectors.referral_accounts``), which the institution pays the referring
office for each trainee who took part, outside the claims."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core import parameters
from jiuye.core.scoping import subtree_q
from jiuye.subsidies.kinds import Line, SubsidyKind
from jiuye.subsidies.models import ClaimLine
from jiuye.training.choices import CourseKind
from jiuye.training.models import Enrolment

PERIOD = "once"  # once per person and kind: the claim lines' (kind, person, period) is unique
VOCATIONAL = "training_vocational"
STARTUP = "training_startup"
AMOUNT_KEYS = {
    CourseKind.VOCATIONAL: (
        "subsidies.training_vocational_amount",
        gettext_lazy("职业培训补贴标准"),
    ),
    CourseKind.STARTUP: ("subsidies.training_startup_amount", gettext_lazy("创业培训补贴标准")),
}


def _lines(kind_code: str, course_kind: str, org, first, last) -> list[Line]:
    """The completions of the month through ``org``'s referrals, and any of this year or the
    last that an earlier claim left out, that the subsidy pays for and no claim holds yet.
    The parameters are those in force on the day of completion."""
    region = org.region_id
    done = (
        Enrolment.objects.filter(org=org, state="completed", course__kind=course_kind,
                                 completed_on__range=(datetime.date(first.year - 1, 1, 1), last))
        .select_related("person", "course__institution", "course__occupation")
        .order_by("completed_on", "pk")
    )  # fmt: skip
    claimed = set(
        ClaimLine.objects.filter(kind=kind_code, void=False, person__in=done.values("person"))
        .values_list("person_id", flat=True)
    )  # fmt: skip
    key, label = AMOUNT_KEYS[course_kind]
    lines = []
    for enrolment in done:
        person, day, course = enrolment.person, enrolment.completed_on, enrolment.course
        if person.pk in claimed:
            continue
        minimum = parameters.value("subsidies.training_min_attendance", region, day)
        needs_certificate = parameters.value("subsidies.training_certificate_required", region, day)
        rate = enrolment.attendance_rate or 0
        has_certificate = bool(enrolment.certificate_number)
        institution = course.institution
        if rate < minimum or (needs_certificate and not has_certificate):
            continue
        if not institution.is_designated_on(course.starts_on):
            continue
        claimed.add(person.pk)
        amount = parameters.value(key, region, day)
        if has_certificate:
            certificate = _("取得%(kind)s（编号%(number)s，%(date)s发证）") % {
                "kind": enrolment.get_certificate_kind_display(),
                "number": enrolment.certificate_number,
                "date": enrolment.certificate_issued_on,
            }
        else:
            certificate = _("未取得证书")
        explanation = _(
            "经本机构推荐参加定点培训机构%(institution)s举办的“%(course)s”（%(kind)s，%(start)s至%(end)s，"
            "%(hours)s学时），%(day)s结业；出勤%(attended)s学时，出勤率%(rate)s%%，不低于参数“培训补贴最低出勤率”%(minimum)s%%；"
            "%(certificate)s，参数“培训补贴须取得证书”为%(required)s；按参数“%(label)s”%(amount)s元；"
            "每人每类培训限享受一次。"
        ) % {
            "institution": institution.name, "course": course.title, "kind": course.get_kind_display(),
            "start": course.starts_on, "end": course.ends_on, "hours": course.hours, "day": day,
            "attended": enrolment.attended_hours, "rate": rate, "minimum": minimum,
            "certificate": certificate, "required": _("是") if needs_certificate else _("否"),
            "label": label, "amount": amount,
        }  # fmt: skip
        lines.append(Line(person_id=person.pk, region_id=person.region_id, period=PERIOD,
                          amount=amount, explanation=explanation, source=enrolment))  # fmt: skip
    return lines


def vocational_lines(org, first, last) -> list[Line]:
    return _lines(VOCATIONAL, CourseKind.VOCATIONAL, org, first, last)


def startup_lines(org, first, last) -> list[Line]:
    return _lines(STARTUP, CourseKind.STARTUP, org, first, last)


def _offices(course_kind: str):
    def offices(prefix, first, last) -> set[int]:
        """The offices whose referred trainees completed this year or the last."""
        done = Enrolment.objects.filter(
            subtree_q("org__region_id", prefix), state="completed", course__kind=course_kind,
            completed_on__range=(datetime.date(first.year - 1, 1, 1), last),
        )  # fmt: skip
        return set(done.values_list("org_id", flat=True).distinct())

    return offices


TRAINING_VOCATIONAL = SubsidyKind(
    code=VOCATIONAL, label=gettext_lazy("职业培训补贴"), rule=vocational_lines,
    offices=_offices(CourseKind.VOCATIONAL),
)  # fmt: skip
TRAINING_STARTUP = SubsidyKind(
    code=STARTUP, label=gettext_lazy("创业培训补贴"), rule=startup_lines,
    offices=_offices(CourseKind.STARTUP),
)  # fmt: skip
