from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How a complaint was received (guideline 二十二: 群众投诉的处理情况)."""

    WINDOW = "window", _("窗口")
    PHONE = "phone", _("电话")
    ONLINE = "online", _("网上")


class About(models.TextChoices):
    """What a complaint is about."""

    OFFICE = "office", _("服务机构")
    WORKER = "worker", _("工作人员")
    CASE = "case", _("办理事项")


class Satisfaction(models.TextChoices):
    """The complainant's satisfaction with the answer."""

    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")
