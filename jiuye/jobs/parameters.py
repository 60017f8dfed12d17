"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, yes_no, yuan

PARAMETERS = (
    Parameter("jobs.referral_answer_days", _("职业介绍单位反馈时限"), int, 10, _("工作日")),
    Parameter("jobs.vacancy_valid_days", _("招聘信息默认有效期"), int, 60, _("天")),
    Parameter("jobs.matches_shown", _("匹配结果显示条数"), int, 50, _("条")),
)  # fmt: skip

PARAMETERS += (
    Parameter("subsidies.job_introduction_amount", _("职业介绍补贴标准"), Decimal, Decimal("200"), _("元/人"),
              _("各地标准不一，如烟台市2020年120–300元"), yuan),
    Parameter("subsidies.job_introduction_amount_priority", _("职业介绍补贴标准（就业困难人员）"), Decimal,
              Decimal("500"), _("元/人"), _("如重庆市某区：一般200元、就业困难人员500元"), yuan),
    Parameter("subsidies.job_introduction_min_contract_months", _("职业介绍补贴最短劳动合同期限"), int, 12, _("个月"),
              _("烟台市：签订1年以上劳动合同并缴纳社会保险")),
    Parameter("subsidies.job_introduction_requires_insurance", _("职业介绍补贴须缴纳社会保险"), int, 1, _("1=是，0=否"),
              _("烟台市：签订1年以上劳动合同并缴纳社会保险"), check=yes_no),
)  # fmt: skip
