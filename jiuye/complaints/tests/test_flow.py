"""What issue 12 asks to show: a complaint made on the public form reaches the right
township, goes overdue, escalates to the county, is answered, and its receipt code then shows
"办结" and nothing personal."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jiuye.complaints.models import Complaint
from jiuye.complaints.tests.helpers import NAME, PHONE, fill_in
from jiuye.conftest import COUNTY, TOWNSHIP, VILLAGE_A
from jiuye.core.registry import registry
from jiuye.core.selectors import worklist

pytestmark = pytest.mark.django_db


def test_a_public_complaint_reaches_the_township_escalates_to_the_county_and_shows_done(
    client, reviewer, approver, login
):
    response = fill_in(client)
    assert response.status_code == 302
    done = client.get(response["Location"])
    complaint = Complaint.objects.get(name=NAME, phone=PHONE)
    assert complaint.receipt in done.content.decode()
    assert complaint.receipt not in client.get(response["Location"]).content.decode()  # once

    # the right township: village A's street, 解放路街道
    assert complaint.region_id == VILLAGE_A
    assert complaint.handler.region_id == TOWNSHIP
    assert complaint.state == "received" and complaint.recorded_by is None
    assert complaint in worklist(reviewer)
    assert complaint.due_on == complaint.answer_by == complaint.first_answer_by

    # overdue: the nightly check sends it up to the county
    later = timezone.now() + datetime.timedelta(days=30)
    with time_machine.travel(later, tick=False):
        assert complaint.answer_by < timezone.localdate()
        assert registry["nightly_checks"]["complaints"].run() >= 1
        complaint.refresh_from_db()
        assert complaint.state == "escalated"
        assert complaint.handler.region_id == COUNTY
        assert complaint.escalations == 1
        assert complaint.answer_by > timezone.localdate()
        event = complaint.events.last()
        assert (event.transition, event.actor, event.to_state) == ("escalate", None, "escalated")
        assert complaint not in worklist(reviewer) and complaint in worklist(approver)

        # the township may no longer answer; the county sees it on its home page and answers
        township = login(reviewer)
        township.post(reverse("complaints:answer", args=[complaint.pk]), {"answer": "镇答复"})
        complaint.refresh_from_db()
        assert complaint.state == "escalated"
        county = login(approver)
        assert complaint.receipt in county.get(reverse("home")).content.decode()
        county.post(reverse("complaints:answer", args=[complaint.pk]),
                    {"answer": "经县就业服务中心督办，已一次性告知所需材料并办结。"})  # fmt: skip
        complaint.refresh_from_db()
        assert complaint.state == "answered" and not complaint.answered_on_time

        # the receipt code shows 办结 and the answer, nothing personal
        client.logout()
        page = client.post(reverse("complaints:public-progress"), {"receipt": complaint.receipt})
    text = page.content.decode()
    assert page.status_code == 200
    assert "办结" in text and "已一次性告知所需材料" in text
    for personal in (NAME, PHONE, PHONE[-4:], "窗口小李", approver.name, reviewer.name):
        assert personal not in text
