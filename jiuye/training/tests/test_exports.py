"""The Excel of the candidates for a training need and of the referral subsidy's accounts
(``core.exporting``): the file holds the rows the page holds for the user's jurisdiction and
filters, numbers masked unless asked in full by a role that needs them (and then logged), a
sibling's file none of them, and its queries do not grow with its rows."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.conftest import VILLAGE_A
from jiuye.core import workflow
from jiuye.core.models import AccessLog
from jiuye.training import services
from jiuye.training.tests.helpers import course, institution, registered_unemployed

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[tuple]:
    """The rows of an export below its title and heads."""
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[2:]


def queries(browser, url, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url, query).status_code == 200
    return len(captured)


def test_the_candidates_file_holds_the_pages_rows_masked_unless_asked_in_full(coordinator, login):
    people = [registered_unemployed(coordinator, f"导出摸底{n}") for n in range(3)]
    browser = login(coordinator)
    query = {"q": "导出摸底", "region": VILLAGE_A}
    page = browser.get(reverse("training:candidates"), query)
    shown = [(p.name, p.masked_id_number, p.region_id) for p in page.context["object_list"]]
    assert (
        len(shown) == 3
        and f'href="{reverse("training:candidates-export")}?' in page.content.decode()
    )
    rows = rows_of(browser.get(reverse("training:candidates-export"), query))
    assert [(row[0], row[1], row[4]) for row in rows] == shown
    assert all(row[6] == "是" for row in rows)  # registered unemployed
    assert not AccessLog.objects.views().filter(user=coordinator).exists()
    full = rows_of(browser.get(reverse("training:candidates-export"), {**query, "full": "1"}))
    assert {row[1] for row in full} == {person.id_number for person in people}
    logged = AccessLog.objects.views().filter(user=coordinator).values_list("object_id", flat=True)
    assert sorted(logged) == sorted(person.pk for person in people)


def test_a_sibling_exports_none_of_the_candidates_and_queries_do_not_grow_with_rows(
    coordinator, sibling_coordinator, login
):
    registered_unemployed(coordinator, "导出外村")
    url = reverse("training:candidates-export")
    for query in ({"q": "导出外村", "full": "1"}, {"region": VILLAGE_A}):
        assert rows_of(login(sibling_coordinator).get(url, query)) == []
    browser = login(coordinator)
    browser.get(url, {"q": "导出查询"})
    registered_unemployed(coordinator, "导出查询0")
    few = queries(browser, url, {"q": "导出查询"})
    for n in range(1, 6):
        registered_unemployed(coordinator, f"导出查询{n}")
    assert len(rows_of(browser.get(url, {"q": "导出查询"}))) == 6
    assert queries(browser, url, {"q": "导出查询"}) == few


def took_part(coordinator, lesson, name):
    person = registered_unemployed(coordinator, name)
    enrolment = services.enrolment_create(actor=coordinator, person=person, course=lesson)
    workflow.fire(enrolment, "attend", actor=coordinator)
    return enrolment


def test_the_referral_accounts_file_holds_the_pages_accounts_and_a_siblings_none(
    coordinator, approver, sibling_approver, sibling_coordinator, login
):
    began = timezone.localdate() - datetime.timedelta(days=2)
    schools = [institution(approver) for _n in range(2)]
    for school in schools:
        lesson = course(approver, school, starts_on=began)
        took_part(coordinator, lesson, f"{school.name}学员")
    browser = login(approver)
    query = {"region": VILLAGE_A}
    page = browser.get(reverse("training:referral-accounts"), query)
    shown = [(a.org.name, a.institution.name, a.trainees, a.owed, a.paid, a.outstanding)
             for a in page.context["object_list"]]  # fmt: skip
    assert {school.name for school in schools} <= {account[1] for account in shown}
    content = page.content.decode()
    assert f'href="{reverse("training:referral-accounts-export")}?' in content
    rows = rows_of(browser.get(reverse("training:referral-accounts-export"), query))
    assert [
        (row[0], row[2], row[3], *(Decimal(str(cell)) for cell in row[4:7])) for row in rows
    ] == shown
    assert all(row[1] == VILLAGE_A for row in rows)
    # the sibling county's approver and the sibling village's coordinator: none of them
    for sibling in (sibling_approver, sibling_coordinator):
        for asked in (query, {"full": "1"}):
            names = {row[2] for row in rows_of(login(sibling).get(
                reverse("training:referral-accounts-export"), asked))}  # fmt: skip
            assert not names & {school.name for school in schools}


def test_the_referral_accounts_file_takes_as_many_queries_for_one_account_as_for_many(
    coordinator, approver, login
):
    began = timezone.localdate() - datetime.timedelta(days=2)
    url, query = reverse("training:referral-accounts-export"), {"region": VILLAGE_A}
    browser = login(approver)
    took_part(coordinator, course(approver, institution(approver), starts_on=began), "查询甲")
    browser.get(url, query)
    before = len(rows_of(browser.get(url, query)))
    few = queries(browser, url, query)
    for n, where in enumerate(("370102000000", "370102001000", VILLAGE_A, "370102002000")):
        school = institution(approver, region_code=where)
        took_part(coordinator, course(approver, school, starts_on=began), f"查询{n}")
    assert len(rows_of(browser.get(url, query))) == before + 4
    assert queries(browser, url, query) == few
