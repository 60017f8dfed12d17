"""In a real Chromium (Debian's, driven by Playwright): the county's finance opens a platform's
budget through the cascading region picker and adds a line; the township's finance office is
refused a spending beyond it, gives the reason and sees the line over budget."""

import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jiuye.funds.models import PlatformBudget, Spending
from jiuye.tests.test_browser import log_in

CHROMIUM = os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_a_budget_is_set_and_spent_beyond_a_line_with_its_reason(
    transactional_world, live_server, page
):
    year = timezone.localdate().year
    log_in(page, live_server.url, "finance-370102")
    page.goto(f"{live_server.url}/funds/add/")
    page.locator(".region-picker select[data-level='4']").select_option(label="燕山街道")
    page.get_by_label("年度").fill(str(year))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/funds/\d+/$"))
    budget = PlatformBudget.objects.get(region_id="370102010000", year=year)
    page.get_by_role("link", name="录入预算项目").click()
    page.get_by_label("经费类别").select_option("project")
    page.get_by_label("资金来源").select_option("reward")
    page.get_by_label("预算项目").fill("创建奖补")
    page.get_by_label("预算金额（元）").fill("1000")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/funds/{budget.pk}/")

    page.context.clear_cookies()
    log_in(page, live_server.url, "township_finance-370102010")
    page.goto(f"{live_server.url}/funds/{budget.pk}/")
    page.get_by_role("link", name="记录支出").click()
    page.get_by_label("支出金额（元）").fill("1200")
    page.get_by_label("用途").fill("招聘会场地")
    page.get_by_label("凭证号").fill("记-12-001")
    page.get_by_role("button", name="保存").click()
    # the form comes back on the same address: wait for its answer, not for a new URL
    expect(page.get_by_text("请填写超预算理由")).to_have_count(1)
    assert page.get_by_label("用途").input_value() == "招聘会场地"
    page.get_by_label("超预算理由").fill("追加一场招聘会")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/funds/{budget.pk}/")
    assert page.locator(".tag.red", has_text="-200.00").count() >= 1
    assert page.get_by_text("追加一场招聘会").count() == 1
    assert Spending.objects.get(line__budget=budget).over_reason == "追加一场招聘会"
