"""The policy parameters of this line of work (registered by its ``AppConfig.ready``): the
formula of the 以奖代补 reward (guideline 十九) and the share commended (二十四)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, yuan

PERIODS = ("quarter", "year")


def percent(value) -> None:
    if not 1 <= value <= 100:
        raise ValidationError(_("应为1到100之间的整数。"))


def period(value) -> None:
    if value not in PERIODS:
        raise ValidationError(_("应为 quarter（季度）或 year（年度）。"))


PARAMETERS = (
    Parameter("performance.reward_period", _("以奖代补考核周期（quarter 季度 / year 年度）"), str, "quarter",
              check=period),
    Parameter("performance.reward_share", _("以奖代补奖励面（得分前百分之几的机构）"), int, 30, "%", check=percent),
    Parameter("performance.reward_base", _("以奖代补基础奖励"), Decimal, Decimal("10000"), _("元"), check=yuan),
    Parameter("performance.reward_per_point", _("以奖代补每分奖励"), Decimal, Decimal("200"), _("元"), check=yuan),
    Parameter("performance.commend_share", _("表彰面（得分前百分之几的机构）"), int, 10, "%", check=percent),
)  # fmt: skip
