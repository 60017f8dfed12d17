"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from decimal import Decimal

from jiuye.core.parameters import Parameter, yes_no, yuan

PARAMETERS = (
    Parameter("jobs.referral_answer_days", "职业介绍单位反馈时限", int, 10, "工作日"),
    Parameter("jobs.vacancy_valid_days", "招聘信息默认有效期", int, 60, "天"),
    Parameter("jobs.matches_shown", "匹配结果显示条数", int, 50, "条"),
)  # fmt: skip

PARAMETERS += (
    Parameter("subsidies.job_introduction_amount", "职业介绍补贴标准", Decimal, Decimal("200"), "元/人",
              "各地标准不一，如烟台市2020年120–300元", yuan),
    Parameter("subsidies.job_introduction_amount_priority", "职业介绍补贴标准（就业困难人员）", Decimal,
              Decimal("500"), "元/人", "如重庆市某区：一般200元、就业困难人员500元", yuan),
    Parameter("subsidies.job_introduction_min_contract_months", "职业介绍补贴最短劳动合同期限", int, 12, "个月",
              "烟台市：签订1年以上劳动合同并缴纳社会保险"),
    Parameter("subsidies.job_introduction_requires_insurance", "职业介绍补贴须缴纳社会保险", int, 1, "1=是，0=否",
              "烟台市：签订1年以上劳动合同并缴纳社会保险", check=yes_no),
)  # fmt: skip
