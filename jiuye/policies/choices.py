from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuingLevel(models.TextChoices):
    """Who issued a policy: national documents are kept by the province with its own."""

    NATIONAL = "national", _("国家")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class Status(models.TextChoices):
    """A policy's standing; an amended or repealed one has an end date (``effective_until``)."""

    VALID = "valid", _("现行有效")
    AMENDED = "amended", _("已修订")
    REPEALED = "repealed", _("已废止")


class Topic(models.TextChoices):
    """What a consultation at the window was about (the questions grouped for the figures)."""

    REGISTRATION = "registration", _("就业失业登记")
    ASSISTANCE = "assistance", _("就业困难人员认定与援助")
    POSTS = "posts", _("公益性岗位")
    INSURANCE = "insurance", _("社会保险补贴")
    STARTUP = "startup", _("创业扶持与创业担保贷款")
    TRAINING = "training", _("职业培训与补贴")
    GRADUATES = "graduates", _("高校毕业生就业")
    FLEXIBLE = "flexible", _("灵活就业")
    UNEMPLOYMENT_INSURANCE = "unemployment_insurance", _("失业保险")
    OTHER = "other", _("其他")
