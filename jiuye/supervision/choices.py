from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    """What a finding is about: the five areas of supervision in guideline 二十四."""

    PLATFORM = "platform", _("载体建设")
    STAFF = "staff", _("队伍建设")
    FUNDS = "funds", _("资金落实")
    MANAGEMENT = "management", _("基础管理")
    WORK = "work", _("工作开展")


class Conclusion(models.TextChoices):
    """What the inspection concluded of the office (guideline 二十四: commendation of offices
    that serve well, supervision and criticism of those that do not)."""

    COMMENDED = "commended", _("表扬")
    ORDINARY = "ordinary", _("一般")
    CRITICISED = "criticised", _("督导批评")
