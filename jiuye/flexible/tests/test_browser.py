"""In a real Chromium: a community coordinator finds a flexible worker whose periodic check is
due on the home page, records the check, and the registration is no longer due."""

import datetime
import os
import re

import pytest
import time_machine
from django.utils import timezone

from jiuye.flexible.models import FlexibleJob
from jiuye.flexible.tests.helpers import register
from jiuye.jobs.tests.helpers import resident, user
from jiuye.tests.test_browser import CHROMIUM, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_a_coordinator_records_the_check_that_is_due(transactional_world, live_server, page):
    coordinator = user("coordinator-370102001002")
    today = timezone.localdate()
    with time_machine.travel(today - datetime.timedelta(days=120), tick=False):
        job = register(
            coordinator, resident(coordinator, "浏览器灵活甲"), started_on=timezone.localdate()
        )
    log_in(page, live_server.url, "coordinator-370102001002")
    assert page.get_by_text("灵活就业核实到期").first.is_visible()
    page.get_by_role("link", name="浏览器灵活甲").first.click()
    page.wait_for_url(re.compile(rf"/flexible/{job.pk}/$"))
    assert page.get_by_text("核实到期").first.is_visible()
    page.get_by_label("核实情况").fill("电话核实，仍在送外卖")
    page.get_by_role("button", name="记录核实").click()
    page.wait_for_url(re.compile(rf"/flexible/{job.pk}/$"))
    assert page.get_by_text("已记录核实情况。").is_visible()
    assert page.get_by_role("cell", name="电话核实，仍在送外卖").is_visible()
    assert FlexibleJob.objects.get(pk=job.pk).next_check_on > today
    page.get_by_role("link", name="核实到期", exact=True).click()
    page.wait_for_url(re.compile(r"/flexible/due/$"))
    assert "浏览器灵活甲" not in page.content()
