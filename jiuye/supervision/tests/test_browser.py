"""A finding in a real Chromium (Debian's, driven by Playwright): the community's coordinator
finds the overdue finding on the home page and replies with a file; the township's
reviewer accepts the fix and the finding is closed."""

import os

import pytest
from playwright.sync_api import expect

from jiuye.conftest import TOWNSHIP
from jiuye.regions.codes import prefix_of
from jiuye.supervision.models import Finding
from jiuye.tests.test_browser import log_in

CHROMIUM = os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_the_office_replies_with_a_file_and_the_township_closes_the_finding(
    transactional_world, live_server, page, tmp_path
):
    finding = Finding.objects.within(prefix_of(TOWNSHIP)).overdue().get()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, f"coordinator-{finding.region_id}")
    assert page.get_by_role("heading", name="督查问题待整改").is_visible()
    with page.expect_navigation():  # the finding's page, before it is measured
        page.get_by_role("link", name=finding.problem).first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # no page-wide scroll
    page.get_by_label("整改情况").fill("已补齐全部联系记录")
    evidence = tmp_path / "记录.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    page.get_by_label("整改材料").set_input_files(str(evidence))
    page.get_by_role("button", name="反馈", exact=True).click()
    expect(page.get_by_text("已反馈整改情况，等待督查机构复核。")).to_be_visible()
    assert page.get_by_role("link", name="记录.pdf").is_visible()

    page.context.clear_cookies()
    log_in(page, live_server.url, f"reviewer-{prefix_of(TOWNSHIP)}")
    page.goto(f"{live_server.url}{finding.get_absolute_url()}")
    page.get_by_label("整改到位，销号").check()
    page.get_by_role("button", name="提交复核").click()
    expect(page.get_by_text("已办理复核。")).to_be_visible()
    assert page.locator("h1 .tag").inner_text() == "已销号"
