"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, positive, yuan

# Who the social-insurance subsidy may be paid for (codes of ``subsidy.GROUPS``).
KNOWN_GROUPS = ("hard_to_employ",)


def _check_share(value: Fraction) -> None:
    if not 0 < value <= 1:
        raise ValidationError(_("补贴比例应大于0且不超过1，可写作分数，如2/3。"))


def _check_groups(value: str) -> None:
    codes = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in KNOWN_GROUPS]
    if not codes or unknown:
        raise ValidationError(
            _("补贴对象应为以逗号分隔的代码，可选：%(codes)s。")
            % {"codes": ", ".join(KNOWN_GROUPS)}
        )


PARAMETERS = (
    Parameter("flexible.check_months", _("灵活就业核实周期"), int, 3, _("个月"),
              _("社区定期调查、核实灵活就业人员的就业情况"), positive),
    Parameter("flexible.check_grace_months", _("灵活就业核实宽限期"), int, 1, _("个月"),
              _("核实逾期超过宽限期的月份不予补贴")),
    Parameter("flexible.subsidy_share", _("灵活就业社会保险补贴比例"), Fraction, Fraction(2, 3), "",
              _("补贴实际缴费的比例，可写作分数（如2/3）"), _check_share),
    Parameter("flexible.subsidy_cap", _("灵活就业社会保险补贴月上限"), Decimal, Decimal("600"), _("元/月"), "", yuan),
    Parameter("flexible.subsidy_months", _("灵活就业社会保险补贴期限"), int, 36, _("个月"),
              _("同一人累计享受的月数，跨多次灵活就业登记合并计算"), positive),
    Parameter("flexible.subsidy_near_retirement_years", _("灵活就业社会保险补贴延长至退休的年限"), int, 5, _("年"),
              _("首次享受补贴时距法定退休年龄不足该年限的，可延长至退休")),
    Parameter("flexible.subsidy_groups", _("灵活就业社会保险补贴对象"), str, "hard_to_employ", "",
              _("hard_to_employ：已认定的就业困难人员（援助对象）"), _check_groups),
)  # fmt: skip
