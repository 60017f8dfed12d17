"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``): 历下区's round of
a year the demo has none of, open, and village A's coordinator's self-assessment in it."""

from django.utils import timezone

from jiuye.assessment.models import Assessment, Round
from jiuye.assessment.services import round_open, self_assess
from jiuye.staff.models import User


def build(samples):
    approver = User.objects.get(username="approver-370102")
    round_ = round_open(actor=approver, year=timezone.localdate().year - 3, title="甲县样本考核")
    assessment = Assessment.objects.get(round=round_, worker=samples.user)
    self_assess(actor=samples.user, assessment=assessment, text="甲村样本自评")
    return {Round: (round_, "甲县样本考核"), Assessment: (assessment, "甲县样本考核")}, {}
