from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.ledger.choices import LabourStatus


class PostKind(models.TextChoices):
    """An ordinary public-welfare post (托底 placement of assistance targets, guideline 十五), or
    a special one (特定公益性岗位, guideline 六, 七) of a community's or village's labour and
    social-security station, held by its employment and social-security coordinator."""

    ORDINARY = "ordinary", _("公益性岗位")
    SPECIAL = "special", _("特定公益性岗位")


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
