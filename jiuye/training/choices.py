from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseKind(models.TextChoices):
    VOCATIONAL = "vocational", _("职业技能培训")
    STARTUP = "startup", _("创业培训")


class NeedState(models.TextChoices):
    OPEN = "open", _("待安排培训")
    MET = "met", _("已推荐参训")
    CLOSED = "closed", _("已撤销")


class CertificateKind(models.TextChoices):
    QUALIFICATION = "qualification", _("职业资格证书")
    SKILL_LEVEL = "skill_level", _("职业技能等级证书")
    SPECIAL = "special", _("专项职业能力证书")
    TRAINING = "training", _("培训合格证书")


class AppraisalResult(models.TextChoices):
    PASSED = "passed", _("合格")
    FAILED = "failed", _("不合格")


class SkillLevel(models.TextChoices):
    """The five levels of the vocational skill grading (国家职业技能标准)."""

    FIVE = "5", _("五级/初级工")
    FOUR = "4", _("四级/中级工")
    THREE = "3", _("三级/高级工")
    TWO = "2", _("二级/技师")
    ONE = "1", _("一级/高级技师")
