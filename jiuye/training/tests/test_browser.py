"""In a real Chromium: a community worker finds a candidate for training, records the need
and refers the resident to a course the county published."""

import os
import re

import pytest

from jiuye.tests.test_browser import CHROMIUM, log_in
from jiuye.training.models import Enrolment, Need

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_a_community_worker_records_a_need_and_refers_the_resident(
    transactional_world, live_server, page
):
    log_in(page, live_server.url, "coordinator-370102001002")
    page.get_by_role("link", name="培训需求摸底").click()
    page.wait_for_url(re.compile(r"/training/needs/candidates/$"))
    first = page.locator("table.list tbody tr").first
    name = first.locator("td").first.inner_text()
    first.get_by_role("link", name="登记培训需求").click()
    page.get_by_label("意向培训类别").select_option("vocational")
    page.get_by_label("说明").fill("想学电工")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/training/needs/\d+/$"))
    assert page.get_by_text("培训需求已登记。").is_visible()
    need = Need.objects.get(person__name=name, state="open")
    page.get_by_role("main").get_by_role("link", name="推荐参训").click()
    page.get_by_label("培训班").select_option(index=1)
    page.get_by_role("button", name="推荐").click()
    page.wait_for_url(re.compile(r"/training/enrolments/\d+/$"))
    assert page.get_by_text("已推荐参训。").is_visible()
    enrolment = Enrolment.objects.get(need=need)
    assert enrolment.state == "referred" and enrolment.person.name == name
    page.get_by_role("button", name="登记报到参训").click()
    page.wait_for_url(re.compile(r"/training/enrolments/\d+/$"))
    enrolment.refresh_from_db()
    assert enrolment.state == "attending"
