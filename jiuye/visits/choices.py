from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitKind(models.TextChoices):
    HOME = "home", _("上门走访")
    PHONE = "phone", _("电话联系")
    OFFICE = "office", _("本人来访")


class VisitResult(models.TextChoices):
    UNCHANGED = "unchanged", _("见到本人，情况无变化")
    CHANGED = "changed", _("见到本人，情况有变化")
    ABSENT = "absent", _("未见到本人")
