"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``).

The county (历下区) sent village A's office a notice with a file, which its coordinator has
replied to with a file; the city (济南市) sent the county's office a notice not yet read (the
county's receipt: what its inbox lists); village A's office reported to the county's office
with a file."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.conftest import COUNTY
from jiuye.notices.models import (
    Notice,
    NoticeAttachment,
    Receipt,
    ReceiptAttachment,
    Report,
    ReportAttachment,
)
from jiuye.notices.services import notice_send, receipt_reply, report_send
from jiuye.regions.choices import OrgKind
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import User


def _pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 sample")


def build(samples):
    due = timezone.localdate() + datetime.timedelta(days=7)
    county_office = ServiceOrg.objects.get(region_id=COUNTY, kind=OrgKind.COUNTY_AGENCY)
    notice = notice_send(
        actor=User.objects.get(username="approver-370102"), title="甲村样本通知", body="甲村样本正文",
        orgs=[samples.org], reply_required=True, reply_by=due, files=[_pdf("甲村样本通知附件.pdf")],
    )  # fmt: skip
    replied = notice.receipts.get()
    receipt_reply(actor=samples.user, receipt=replied, reply="甲村样本回复",
                  file=_pdf("甲村样本回复附件.pdf"))  # fmt: skip
    incoming = notice_send(
        actor=User.objects.get(username="city-3701"), title="甲县样本来文", body="甲县样本来文正文",
        orgs=[county_office], reply_required=True, reply_by=due,
    )  # fmt: skip
    report = report_send(actor=samples.user, to_org=county_office, title="甲村样本报送",
                         body="甲村样本报送内容", files=[_pdf("甲村样本报送附件.pdf")])  # fmt: skip
    files = (notice.attachments.get(), replied.attachments.get(), report.attachments.get())
    return {
        Notice: (notice, notice.title),
        Receipt: (incoming.receipts.get(), incoming.title),
        NoticeAttachment: (files[0], files[0].title),
        ReceiptAttachment: (files[1], files[1].title),
        Report: (report, report.title),
        ReportAttachment: (files[2], files[2].title),
    }, {}
