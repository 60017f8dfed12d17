"""The Excel of the residents behind a figure (``ledger:behind``, by ``core.exporting``): the
page's residents for the region, the day and the ledger's filters, numbers and phones masked
unless asked in full by a role that needs them (and then logged), a sibling refused with 404,
and as many queries for a village as for the county."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jiuye.conftest import COUNTY, VILLAGE_A
from jiuye.core.models import AccessLog
from jiuye.jobs.tests.helpers import resident

pytestmark = pytest.mark.django_db
ARGS = ["long_unemployed", VILLAGE_A]


def rows_of(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[2:]


def test_the_file_holds_the_residents_of_the_page_masked_unless_asked_in_full(coordinator, login):
    people = [resident(coordinator, f"背后导出{n}", phone=f"1380000000{n}") for n in range(3)]
    browser = login(coordinator)
    query = {"q": "背后导出", "on": "2026-11-30"}
    page = browser.get(reverse("ledger:behind", args=ARGS), query)
    content = page.content.decode()
    assert f'href="{reverse("ledger:behind-export", args=ARGS)}?' in content
    assert 'name="on" value="2026-11-30"' in content  # the filter form keeps the day
    shown = [(p.name, p.masked_id_number, p.region_id, p.masked_phone)
             for p in page.context["object_list"]]  # fmt: skip
    assert {p.name for p in people} == {row[0] for row in shown}
    rows = rows_of(browser.get(reverse("ledger:behind-export", args=ARGS), query))
    assert [(row[0], row[1], row[3], row[6]) for row in rows] == shown
    assert not AccessLog.objects.views().filter(user=coordinator).exists()
    full = rows_of(browser.get(reverse("ledger:behind-export", args=ARGS), {**query, "full": "1"}))
    assert {(row[1], row[6]) for row in full} == {(p.id_number, p.phone) for p in people}
    logged = AccessLog.objects.views().filter(user=coordinator).values_list("object_id", flat=True)
    assert sorted(logged) == sorted(p.pk for p in people)


def test_a_sibling_gets_404_and_the_queries_do_not_grow_with_the_residents(
    coordinator, sibling_coordinator, sibling_approver, approver, login
):
    resident(coordinator, "背后外人")
    for sibling in (sibling_coordinator, sibling_approver):
        for code in (VILLAGE_A, COUNTY):
            url = reverse("ledger:behind-export", args=["long_unemployed", code])
            assert login(sibling).get(url, {"full": "1"}).status_code == 404
    browser = login(approver)
    counts = {}
    for code in (VILLAGE_A, COUNTY):
        url = reverse("ledger:behind-export", args=["long_unemployed", code])
        browser.get(url)
        with CaptureQueriesContext(connection) as captured:
            rows = rows_of(browser.get(url))
        counts[code] = (len(captured), len(rows))
    assert 0 < counts[VILLAGE_A][1] < counts[COUNTY][1]
    assert counts[VILLAGE_A][0] == counts[COUNTY][0]
