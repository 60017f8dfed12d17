from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.regions.codes import Level


class OfficeLevel(models.IntegerChoices):
    """The offices a scheme assesses: those of streets and townships, or of communities and
    villages (the levels of their regions)."""

    TOWNSHIP = Level.TOWNSHIP, _("街道（乡镇）")
    VILLAGE = Level.VILLAGE, _("社区（村）")


class Method(models.TextChoices):
    """How an item turns a figure into points."""

    TARGET = "target", _("达到目标值得满分")  # weight × min(value / target, 1)
    BEST = "best", _("按同级最高值的比例")  # weight × value / the best of the siblings
    DEDUCT = "deduct", _("每个扣分")  # weight − target × value, not below zero


class Honoree(models.TextChoices):
    OFFICE = "office", _("服务机构")
    WORKER = "worker", _("工作人员")
