"""What the tests of notices build on: offices by region, and a notice sent today."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.conftest import COUNTY
from jiuye.notices.services import notice_send
from jiuye.regions.choices import OrgKind
from jiuye.regions.models import ServiceOrg

TODAY = timezone.localdate


def office(code, kind=None):
    offices = ServiceOrg.objects.filter(region_id=code)
    return offices.get(kind=kind) if kind else offices.get()


def county_office(code=COUNTY):
    return office(code, OrgKind.COUNTY_AGENCY)


def pdf(name="附件.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test")


def send(actor, *, title="测试通知", days=7, **targets):
    """A notice from ``actor``'s office to ``targets`` asking for a reply in ``days`` days
    (none when ``days`` is None)."""
    reply = {} if days is None else {"reply_required": True,
                                     "reply_by": TODAY() + datetime.timedelta(days=days)}  # fmt: skip
    return notice_send(actor=actor, title=title, body="测试正文", **reply, **targets)
