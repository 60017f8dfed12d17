"""What the tests of complaints build on: a complaint about village A (解放桥社区), and the
public form filled in as a person would (the form's page first, the answer some seconds later)."""

import datetime
import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from jiuye.complaints.choices import About, Channel
from jiuye.complaints.services import complaint_record
from jiuye.conftest import VILLAGE_A
from jiuye.regions.models import Region

NAME, PHONE = "测试投诉人", "13912345678"


def record(actor, code=VILLAGE_A, **fields):
    values = {"channel": Channel.PHONE, "about": About.OFFICE, "name": NAME, "phone": PHONE,
              "content": "测试投诉内容", **fields}  # fmt: skip
    return complaint_record(actor=actor, region=Region.objects.get(code=code), **values)


def fill_in(client, *, code=VILLAGE_A, seconds=30, **fields):
    """GET the public form, then POST it ``seconds`` later; the response to the POST."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        page = client.get(reverse("complaints:public-submit"))
    started = re.search(r'name="started" value="([^"]+)"', page.content.decode()).group(1)
    data = {"region": code, "about": About.WORKER, "worker_name": "窗口小李",
            "content": "办事时被多次要求补交材料。", "name": NAME, "phone": PHONE,
            "started": started, "website": "", **fields}  # fmt: skip
    with time_machine.travel(start + datetime.timedelta(seconds=seconds), tick=False):
        return client.post(reverse("complaints:public-submit"), data)
