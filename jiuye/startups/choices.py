from django.db import models
from django.utils.translation import gettext_lazy as _


class EntrepreneurState(models.TextChoices):
    INTENDING = "intending", _("有创业意愿")
    STARTED = "started", _("已开业")
    GAVE_UP = "gave_up", _("已放弃")


class ServiceKind(models.TextChoices):
    """The "1+3" of guideline 十八: a project, premises and a loan (the interest subsidy
    follows the loan); the township's opening guidance and follow-up besides."""

    PROJECT = "project", _("推荐创业项目")
    PREMISES = "premises", _("落实经营场所")
    LOAN = "loan", _("办理小额担保贷款")
    GUIDANCE = "guidance", _("开业指导")
    FOLLOW_UP = "follow_up", _("跟踪服务")


ONE_PLUS_THREE = (ServiceKind.PROJECT, ServiceKind.PREMISES, ServiceKind.LOAN)


class GuaranteeKind(models.TextChoices):
    AGENCY = "agency", _("担保机构担保")
    PERSON = "person", _("自然人保证")
    COLLATERAL = "collateral", _("抵押、质押")
    CREDIT = "credit", _("信用社区免担保")
