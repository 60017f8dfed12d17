import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jiuye.core import workflow
from jiuye.subsidies.models import Claim
from jiuye.tests.lists import rows_shown
from jiuye.training import services
from jiuye.training.models import Course, Enrolment, Institution, Need
from jiuye.training.tests.helpers import course, institution, registered_unemployed
from jiuye.training.tests.test_rules import at

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_the_county_designates_an_institution_and_opens_a_course_that_the_community_refers_to(
    approver, coordinator, login, client
):
    browser = login(approver)
    response = browser.post(reverse("training:institution-add"), {
        "name": "页面职业培训学校", "credit_code": "52370102MJD1234570", "region": "370102000000",
        "address": "经十路9号", "contact_name": "王", "contact_phone": "0531-1", "designated_from": "2025-01-01",
        "active": "on",
    })  # fmt: skip
    assert response.status_code == 200  # a bad check digit: the form comes back
    assert "统一社会信用代码" in response.content.decode()
    response = browser.post(reverse("training:institution-add"), {
        "name": "页面职业培训学校", "credit_code": "52370102MJD1234562", "region": "370102000000",
        "address": "经十路9号", "contact_name": "王", "contact_phone": "0531-1", "designated_from": "2025-01-01",
        "active": "on",
    })  # fmt: skip
    school = Institution.objects.get(name="页面职业培训学校")
    assert response.status_code == 302 and response["Location"] == school.get_absolute_url()
    start = TODAY() + datetime.timedelta(days=5)
    response = browser.post(reverse("training:course-add"), {
        "institution": school.pk, "kind": "vocational", "occupation": "", "title": "页面培训班",
        "starts_on": start, "ends_on": start + datetime.timedelta(days=20), "hours": 60, "capacity": 10,
        "place": "教室", "published": "on",
    })  # fmt: skip
    assert "职业技能培训须选择培训职业" in response.content.decode()
    browser.post(reverse("training:course-add"), {
        "institution": school.pk, "kind": "vocational", "occupation": "4-07-05-01 保安员", "title": "页面培训班",
        "starts_on": start, "ends_on": start + datetime.timedelta(days=20), "hours": 60, "capacity": 10,
        "place": "教室", "published": "on",
    })  # fmt: skip
    lesson = Course.objects.get(title="页面培训班")
    assert lesson.region_id == school.region_id
    # the community sees it among the courses it may refer to, and refers a resident
    browser = login(coordinator)
    assert "页面培训班" in browser.get(reverse("training:catalogue")).content.decode()
    person = registered_unemployed(coordinator, "页面参训")
    assert "页面参训" in browser.get(reverse("training:candidates")).content.decode()
    browser.post(reverse("training:need-add", args=[person.pk]), {"kind": "vocational", "occupation": "",
                                                                  "note": "想学保安"})  # fmt: skip
    need = Need.objects.get(person=person)
    assert "页面参训" not in browser.get(reverse("training:candidates")).content.decode()
    response = browser.post(
        reverse("training:enrolment-add", args=[person.pk]), {"course": lesson.pk}
    )
    enrolment = Enrolment.objects.get(person=person)
    assert response["Location"] == enrolment.get_absolute_url()
    need.refresh_from_db()
    assert need.state == "met"
    page = browser.get(enrolment.get_absolute_url()).content.decode()
    assert "登记报到参训" in page and "页面培训班" in page
    browser.post(reverse("training:enrolment-fire", args=[enrolment.pk]), {"transition": "attend"})
    browser.post(
        reverse("training:enrolment-attendance", args=[enrolment.pk]), {"attended_hours": 61}
    )
    enrolment.refresh_from_db()
    assert (
        enrolment.state == "attending" and enrolment.attended_hours is None
    )  # refused: over the hours
    browser.post(
        reverse("training:enrolment-attendance", args=[enrolment.pk]), {"attended_hours": 30}
    )
    enrolment.refresh_from_db()
    assert enrolment.attended_hours == 30
    page = browser.get(reverse("training:course", args=[lesson.pk]))
    assert page.status_code == 404  # the course sits in the county, outside the village


def test_a_completed_trainee_gets_a_certificate_and_is_on_the_claim(coordinator, approver, login):
    start = TODAY() - datetime.timedelta(days=40)

    with at(start):
        lesson = course(
            approver, institution(approver), starts_on=start + datetime.timedelta(days=1)
        )
        person = registered_unemployed(coordinator, "结业页面")
        browser = login(coordinator)
        browser.post(reverse("training:enrolment-add", args=[person.pk]), {"course": lesson.pk})
    enrolment = Enrolment.objects.get(person=person)
    workflow.fire(enrolment, "attend", actor=coordinator)
    browser = login(coordinator)  # the session of 40 days ago has expired
    browser.post(reverse("training:enrolment-complete", args=[enrolment.pk]),
                 {"completed_on": lesson.ends_on, "attended_hours": 95})  # fmt: skip
    browser.post(reverse("training:enrolment-certificate", args=[enrolment.pk]), {
        "certificate_kind": "skill_level", "certificate_number": "DJ2026001", "certificate_issued_on": lesson.ends_on,
        "appraisal_result": "passed", "appraisal_level": "5",
    })  # fmt: skip
    enrolment.refresh_from_db()
    assert enrolment.state == "completed" and enrolment.certificate_number == "DJ2026001"
    assert enrolment.appraisal_level == "5"
    page = browser.get(enrolment.get_absolute_url()).content.decode()
    assert "职业技能等级证书" in page and "五级/初级工" in page
    response = browser.post(reverse("subsidies:prepare"), {"kind": "training_vocational",
                                                           "month": f"{lesson.ends_on:%Y-%m}"})  # fmt: skip
    claim = Claim.objects.get(kind="training_vocational", org=coordinator.org)
    assert response["Location"] == claim.get_absolute_url()
    claim_page = browser.get(claim.get_absolute_url()).content.decode()
    assert "职业技能等级证书" in claim_page and "职业培训补贴标准" in claim_page
    assert claim.lines.filter(person=person).count() == 1
    # the approver reads the course with its employment rates
    page = login(approver).get(reverse("training:course", args=[lesson.pk])).content.decode()
    assert "培训后就业率" in page and "结业页面" in page


def test_a_sibling_county_gets_404_for_the_county_s_records(
    approver, coordinator, sibling_approver, login
):
    lesson = course(approver, institution(approver), starts_on=TODAY() + datetime.timedelta(days=3))
    person = registered_unemployed(coordinator, "外县不可见")

    need = services.need_record(actor=coordinator, person=person, kind="vocational")
    enrolment = services.enrolment_create(actor=coordinator, person=person, course=lesson)
    browser = login(sibling_approver)
    for url in (reverse("training:institution", args=[lesson.institution_id]),
                reverse("training:institution-edit", args=[lesson.institution_id]),
                reverse("training:course", args=[lesson.pk]), reverse("training:course-edit", args=[lesson.pk]),
                reverse("training:need", args=[need.pk]), reverse("training:enrolment", args=[enrolment.pk]),
                f"/api/v1/training/institutions/{lesson.institution_id}/", f"/api/v1/training/courses/{lesson.pk}/",
                f"/api/v1/training/needs/{need.pk}/", f"/api/v1/training/enrolments/{enrolment.pk}/"):  # fmt: skip
        assert browser.get(url).status_code == 404, url
    for url, record in (("/api/v1/training/institutions/", lesson.institution), ("/api/v1/training/courses/", lesson),
                        ("/api/v1/training/needs/", need), ("/api/v1/training/enrolments/", enrolment)):  # fmt: skip
        found = [row["id"] for row in browser.get(url + "?page_size=1000").json()["results"]]
        assert record.pk not in found, url
    assert "外县不可见" not in browser.get(reverse("training:enrolments")).content.decode()


# The lists of training: who reads them (the county's institutions and courses are not the
# village's), the rows each shows, and its number of queries, the same for a few rows or many.
LISTS = [
    ("training:catalogue", "coordinator", "courses", 10),
    ("training:institutions", "approver", "institutions", 10),
    ("training:courses", "approver", "courses", 10),
    ("training:needs", "coordinator", "needs", 10),
    ("training:candidates", "coordinator", "candidates", 13),
    ("training:enrolments", "coordinator", "enrolments", 10),
    ("training-institution-list", "approver", "institutions", 9),
    ("training-course-list", "approver", "courses", 9),
    ("training-need-list", "coordinator", "needs", 9),
    ("training-enrolment-list", "coordinator", "enrolments", 9),
]


@pytest.mark.parametrize(("name", "reader", "rows", "queries"), LISTS)
def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_many(
    name, reader, rows, queries, coordinator, approver, login, django_assert_num_queries
):

    school = institution(approver)
    opens = TODAY() + datetime.timedelta(days=3)
    lesson = course(approver, school, starts_on=opens, title="列表班")

    def add(numbers):
        for n in numbers:
            if rows == "institutions":
                institution(approver)
            elif rows == "courses":
                course(approver, school, starts_on=opens, title=f"列表班{n}")
            else:  # candidates: registered unemployed residents of village A
                person = registered_unemployed(coordinator, f"列表{n}")
                if rows == "needs":
                    services.need_record(actor=coordinator, person=person, kind="vocational")
                elif rows == "enrolments":
                    services.enrolment_create(actor=coordinator, person=person, course=lesson)

    add(range(2))
    browser = login(coordinator if reader == "coordinator" else approver)
    browser.get(reverse(name))  # the first request of the session
    with django_assert_num_queries(queries):
        few = browser.get(reverse(name))
    add(range(2, 20))
    with django_assert_num_queries(queries):
        many = browser.get(reverse(name))
    assert few.status_code == many.status_code == 200
    assert rows_shown(few) < rows_shown(many)


def test_the_candidates_page_narrows_to_a_region_of_the_jurisdiction(reviewer, coordinator, login):
    person = registered_unemployed(coordinator, "摸底甲村")
    browser = login(reviewer)
    assert (
        "摸底甲村"
        in browser.get(reverse("training:candidates") + "?region=370102001002").content.decode()
    )
    assert (
        "摸底甲村"
        not in browser.get(reverse("training:candidates") + "?region=370102001003").content.decode()
    )
    assert (
        "摸底甲村"
        not in browser.get(reverse("training:candidates") + "?region=3701").content.decode()
    )
    page = login(coordinator).get(reverse("training:candidates")).content.decode()
    assert reverse("training:need-add", args=[person.pk]) in page
