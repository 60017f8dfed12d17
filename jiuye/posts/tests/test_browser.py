"""In a real Chromium: a township worker opens the public-welfare posts from the menu and
places an assistance target on a post with a free place."""

import datetime
import os
import re

import pytest

from jiuye.ledger.choices import LabourStatus
from jiuye.posts.models import Placement
from jiuye.posts.tests.helpers import identified, post
from jiuye.staff.models import User
from jiuye.tests.test_browser import CHROMIUM, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_a_township_worker_places_an_assistance_target_on_a_post(
    transactional_world, live_server, page
):
    reviewer = User.objects.get(username="reviewer-370102001")
    mine = post(reviewer, title="浏览器测试岗", starts_on=datetime.date(2026, 1, 1), posts=1)
    person = identified(reviewer, "浏览器援助对象")
    log_in(page, live_server.url, "reviewer-370102001")
    page.get_by_role("link", name="公益性岗位", exact=True).click()
    page.wait_for_url(re.compile(r"/posts/$"))
    assert page.locator("table.list tbody tr").count() > 0
    page.goto(f"{live_server.url}/posts/{mine.pk}/")
    page.get_by_role("link", name="安置上岗").click()
    page.wait_for_url(re.compile(rf"/posts/{mine.pk}/place/$"))
    page.get_by_label("就业援助对象").select_option(value=str(person.pk))
    page.get_by_label("协议（合同）期限（月）").fill("12")
    page.get_by_role("button", name="安置").click()
    page.wait_for_url(re.compile(r"/posts/placements/\d+/$"))
    assert page.get_by_text("已安置上岗，台账中该人员已改为公益性岗位就业。").is_visible()
    assert page.get_by_role("heading", name=re.compile("办理离岗")).is_visible()
    placement = Placement.objects.get(person=person)
    assert placement.post_id == mine.pk
    person.refresh_from_db()
    assert person.status == LabourStatus.PUBLIC_WELFARE_POST
    page.goto(f"{live_server.url}/posts/{mine.pk}/")
    assert "安置上岗" not in page.locator(".toolbar").inner_text()  # the one place is taken
