from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkForm(models.TextChoices):
    """The forms of flexible employment (灵活就业形式)."""

    PART_TIME = "part_time", _("非全日制就业")
    TEMPORARY = "temporary", _("临时性、季节性就业")
    SELF_EMPLOYED = "self_employed", _("自营（未成立经营实体）")
    PLATFORM = "platform", _("新就业形态（平台外卖、网约车等）")
    OTHER = "other", _("其他灵活就业")


class EndReason(models.TextChoices):
    STOPPED = "stopped", _("停止灵活就业")
    EMPLOYED = "employed", _("实现单位就业")
    BUSINESS = "business", _("创办经营实体")
    RETIRED = "retired", _("达到退休年龄")
    MOVED = "moved", _("迁出本地")
    CHECK = "check", _("核实已不再从业")
    OTHER = "other", _("其他")
