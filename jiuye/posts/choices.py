from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.ledger.choices import LabourStatus


class LeaveReason(models.TextChoices):
    """Why a placement on a public-welfare post ended (离岗原因)."""

    CONTRACT_ENDED = "contract_ended", _("协议（合同）期满")
    OTHER_WORK = "other_work", _("实现其他就业")
    RETIRED = "retired", _("退休")
    DISMISSED = "dismissed", _("用岗单位解除")
    RESIGNED = "resigned", _("本人辞职")


# The labour status the ledger records from the day of leaving.
STATUS_AFTER = {
    LeaveReason.CONTRACT_ENDED: LabourStatus.UNEMPLOYED,
    LeaveReason.OTHER_WORK: LabourStatus.EMPLOYED_UNIT,
    LeaveReason.RETIRED: LabourStatus.RETIRED,
    LeaveReason.DISMISSED: LabourStatus.UNEMPLOYED,
    LeaveReason.RESIGNED: LabourStatus.UNEMPLOYED,
}
