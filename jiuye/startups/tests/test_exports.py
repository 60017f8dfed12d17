"""The Excel of the credit communities (信用社区, by ``core.exporting``): the page's rows,
each community's loans, repayment and assessment, a sibling's file none of them, and as many
queries for one community as for a county."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.conftest import COUNTY
from jiuye.core.models import Export, ExportState
from jiuye.jobs.tests.helpers import user
from jiuye.startups.tests.helpers import lent, pay
from jiuye.startups.tests.test_credit import borrowers, village  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
URL = "startups:credit-export"


def rows_of(response) -> list[tuple]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))[2:]


def number(cell):
    return None if cell is None else Decimal(str(cell))


def test_the_file_holds_the_pages_communities_and_a_siblings_none(
    village,  # noqa: F811
    approver, sibling_approver, login,
):  # fmt: skip
    coordinator, people = borrowers(village, 3)
    reviewer = user(f"reviewer-{village.code[:9]}")
    loans = [lent(coordinator, reviewer, approver, person,
                  on=timezone.localdate() - datetime.timedelta(days=75)) for person in people]  # fmt: skip
    pay(coordinator, loans[0], 1, 2)
    browser = login(approver)
    query = {"region": village.code}
    page = browser.get(reverse("startups:credit"), query)
    assert f'href="{reverse(URL)}?' in page.content.decode()
    (row,) = page.context["object_list"]
    (cells,) = rows_of(browser.get(reverse(URL), query))
    assert cells[:3] == (village.name, village.code, village.parent.name)
    assert (cells[3], number(cells[4]), number(cells[5]), number(cells[6]), cells[7]) == (
        row.loans, row.due, row.paid, row.rate, row.overdue_days,
    )  # fmt: skip
    assert cells[8] == "未达标" and "还款率" in cells[9] and not row.is_credit
    # the county's file holds the page's communities, in its order
    county = browser.get(reverse("startups:credit"), {"region": COUNTY})
    shown = [each.region.code for each in county.context["object_list"]]
    listed = [cells[1] for cells in rows_of(browser.get(reverse(URL), {"region": COUNTY}))]
    assert village.code in listed and listed[: len(shown)] == shown
    for asked in (query, {"full": "1"}):
        assert village.code not in {
            cells[1] for cells in rows_of(login(sibling_approver).get(reverse(URL), asked))
        }


def test_the_file_takes_as_many_queries_for_a_community_as_for_the_county(
    village,  # noqa: F811
    approver, login,
):  # fmt: skip
    coordinator, people = borrowers(village, 1)
    reviewer = user(f"reviewer-{village.code[:9]}")
    lent(coordinator, reviewer, approver, people[0], on=timezone.localdate())
    browser = login(approver)
    browser.get(reverse(URL), {"region": village.code})
    counts = {}
    for where in (village.code, COUNTY):
        with CaptureQueriesContext(connection) as captured:
            rows = rows_of(browser.get(reverse(URL), {"region": where}))
        counts[where] = (len(captured), len(rows))
    assert counts[village.code][1] == 1 < counts[COUNTY][1]
    assert counts[village.code][0] == counts[COUNTY][0]


def test_a_long_file_of_computed_rows_is_made_in_the_background_with_the_same_rows(
    settings, approver, login, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 1  # more rows than this go to the background
    browser = login(approver)
    query = {"region": COUNTY}
    listed = [row.region.code for row in browser.get(reverse("startups:credit"), {
        **query, "page": 1}).context["paginator"].object_list]  # fmt: skip
    assert len(listed) > 1
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.get(reverse(URL), query)
    job = Export.objects.get(requested_by=approver)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == ExportState.DONE and job.total == len(listed)
    made = rows_of(browser.get(reverse("core:export-download", args=[job.pk])))
    assert [cells[1] for cells in made] == listed
