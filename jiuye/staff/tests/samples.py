"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

from django.utils import timezone

from jiuye.staff import services
from jiuye.staff.models import (
    Pairing,
    Position,
    PositionTarget,
    StaffTraining,
    Target,
    TrainingKind,
    User,
)


def build(samples):
    """Village A's office has a post of its own with a share of next year's target, its
    coordinator a training, and the county's approver is paired with it."""
    reviewer = User.objects.get(username="reviewer-370102001")
    approver = User.objects.get(username="approver-370102")
    today = timezone.localdate()
    position = services.position_save(
        actor=reviewer, position=Position(org=samples.org, title="甲村样本定岗")
    )
    target = services.target_save(actor=reviewer, target=Target(org=samples.org, year=today.year + 1,
                                                                 indicator="referral_hires", value=98765432))  # fmt: skip
    share = services.share_save(actor=reviewer, share=PositionTarget(target=target, position=position,
                                                                      work="referral_hires", value=7654321))  # fmt: skip
    training = services.training_save(actor=reviewer, training=StaffTraining(
        user=samples.user, kind=TrainingKind.SERVING, title="甲村样本培训", organiser="甲村样本培训单位",
        started_on=today, ended_on=today, hours=4))  # fmt: skip
    pairing = services.pairing_save(actor=approver, pairing=Pairing(
        worker=approver, org=samples.org, reason="lagging", started_on=today, note="甲村样本联系"))  # fmt: skip
    return {
        Position: (position, position.title),
        Target: (target, "98765432"),
        PositionTarget: (share, "7654321"),
        StaffTraining: (training, training.title),
        Pairing: (pairing, pairing.note),
    }, {"target": target.pk}
