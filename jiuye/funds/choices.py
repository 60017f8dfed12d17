from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """The three kinds of a platform's funds (guideline 十九)."""

    WORK = "work", _("工作经费")
    STAFF = "staff", _("人员经费")
    PROJECT = "project", _("项目经费")


class Source(models.TextChoices):
    """Where a budget line's money comes from."""

    OWN_BUDGET = "own_budget", _("同级财政预算")
    PURCHASE = "purchase", _("政府购买服务")
    TASK_FUNDS = "task_funds", _("费随事转")
    REWARD = "reward", _("以奖代补")
