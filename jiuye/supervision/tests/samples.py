"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.staff.models import User
from jiuye.supervision.choices import Area
from jiuye.supervision.models import Finding, FindingAttachment, Inspection
from jiuye.supervision.services import finding_reply, inspection_record


def build(samples):
    """The county inspects village A's office and finds a problem; the coordinator has
    replied with a file, and the county's follow-up is due."""
    inspection = inspection_record(
        actor=User.objects.get(username="approver-370102"), org=samples.org,
        inspected_on=timezone.localdate(), inspectors="甲村样本督查员",
        scope="甲村样本督查", findings=[
            {"area": Area.WORK, "problem": "甲村样本问题", "requirement": "甲村样本整改要求"}
        ],
    )  # fmt: skip
    finding = inspection.findings.get()
    finding_reply(actor=samples.user, finding=finding, reply="甲村样本整改情况", title="甲村样本整改材料",
                  file=SimpleUploadedFile("fix.pdf", b"%PDF-1.4 sample"))  # fmt: skip
    attachment = finding.attachments.get()
    return {
        Inspection: (inspection, "甲村样本督查员"),
        Finding: (finding, "甲村样本问题"),
        FindingAttachment: (attachment, attachment.title),
    }, {}
