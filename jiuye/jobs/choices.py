from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyState(models.TextChoices):
    """The steps of a vacancy (``jobs.workflow.VacancyWorkflow``)."""

    OPEN = "open", _("招聘中")
    FILLED = "filled", _("已招满")
    EXPIRED = "expired", _("已过期")
    WITHDRAWN = "withdrawn", _("已撤回")


class SeekerStatus(models.TextChoices):
    ACTIVE = "active", _("求职中")
    EMPLOYED = "employed", _("已就业")
    CLOSED = "closed", _("已撤销")


class Availability(models.TextChoices):
    FULL_TIME = "full_time", _("全职")
    PART_TIME = "part_time", _("非全日制")
    EITHER = "either", _("均可")


class NotHiredReason(models.TextChoices):
    EMPLOYER_DECLINED = "employer_declined", _("用人单位未录用")
    SEEKER_DECLINED = "seeker_declined", _("求职者放弃")
    NO_SHOW = "no_show", _("求职者未到场")
    POST_FILLED = "post_filled", _("岗位已招满")
    OTHER = "other", _("其他")


class OccupationGroup(models.TextChoices):
    """The major groups (大类) of the occupation classification (2022): the first part of an
    occupation's code."""

    HEADS = "1", _("党的机关、国家机关、群众团体和社会组织、企事业单位负责人")
    PROFESSIONALS = "2", _("专业技术人员")
    CLERKS = "3", _("办事人员和有关人员")
    SERVICES = "4", _("社会生产服务和生活服务人员")
    FARMING = "5", _("农、林、牧、渔业生产及辅助人员")
    PRODUCTION = "6", _("生产制造及有关人员")
    MILITARY = "7", _("军队人员")
    OTHER = "8", _("不便分类的其他从业人员")
