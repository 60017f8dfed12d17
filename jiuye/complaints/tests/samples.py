"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

from jiuye.complaints.choices import About, Channel
from jiuye.complaints.models import Complaint
from jiuye.complaints.services import complaint_note, complaint_record
from jiuye.staff.models import User


def build(samples):
    """A complaint about village A taken by telephone at its street (解放路街道), which
    handles it and has noted what it did."""
    reviewer = User.objects.get(username="reviewer-370102001")
    complaint = complaint_record(
        actor=reviewer, channel=Channel.PHONE, about=About.OFFICE, region=samples.region,
        name="甲村样本投诉人", phone="13800000000", content="甲村样本投诉内容",
    )  # fmt: skip
    complaint_note(actor=reviewer, complaint=complaint, text="甲村样本办理情况")
    return {Complaint: (complaint, complaint.name)}, {}
