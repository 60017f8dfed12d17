"""The policy parameters of community recognition (registered by its ``AppConfig.ready``)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter

PARAMETERS = (
    Parameter("communities.target_share", _("充分就业社区达标率目标"), Decimal, Decimal("80"), "%",
              _("指导意见第四条：充分就业社区数量占社区总数的80%以上")),
    Parameter("communities.days_review", _("评定申报各级审核时限"), int, 10, _("工作日"),
              _("街道（乡镇）、县、市各级审核或推荐的时限")),
    Parameter("communities.days_province", _("省级认定时限"), int, 20, _("工作日"), ""),
    Parameter("communities.days_returned", _("退回补正时限"), int, 10, _("工作日"), ""),
)  # fmt: skip
