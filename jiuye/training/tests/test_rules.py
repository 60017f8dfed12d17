import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from jiuye.conftest import VILLAGE_B
from jiuye.core import history, workflow
from jiuye.core.indicators import Query
from jiuye.core.models import PolicyParameter
from jiuye.core.parameters import PARAMETERS
from jiuye.core.workdays import add_months
from jiuye.jobs.tests.helpers import SIBLING_VILLAGE, resident, seeker, user
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.regions.models import Region
from jiuye.subsidies.kinds import month_bounds
from jiuye.subsidies.models import ClaimLine
from jiuye.subsidies.report import programme_report
from jiuye.subsidies.services import claim_prepare
from jiuye.training import selectors, services
from jiuye.training.choices import CourseKind, NeedState
from jiuye.training.indicators import collect
from jiuye.training.models import Course, Enrolment, Need
from jiuye.training.subsidy import STARTUP, VOCATIONAL
from jiuye.training.tests.helpers import course, institution, registered_unemployed

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(10)), tick=False)


def trained(coordinator, approver, names, *, start, kind=CourseKind.VOCATIONAL, hours=(90,),
            certificate=True):  # fmt: skip
    """Registered unemployed residents referred on ``start`` to a course that ends 30 days
    later, completed then (with a certificate); returns the course and the enrolments."""
    with at(start):
        school = institution(approver)
        lesson = course(approver, school, kind=kind, starts_on=start + datetime.timedelta(days=1))
        people = [registered_unemployed(coordinator, name) for name in names]
        enrolments = [
            services.enrolment_create(actor=coordinator, person=p, course=lesson) for p in people
        ]
        for enrolment in enrolments:
            workflow.fire(enrolment, "attend", actor=coordinator)
    with at(lesson.ends_on):
        for n, enrolment in enumerate(enrolments):
            services.enrolment_complete(actor=coordinator, enrolment=enrolment, completed_on=lesson.ends_on,
                                        attended_hours=hours[n % len(hours)])  # fmt: skip
            if certificate:
                services.enrolment_certify(
                    actor=coordinator, enrolment=enrolment, certificate_kind="special",
                    certificate_number=f"ZX{enrolment.pk:08d}", certificate_issued_on=lesson.ends_on,
                    appraisal_result="passed",
                )  # fmt: skip
    return lesson, enrolments


def test_a_community_refers_a_registered_unemployed_person_and_the_referring_office_claims_the_subsidy(
    coordinator, approver
):
    start = TODAY() - datetime.timedelta(days=120)
    lesson, (enrolment,) = trained(coordinator, approver, ["培训甲"], start=start)
    enrolment.refresh_from_db()
    assert enrolment.state == "completed" and enrolment.org_id == coordinator.org_id
    assert enrolment.attendance_rate == 90 and enrolment.certificate_number
    claim = claim_prepare(actor=coordinator, kind=VOCATIONAL, month=lesson.ends_on)
    line = claim.lines.get(person=enrolment.person)
    assert claim.org_id == coordinator.org_id
    assert line.person_id == enrolment.person_id and line.amount == Decimal("600")
    assert line.period == "once" and line.source == enrolment
    for words in (lesson.title, lesson.institution.name, "出勤率90%", "专项职业能力证书",
                  "培训补贴最低出勤率”80%", "“培训补贴须取得证书”为是", "“职业培训补贴标准”600元"):  # fmt: skip
        assert words in line.explanation, words


def test_a_second_subsidy_of_the_same_kind_is_impossible_in_the_rule_and_in_the_database(
    coordinator, approver
):
    start = TODAY() - datetime.timedelta(days=200)
    first, (enrolment,) = trained(coordinator, approver, ["培训乙"], start=start)
    claim_prepare(actor=coordinator, kind=VOCATIONAL, month=first.ends_on)
    person = enrolment.person
    # the same person completes another vocational course later: no second subsidy
    with at(start + datetime.timedelta(days=60)):
        again = course(approver, first.institution, starts_on=TODAY() + datetime.timedelta(days=1))
        second = services.enrolment_create(actor=coordinator, person=person, course=again)
        workflow.fire(second, "attend", actor=coordinator)
    with at(again.ends_on):
        services.enrolment_complete(actor=coordinator, enrolment=second, completed_on=again.ends_on,
                                    attended_hours=100)  # fmt: skip
        services.enrolment_certify(actor=coordinator, enrolment=second, certificate_kind="training",
                                   certificate_number="HG1", certificate_issued_on=again.ends_on)  # fmt: skip
    later = claim_prepare(actor=coordinator, kind=VOCATIONAL, month=again.ends_on)
    assert not later.lines.filter(person=person).exists()
    line = ClaimLine.objects.get(kind=VOCATIONAL, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(claim=later, kind=VOCATIONAL, person=person, region_id=person.region_id,
                                 period="once", amount=Decimal("600"), explanation="重复",
                                 source_type=line.source_type, source_id=second.pk)  # fmt: skip
    # entrepreneurship training is another kind: it may still be paid once
    with at(start + datetime.timedelta(days=100)):
        startup = course(approver, first.institution, kind=CourseKind.STARTUP,
                         starts_on=TODAY() + datetime.timedelta(days=1))  # fmt: skip
        third = services.enrolment_create(actor=coordinator, person=person, course=startup)
        workflow.fire(third, "attend", actor=coordinator)
    with at(startup.ends_on):
        services.enrolment_complete(actor=coordinator, enrolment=third, completed_on=startup.ends_on,
                                    attended_hours=100)  # fmt: skip
        services.enrolment_certify(actor=coordinator, enrolment=third, certificate_kind="training",
                                   certificate_number="CY1", certificate_issued_on=startup.ends_on)  # fmt: skip
    line = claim_prepare(actor=coordinator, kind=STARTUP, month=startup.ends_on).lines.get(
        person=person
    )
    assert line.amount == Decimal("1200") and "“创业培训补贴标准”1200元" in line.explanation


def test_the_conditions_are_parameters_and_a_later_claim_picks_up_what_an_earlier_left_out(
    coordinator, approver, province_admin
):
    start = TODAY() - datetime.timedelta(days=150)
    lesson, (low, none, good) = trained(coordinator, approver, ["出勤低", "无证书", "合格者"], start=start,
                                        hours=(70, 100, 100))  # fmt: skip
    history.update(
        Enrolment.objects.filter(pk=none.pk), actor=None, certificate_kind="", certificate_number=""
    )
    claim = claim_prepare(actor=coordinator, kind=VOCATIONAL, month=lesson.ends_on)
    ours = {low.person_id, none.person_id, good.person_id}
    assert [line.person_id for line in claim.lines.filter(person__in=ours)] == [good.person_id]
    # the county no longer asks for a certificate, and pays 500: next month's claim takes the other
    for key, value in (("subsidies.training_certificate_required", "0"),
                       ("subsidies.training_vocational_amount", "500")):  # fmt: skip
        PolicyParameter.objects.create(key=key, value=value, region_id="370102000000",
                                       effective_from=datetime.date(2020, 1, 1))  # fmt: skip
    following = claim_prepare(
        actor=coordinator, kind=VOCATIONAL, month=add_months(lesson.ends_on, 1)
    )
    line = following.lines.get(person__in=ours)
    assert line.person_id == none.person_id and line.amount == Decimal("500")
    assert "未取得证书" in line.explanation and "“培训补贴须取得证书”为否" in line.explanation


def test_a_course_is_never_over_its_capacity_and_a_person_is_referred_once(coordinator, approver):
    school = institution(approver)
    lesson = course(approver, school, starts_on=TODAY() + datetime.timedelta(days=3), capacity=2)
    first, second, third = (
        registered_unemployed(coordinator, name) for name in ("满额一", "满额二", "满额三")
    )
    enrolment = services.enrolment_create(actor=coordinator, person=first, course=lesson)
    with pytest.raises(ValidationError) as refused:
        services.enrolment_create(actor=coordinator, person=first, course=lesson)
    assert "不能重复推荐" in str(refused.value)
    services.enrolment_create(actor=coordinator, person=second, course=lesson)
    with pytest.raises(ValidationError) as refused:
        services.enrolment_create(actor=coordinator, person=third, course=lesson)
    assert "已推荐满额" in refused.value.message_dict["course"][0]
    workflow.fire(enrolment, "drop", actor=coordinator, comment="找到工作")
    services.enrolment_create(actor=coordinator, person=third, course=lesson)  # a place came free
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(person=second, course=lesson, org_id=coordinator.org_id, region_id=second.region_id,
                                 referred_by=coordinator, state="referred")  # fmt: skip
    with pytest.raises(ValidationError):
        services.course_update(actor=approver, course=Course.objects.get(pk=lesson.pk),
                               expected_version=lesson.version, capacity=1)  # fmt: skip


def test_only_published_courses_of_the_own_county_are_offered(
    coordinator, approver, sibling_approver
):
    ours = course(approver, institution(approver), starts_on=TODAY() + datetime.timedelta(days=3))
    hidden = course(approver, institution(approver), starts_on=TODAY() + datetime.timedelta(days=3),
                    published=False)  # fmt: skip
    theirs = course(sibling_approver, institution(sibling_approver, region_code="370103000000"),
                    starts_on=TODAY() + datetime.timedelta(days=3))  # fmt: skip
    offered = set(Course.objects.offered_to(coordinator))
    assert ours in offered and hidden not in offered and theirs not in offered
    person = registered_unemployed(coordinator, "跨县")
    with pytest.raises(ValidationError):
        services.enrolment_create(actor=coordinator, person=person, course=theirs)
    other = resident(user("coordinator-" + SIBLING_VILLAGE), "外县人", region_code=SIBLING_VILLAGE)
    with pytest.raises(ValidationError):
        services.enrolment_create(actor=coordinator, person=other, course=ours)


def test_the_county_keeps_institutions_and_checks_the_credit_code(approver, coordinator):
    with pytest.raises(PermissionDenied):
        institution(coordinator)
    with pytest.raises(ValidationError) as refused:
        services.institution_create(actor=approver, region=approver.org.region, credit_code="123",
                                    name="错码学校", address="x", contact_name="x", contact_phone="1",
                                    designated_from=TODAY())  # fmt: skip
    assert "统一社会信用代码" in refused.value.message_dict["credit_code"][0]
    school = institution(approver, designated_until=TODAY() + datetime.timedelta(days=10))
    with pytest.raises(ValidationError) as refused:
        course(approver, school, starts_on=TODAY() + datetime.timedelta(days=20))
    assert "定点认定有效期" in refused.value.message_dict["starts_on"][0]


def test_the_employment_rate_after_3_and_6_months_comes_from_the_ledger(coordinator, approver):
    Enrolment.objects.all().delete()  # the report below counts this test's trainees only
    start = TODAY() - datetime.timedelta(days=300)
    lesson, (early, late, _never) = trained(
        coordinator, approver, ["两月就业", "四月就业", "未就业"], start=start
    )
    for enrolment, months in ((early, 2), (late, 4)):
        ledger.status_change(actor=coordinator, person=enrolment.person, status=LabourStatus.SELF_EMPLOYED,
                             since=add_months(lesson.ends_on, months))  # fmt: skip
    short, long = selectors.course_employment(Course.objects.get(pk=lesson.pk))
    assert (short["months"], short["cohort"], short["employed"]) == (3, 3, 1)
    assert (long["months"], long["cohort"], long["employed"]) == (6, 3, 2)
    assert long["rate"] == 66.7

    # the programmes report: the cohorts of the months 3 and 6 months after completion
    def figures(month):
        rows = collect(Query(approver, "370102", 6, *_bounds(month)))
        return rows.get("370102", {})

    assert figures(lesson.ends_on)["completed"] == 3
    three = figures(add_months(lesson.ends_on, 3))
    assert (three["cohort_3m"], three["employed_3m"]) == (3, 1)
    six = figures(add_months(lesson.ends_on, 6))
    assert (six["cohort_6m"], six["employed_6m"]) == (3, 2)


def _bounds(day):
    return month_bounds(day)


def test_candidates_are_the_unemployed_and_seekers_without_an_open_need_or_enrolment(
    coordinator, approver
):
    registered = registered_unemployed(coordinator, "候选登记")
    seeking = seeker(coordinator, resident(coordinator, "候选求职")).person
    idle = resident(coordinator, "候选未登记")
    found = set(selectors.candidates(coordinator).values_list("pk", flat=True))
    assert {registered.pk, seeking.pk} <= found and idle.pk not in found
    need = services.need_record(actor=coordinator, person=registered, kind=CourseKind.VOCATIONAL)
    assert registered.pk not in set(selectors.candidates(coordinator).values_list("pk", flat=True))
    with pytest.raises(ValidationError):
        services.need_record(actor=coordinator, person=registered, kind=CourseKind.VOCATIONAL)
    lesson = course(approver, institution(approver), starts_on=TODAY() + datetime.timedelta(days=3))
    enrolment = services.enrolment_create(actor=coordinator, person=registered, course=lesson)
    need.refresh_from_db()
    assert need.state == NeedState.MET and enrolment.need_id == need.pk
    assert not Need.objects.open().filter(person=registered).exists()
    assert registered.pk not in set(selectors.candidates(coordinator).values_list("pk", flat=True))
    assert registered.pk not in set(
        selectors.candidates(user(f"coordinator-{VILLAGE_B}")).values_list("pk", flat=True)
    )


def test_completion_records_dates_hours_and_refuses_nonsense(coordinator, approver):
    lesson = course(approver, institution(approver), starts_on=TODAY() + datetime.timedelta(days=3))
    enrolment = services.enrolment_create(
        actor=coordinator, person=registered_unemployed(coordinator, "结业检查"), course=lesson
    )
    with pytest.raises(ValidationError):  # only through the completion form
        workflow.fire(enrolment, "complete", actor=coordinator)
    with pytest.raises(ValidationError) as refused:
        services.enrolment_attendance(actor=coordinator, enrolment=enrolment, attended_hours=101)
    assert "不能超过课程学时" in refused.value.message_dict["attended_hours"][0]
    services.enrolment_attendance(actor=coordinator, enrolment=enrolment, attended_hours=40)
    workflow.fire(enrolment, "attend", actor=coordinator)
    with pytest.raises(ValidationError) as refused:
        services.enrolment_complete(
            actor=coordinator, enrolment=enrolment, completed_on=TODAY(), attended_hours=50
        )
    assert "早于开班日期" in refused.value.message_dict["completed_on"][0]
    with pytest.raises(ValidationError) as refused:
        services.enrolment_certify(actor=coordinator, enrolment=enrolment, certificate_kind="training",
                                   certificate_number="X", certificate_issued_on=TODAY())  # fmt: skip
    assert "结业后" in str(refused.value)


def test_the_programmes_report_shows_the_training_columns_with_their_rates(coordinator, approver):
    Enrolment.objects.all().delete()  # this test's trainees only
    start = TODAY() - datetime.timedelta(days=300)
    lesson, (early, _late) = trained(coordinator, approver, ["报表就业", "报表未就业"], start=start)
    ledger.status_change(actor=coordinator, person=early.person, status=LabourStatus.FLEXIBLE,
                         since=add_months(lesson.ends_on, 1))  # fmt: skip
    report = programme_report(
        approver, Region.objects.get(code="370102000000"), add_months(lesson.ends_on, 3)
    )
    labels = [str(label) for label, _columns in report.groups]
    assert "职业培训" in labels
    assert report.total.values["cohort_3m"] == 2 and report.total.values["employed_3m"] == 1
    assert report.total.values["rate_3m"] == Decimal("50.0")


def test_a_need_no_longer_wanted_is_withdrawn_and_the_person_is_a_candidate_again(
    coordinator, sibling_coordinator
):
    person = registered_unemployed(coordinator, "撤销需求")
    need = services.need_record(actor=coordinator, person=person, kind=CourseKind.STARTUP)
    with pytest.raises(Http404):  # outside the jurisdiction
        services.need_close(actor=sibling_coordinator, need=need)
    services.need_close(actor=coordinator, need=need)
    need.refresh_from_db()
    assert need.state == NeedState.CLOSED
    assert person.pk in set(selectors.candidates(coordinator).values_list("pk", flat=True))
    with pytest.raises(ValidationError):
        services.need_close(actor=coordinator, need=need)


def test_a_course_page_counts_only_the_trainees_of_the_reader_s_jurisdiction(
    coordinator, sibling_coordinator, approver, login
):

    start = TODAY() - datetime.timedelta(days=300)
    with at(start):  # a course of an institution that sits in village B, open to the county
        school = institution(approver, region_code=VILLAGE_B)
        lesson = course(approver, school, starts_on=start + datetime.timedelta(days=1))
    # two trainees of village A complete it
    with at(start):
        people = [registered_unemployed(coordinator, name) for name in ("甲村学员一", "甲村学员二")]
        enrolments = [
            services.enrolment_create(actor=coordinator, person=p, course=lesson) for p in people
        ]
        for enrolment in enrolments:
            workflow.fire(enrolment, "attend", actor=coordinator)
    with at(lesson.ends_on):
        for enrolment in enrolments:
            services.enrolment_complete(actor=coordinator, enrolment=enrolment,
                                        completed_on=lesson.ends_on, attended_hours=90)  # fmt: skip
    lesson = Course.objects.get(pk=lesson.pk)
    assert [row["cohort"] for row in selectors.course_employment(lesson, user=approver)] == [2, 2]
    assert [
        row["cohort"] for row in selectors.course_employment(lesson, user=sibling_coordinator)
    ] == [0, 0]
    # village B's coordinator reads the course of its institution without village A's figures
    page = login(sibling_coordinator).get(reverse("training:course", args=[lesson.pk]))
    assert page.status_code == 200
    assert [row["cohort"] for row in page.context["employment"]] == [0, 0]


@pytest.mark.parametrize("text", ["-600", "600.555", "NaN", "Infinity", "1e9"])
def test_a_training_subsidy_amount_must_be_yuan_to_the_fen(text):
    for key in ("subsidies.training_vocational_amount", "subsidies.training_startup_amount"):
        with pytest.raises(ValidationError) as refused:
            PARAMETERS[key].parse(text)
        assert refused.value.messages == ["应为0到1000000之间、最多两位小数的金额（元）。"]
        assert PARAMETERS[key].parse("650.50") == Decimal("650.50")


def test_the_database_keeps_a_resident_in_one_open_course_at_a_time(coordinator, approver):
    """Two offices referring the same resident to two courses at once: the service's check
    cannot see the other's uncommitted referral, the partial unique index does."""
    school = institution(approver)
    first = course(approver, school, starts_on=TODAY() + datetime.timedelta(days=3))
    second = course(approver, school, starts_on=TODAY() + datetime.timedelta(days=4))
    person = registered_unemployed(coordinator, "同时推荐")
    enrolment = services.enrolment_create(actor=coordinator, person=person, course=first)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(person=person, course=second, org_id=enrolment.org_id,
                                 region_id=person.region_id, referred_by=coordinator)  # fmt: skip
    workflow.fire(enrolment, "drop", actor=coordinator, comment="改报其他班")
    again = services.enrolment_create(actor=coordinator, person=person, course=second)
    assert again.state == "referred"


def test_the_history_of_a_completed_enrolment_shows_its_completion(coordinator, approver):
    start = TODAY() - datetime.timedelta(days=60)
    _lesson, (enrolment,) = trained(coordinator, approver, ["结业留痕"], start=start)
    completed = Enrolment.objects.get(pk=enrolment.pk)
    latest = completed.history.latest()
    assert (latest.state, latest.completed_on) == ("completed", completed.completed_on)
    assert latest.attended_hours == completed.attended_hours == 90
    before = history.record_on(completed, completed.completed_on - datetime.timedelta(days=1))
    assert before.state != "completed" and before.completed_on is None
