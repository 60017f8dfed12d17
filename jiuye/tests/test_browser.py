"""In a real Chromium (Debian's, driven by Playwright): logging in, drilling down the region
browser, the cascading region picker and the language switch."""

import os
import re

import pytest

from jiuye.regions.models import ServiceOrg

CHROMIUM = os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]
PASSWORD = "jiuye-demo"


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}/")


def test_a_township_reviewer_drills_down_to_a_community_and_switches_language(
    transactional_world, live_server, page
):
    log_in(page, live_server.url, "reviewer-370102001")
    assert page.get_by_role("heading", name="我的待办").is_visible()

    page.get_by_role("link", name="区划浏览").click()
    page.wait_for_url(re.compile(r"/regions/370102001000/$"))
    assert page.get_by_role("heading", name=re.compile("解放路街道")).is_visible()
    assert page.locator("table.list tbody tr").count() == 5  # its five communities

    page.get_by_role("link", name="解放桥社区居民委员会").click()
    page.wait_for_url(re.compile(r"/regions/370102001002/$"))
    assert page.get_by_role("link", name="解放桥社区劳动保障服务站").is_visible()
    page.get_by_role("navigation", name="位置").get_by_role(
        "link", name="解放路街道"
    ).click()  # back up
    page.wait_for_url(re.compile(r"/regions/370102001000/$"))

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Regions").is_visible()
    assert page.get_by_role(
        "heading", name=re.compile("解放路街道")
    ).is_visible()  # data stays Chinese
    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="区划浏览").is_visible()


def test_a_county_approver_picks_a_region_through_the_cascading_selects(
    transactional_world, live_server, page
):
    log_in(page, live_server.url, "approver-370102")
    page.goto(f"{live_server.url}/regions/orgs/new/")
    page.get_by_label("机构名称").fill("解放桥社区就业驿站")
    page.get_by_label("机构类别").select_option("village_station")
    township = page.locator(".region-picker select[data-level='4']")
    township.select_option(label="解放路街道")
    village = page.locator(".region-picker select[data-level='5']")
    village.select_option(label="解放桥社区居民委员会")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/regions/orgs/\d+/$"))
    assert ServiceOrg.objects.get(name="解放桥社区就业驿站").region_id == "370102001002"
