"""The Excel of the employers that hired assistance targets (吸纳援助对象的单位, by
``core.exporting``): the page's rows with the months they may be subsidised, a sibling's file
none of them, and its queries do not grow with its rows."""

import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jiuye.conftest import VILLAGE_A
from jiuye.jobs import services as jobs
from jiuye.jobs.tests.helpers import employer, seeker, vacancy
from jiuye.posts.tests.helpers import identified

pytestmark = pytest.mark.django_db
URL = "posts:employers-export"


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


@pytest.fixture
def job(coordinator):
    return vacancy(coordinator, employer(coordinator), posts=30)


def hire(coordinator, job, name, on=datetime.date(2026, 11, 20)):
    found = seeker(coordinator, identified(coordinator, name))
    with time_machine.travel(datetime.datetime.combine(on, datetime.time(9)), tick=False):
        referral = jobs.referral_create(actor=coordinator, vacancy=job, seeker=found)
    jobs.referral_hire(actor=coordinator, referral=referral, social_insurance=True,
                       hired_on=on, contract_months=12)  # fmt: skip
    return referral


def rows_of(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[2:]


def test_the_file_holds_the_pages_rows_and_a_siblings_none(
    coordinator, reviewer, sibling_approver, sibling_coordinator, job, login
):
    hire(coordinator, job, "吸纳导出甲", on=datetime.date(2026, 11, 3))
    hire(coordinator, job, "吸纳导出乙")
    browser = login(reviewer)
    query = {"employer": job.employer.name, "region": VILLAGE_A}
    page = browser.get(reverse("posts:employers"), query)
    assert f'href="{reverse(URL)}?' in page.content.decode()
    shown = [
        (row.referral.vacancy.employer.name, row.referral.seeker.person.name,
         f"{row.first_month:%Y-%m}", f"{row.last_month:%Y-%m}", row.limit)
        for row in page.context["object_list"]
    ]  # fmt: skip
    assert {"吸纳导出甲", "吸纳导出乙"} <= {row[1] for row in shown}
    rows = rows_of(browser.get(reverse(URL), query))
    assert [(row[0], row[2], row[6], row[7], row[8]) for row in rows] == shown
    assert ("吸纳导出甲", "2026-11") in {(row[2], row[6]) for row in rows}
    assert ("吸纳导出乙", "2026-12") in {(row[2], row[6]) for row in rows}  # after the count day
    for sibling in (sibling_approver, sibling_coordinator):
        for asked in (query, {"full": "1"}):
            names = {row[2] for row in rows_of(login(sibling).get(reverse(URL), asked))}
            assert not names & {"吸纳导出甲", "吸纳导出乙"}


def test_the_file_takes_as_many_queries_for_one_hire_as_for_many(coordinator, reviewer, job, login):
    hire(coordinator, job, "吸纳查询0")
    browser = login(reviewer)
    query = {"employer": job.employer.name}
    browser.get(reverse(URL), query)
    before = len(rows_of(browser.get(reverse(URL), query)))
    with CaptureQueriesContext(connection) as few:
        browser.get(reverse(URL), query)
    for n in range(1, 8):
        hire(coordinator, job, f"吸纳查询{n}")
    with CaptureQueriesContext(connection) as many:
        rows = rows_of(browser.get(reverse(URL), query))
    assert len(rows) == before + 7
    assert len(many) == len(few)
