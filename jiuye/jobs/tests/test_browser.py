"""In a real Chromium: a township worker refers the best-ranked seeker to a vacancy of the
township, and the public finds the vacancy on the job board without logging in."""

import os
import re

import pytest

from jiuye.jobs.models import Referral, Vacancy
from jiuye.tests.test_browser import CHROMIUM, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_a_township_worker_refers_the_best_seeker_and_the_public_finds_the_vacancy(
    transactional_world, live_server, page, browser
):
    post = (
        Vacancy.objects.published()
        .filter(region__code__startswith="370102001")
        .order_by("pk")
        .first()
    )
    log_in(page, live_server.url, "reviewer-370102001")
    page.get_by_role("link", name="招聘岗位").click()
    page.wait_for_url(re.compile(r"/jobs/$"))
    assert page.locator("table.list tbody tr").count() > 0
    page.goto(f"{live_server.url}/jobs/vacancies/{post.pk}/")
    ranked = page.locator("table.list").first.locator("tbody tr")
    assert ranked.count() > 0
    best = ranked.first
    name = best.locator("td").nth(1).locator("a").inner_text()
    assert "+" in best.locator("ul.reasons").inner_text()  # the points, explained
    before = Referral.objects.count()
    best.get_by_role("button", name="推荐").click()
    page.wait_for_url(re.compile(r"/jobs/referrals/\d+/$"))
    assert page.get_by_text("已推荐，请打印介绍信交求职者。").is_visible()
    assert page.get_by_role("link", name="打印介绍信（PDF）").is_visible()
    assert Referral.objects.count() == before + 1

    public = browser.new_context().new_page()
    public.goto(f"{live_server.url}/jobs/board/")
    public.get_by_label("工作地点").select_option(label="济南市 历下区")
    public.get_by_role("button", name="查询").click()
    public.wait_for_url(re.compile(r"region=370102000000"))
    in_the_county = Vacancy.objects.published().filter(region__code__startswith="370102").count()
    assert public.get_by_text(f"共{in_the_county}个岗位").is_visible()
    assert public.locator("table.list tbody tr").count() == min(in_the_county, 30)
    assert name not in public.content()
