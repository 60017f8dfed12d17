"""In a real Chromium: the township reviews a community's loan application, the county
approves the guarantee, records the bank's approval and the disbursement, and the schedule
with its interest subsidy appears; the overdue and credit-community pages open from the menu."""

import os
import re

import pytest

from jiuye.conftest import VILLAGE_A
from jiuye.startups.models import Loan
from jiuye.tests.test_browser import CHROMIUM, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_a_loan_goes_from_the_township_to_disbursement_in_the_browser(
    transactional_world, live_server, page, browser
):
    loan = Loan.objects.filter(region_id=VILLAGE_A, state="applied").order_by("pk").first()
    url = f"{live_server.url}/startups/loans/{loan.pk}/"
    log_in(page, live_server.url, "reviewer-370102001")
    page.get_by_role("link", name="小额担保贷款", exact=True).click()
    page.wait_for_url(re.compile(r"/startups/loans/$"))
    assert page.locator("table.list tbody tr").count() > 0
    page.goto(url)
    page.get_by_role("button", name="审核通过并上报").click()
    page.wait_for_url(url)
    assert page.get_by_text("已办理：审核通过并上报。").is_visible()

    county = browser.new_context().new_page()
    log_in(county, live_server.url, "approver-370102")
    county.goto(url)
    county.get_by_role("button", name="审核通过（落实担保）并报送银行").click()
    county.wait_for_url(url)
    county.get_by_label("贷款银行").fill("济南农商银行")
    county.get_by_label("借款合同编号").fill("JK-B-1")
    county.get_by_label("年利率（%）").fill("4.35")
    county.get_by_role("button", name="登记银行批准").click()
    county.wait_for_url(url)
    county.get_by_role("button", name="登记放款").click()
    county.wait_for_url(url)
    assert county.get_by_text("还款计划与贴息（按月付息、到期还本）").is_visible()
    loan.refresh_from_db()
    assert loan.state == "disbursed" and loan.instalments.count() == loan.term_months

    county.get_by_role("link", name="逾期贷款", exact=True).click()
    county.wait_for_url(re.compile(r"/startups/loans/overdue/$"))
    county.get_by_role("link", name="信用社区", exact=True).click()
    county.wait_for_url(re.compile(r"/startups/loans/credit/$"))
    assert county.get_by_role("heading", name="信用社区").is_visible()
