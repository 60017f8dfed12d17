"""The public complaint form in a real Chromium (Debian's, driven by Playwright), on a phone's
width: the region picked through the cascading selects (from the public list of division
codes, no login), the receipt code shown, and the progress looked up by it."""

import os
import re

import pytest

from jiuye.complaints.models import Complaint
from jiuye.conftest import VILLAGE_A

CHROMIUM = os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_a_resident_complains_on_a_phone_and_looks_the_progress_up(
    transactional_world, live_server, page, settings
):
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/complaints/public/")
    for level, name in (
        (2, "济南市"),
        (3, "历下区"),
        (4, "解放路街道"),
        (5, "解放桥社区居民委员会"),
    ):
        page.locator(f".region-picker select[data-level='{level}']").select_option(label=name)
    page.get_by_label("投诉对象").select_option("office")
    page.get_by_label("投诉内容").fill("服务站上班时间无人。")
    page.get_by_label("投诉人姓名").fill("浏览器投诉人")
    page.get_by_label("联系电话").fill("13811112222")
    page.get_by_role("button", name="提交投诉").click()
    page.wait_for_url(re.compile(r"/complaints/public/done/$"))
    complaint = Complaint.objects.get(name="浏览器投诉人")
    assert complaint.region_id == VILLAGE_A
    assert page.get_by_text(complaint.receipt).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no page-wide scroll
    page.get_by_role("link", name="查询办理进度").first.click()
    page.get_by_label("回执码").fill(complaint.receipt)
    page.get_by_role("button", name="查询").click()
    assert page.locator(".state").inner_text() == "已受理"
    assert "浏览器投诉人" not in page.content()
