from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """The four sides of a worker's yearly assessment (guideline 二十)."""

    DE = "de", _("德")  # conduct and keeping the service rules
    QIN = "qin", _("勤")  # attendance and visits to the people served
    JI = "ji", _("绩")  # the post's duties and yearly targets met
    XIAO = "xiao", _("效")  # efficiency and new ways of working


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    COMPETENT = "competent", _("称职")
    BASIC = "basic", _("基本称职")
    INCOMPETENT = "incompetent", _("不称职")


class ScorerLevel(models.TextChoices):
    """Who scores 德 and 效 (条块结合): the worker's community or village, the township or
    street, and the county's human resources office."""

    COMMUNITY = "community", _("社区（村）")
    TOWNSHIP = "township", _("街道（乡镇）")
    COUNTY = "county", _("县（市、区）")


class Decision(models.TextChoices):
    """The county's decision on a worker assessed 不称职 two years running (guideline 二十)."""

    DISMISS = "dismiss", _("予以辞退")
    ADJUST = "adjust", _("向有关部门提出调整建议")
