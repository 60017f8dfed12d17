import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.assessment.indicators import collect
from jiuye.assessment.models import Assessment, Round
from jiuye.assessment.selectors import home_panel
from jiuye.conftest import COUNTY, VILLAGE_A
from jiuye.core import history
from jiuye.core.indicators import Query

pytestmark = pytest.mark.django_db


@pytest.fixture
def current():
    return Round.objects.get(region_id=COUNTY, year=timezone.localdate().year)


def test_the_round_page_takes_the_same_queries_for_a_few_workers_or_a_page(
    current, approver, login
):
    browser = login(approver)
    url = f"/assessment/rounds/{current.pk}/"
    browser.get(url)
    few_url = f"{url}?region={VILLAGE_A}"
    with CaptureQueriesContext(connection) as few:
        small = browser.get(few_url)
    with CaptureQueriesContext(connection) as many:
        page = browser.get(url)
    assert small.status_code == page.status_code == 200
    assert len(few) == len(many)
    assert page.content.decode().count("/assessment/") > 50


def test_the_round_page_shows_its_scheme_and_actions_to_the_county(
    current, approver, reviewer, login
):
    page = login(approver).get(f"/assessment/rounds/{current.pk}/").content.decode()
    assert "德 20 分" in page and "评分结束，计算等次" in page and "重新预填" in page
    assert login(reviewer).get(f"/assessment/rounds/{current.pk}/").status_code == 403


def test_a_sibling_county_reads_none_of_it(current, sibling_approver, login):
    browser = login(sibling_approver)
    assert browser.get(f"/assessment/rounds/{current.pk}/").status_code == 404
    mine = current.assessments.first()
    assert browser.get(f"/assessment/{mine.pk}/").status_code == 404
    assert browser.get(f"/assessment/worker/{mine.worker_id}/").status_code == 404
    assert "历下区" not in browser.get("/assessment/rounds/").content.decode()


def test_the_worker_writes_her_self_assessment_on_her_page(current, coordinator, login):
    browser = login(coordinator)
    assessment = current.assessments.get(worker=coordinator)
    page = browser.get(f"/assessment/{assessment.pk}/").content.decode()
    assert "提交自评" in page and "保存评分" not in page
    browser.post(f"/assessment/{assessment.pk}/self/", {"text": "我的年度自评"})
    assessment.refresh_from_db()
    assert assessment.self_text == "我的年度自评"


def test_the_township_scores_its_village_worker_on_the_page(current, coordinator, reviewer, login):
    assessment = current.assessments.get(worker=coordinator)
    browser = login(reviewer)
    page = browser.get(f"/assessment/{assessment.pk}/").content.decode()
    assert "保存评分" in page and "调整预填的绩或勤" in page
    browser.post(
        f"/assessment/{assessment.pk}/score/", {"level": "community", "de": "88", "xiao": "86"}
    )
    assert assessment.scores.get(level="community").scored_by == reviewer
    response = browser.post(
        f"/assessment/{assessment.pk}/adjust/", {"dimension": "ji", "value": "70"}, follow=True
    )
    assert "调整预填分数须写明理由" in response.content.decode()


def test_the_round_exports_to_excel(current, approver, login):
    response = login(approver).get(f"/assessment/rounds/{current.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 6).value == "德" and sheet.max_row == 2 + current.assessments.count()


def test_the_worker_history_and_the_county_home_panel_show_the_flag(approver, login):
    flagged = Assessment.objects.get(flagged=True)
    page = login(approver).get(f"/assessment/worker/{flagged.worker_id}/").content.decode()
    assert page.count("不称职") >= 3  # two years, and the flag
    _template, context = home_panel(approver, timezone.localdate())
    assert any(flagged in part["rows"] for part in context["parts"])
    assert "连续两年考核不称职" in login(approver).get("/").content.decode()


def test_the_worker_is_asked_for_her_self_assessment_on_her_home_page(current, coordinator, login):
    assessment = current.assessments.get(worker=coordinator)
    history.change(assessment, actor=coordinator, self_text="")  # whether the demo wrote it or not
    assert "请提交年度考核个人自评" in login(coordinator).get("/").content.decode()


def test_the_figures_of_the_closed_rounds_are_in_the_registry(approver):
    year = timezone.localdate().year - 1
    query = Query(user=approver, prefix="370102", length=6, first=datetime.date(year, 1, 1),
                  last=datetime.date(year, 12, 31))  # fmt: skip
    figures = collect(query)["370102"]
    closed = Round.objects.get(region_id=COUNTY, year=year)
    assert figures["staff_assessed"] == closed.assessments.count()
    assert figures["staff_incompetent"] == figures["staff_flagged"] == 1
