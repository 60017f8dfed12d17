"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

import datetime

from django.utils import timezone

from jiuye.policies.choices import IssuingLevel, Topic
from jiuye.policies.models import Consultation, GoodPractice, Policy
from jiuye.policies.services import consultation_record, policy_create, practice_create
from jiuye.regions.models import Region
from jiuye.staff.models import User


def build(samples):
    """A policy of the province (read by every level, so published to the walk), a question
    answered at village A's window citing it, and a case of village A's office written up by
    the county."""
    policy = policy_create(
        actor=User.objects.get(username="province-37"), region=Region.objects.get(code="370000000000"),
        level=IssuingLevel.PROVINCE, title="甲村样本政策", issuer="样本发文机关", number="样〔2026〕1号",
        issued_on=datetime.date(2026, 1, 5), effective_from=datetime.date(2026, 1, 5),
        text="甲村样本政策全文：公益性岗位补贴标准。",
    )  # fmt: skip
    consultation = consultation_record(
        actor=samples.user, asked_on=timezone.localdate(), topic=Topic.POSTS,
        question="甲村样本咨询问题", answer="甲村样本答复", person=samples.person, policies=[policy],
    )  # fmt: skip
    practice = practice_create(actor=User.objects.get(username="approver-370102"), org=samples.org,
                               title="甲村样本经验", text="甲村样本经验正文")  # fmt: skip
    return {
        Policy: (policy, "甲村样本政策"),
        Consultation: (consultation, "甲村样本咨询问题"),
        GoodPractice: (practice, "甲村样本经验"),
    }, {}
