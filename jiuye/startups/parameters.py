"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter


def _limit(value):
    """A loan limit in yuan: positive, finite, to the fen (a loan's amount has 12 digits)."""
    if (
        not value.is_finite()
        or not 0 < value < 10_000_000_000
        or value != value.quantize(Decimal("0.01"))
    ):
        raise ValidationError(_("应为大于0、最多两位小数的金额（元）。"))


def _share(value):
    """A percentage: the subsidised share of the interest is never more than the interest."""
    if not value.is_finite() or not 0 <= value <= 100:
        raise ValidationError(_("应为0到100之间的百分数。"))


PARAMETERS = (
    Parameter("startups.loan_individual_limit", _("个人贷款额度上限"), Decimal, Decimal("100000"), _("元"),
              _("国家2008年规定5万元；山东省2015年起提高到10万元"), check=_limit),
    Parameter("startups.loan_partner_limit", _("合伙经营每人额度"), Decimal, Decimal("100000"), _("元/人"),
              _("合伙经营按每人额度乘以合伙人数"), check=_limit),
    Parameter("startups.loan_partnership_limit", _("合伙经营贷款上限"), Decimal, Decimal("500000"), _("元"),
              _("各地规定不一"), check=_limit),
    Parameter("startups.loan_max_term_months", _("小额担保贷款期限上限"), int, 24, _("个月"), _("贷款期限最长2年")),
    Parameter("startups.loan_extension_max_months", _("小额担保贷款展期上限"), int, 12, _("个月"),
              _("可展期一次，展期不超过1年")),
    Parameter("startups.loan_subsidy_share", _("贴息比例"), Decimal, Decimal("100"), "%",
              _("微利项目按规定贴息；展期和逾期不贴息"), check=_share),
    Parameter("startups.loan_days_township", _("小额担保贷款街道（乡镇）审核时限"), int, 5, _("工作日")),
    Parameter("startups.loan_days_county", _("小额担保贷款县级审核时限"), int, 10, _("工作日")),
    Parameter("startups.loan_days_bank", _("小额担保贷款银行审批时限"), int, 15, _("工作日")),
    Parameter("startups.loan_days_disburse", _("小额担保贷款放款时限"), int, 10, _("工作日")),
    Parameter("startups.loan_days_returned", _("小额担保贷款退回补正时限"), int, 5, _("工作日")),
    Parameter("startups.credit_min_loans", _("信用社区最少贷款笔数"), int, 3, _("笔")),
    Parameter("startups.credit_min_repayment_rate", _("信用社区最低还款率"), Decimal, Decimal("95"), "%",
              _("已到期应还本息中按期归还的比例"), check=_share),
    Parameter("startups.credit_max_overdue_days", _("信用社区贷款逾期天数上限"), int, 30, _("天")),
)  # fmt: skip
