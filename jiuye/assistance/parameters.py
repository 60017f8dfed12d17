"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from jiuye.core.parameters import Parameter

PARAMETERS = (
    Parameter("assistance.days_investigation", "就业困难人员认定调查初审时限", int, 5, "工作日"),
    Parameter("assistance.notice_days", "认定公示期", int, 7, "工作日", "在社区（村）公示7个工作日；有的地方为3个工作日"),
    Parameter("assistance.days_township_review", "认定街道审核时限", int, 3, "工作日"),
    Parameter("assistance.days_county_identification", "认定县级审批时限", int, 5, "工作日"),
    Parameter("assistance.card_format", "就业援助卡编号格式", str, "{county}{year}{sequence:06d}", "",
              "6位县级区划代码+4位年份+6位顺序号"),
    Parameter("assistance.zero_household_days", "零就业家庭动态清零时限", int, 30, "天",
              "认定后一个月内至少安置一人就业"),
    Parameter("assistance.stable_contract_months", "稳定就业劳动合同期限", int, 12, "个月",
              "签订1年以上期限劳动合同（鲁人社发〔2010〕46号第十六条）"),
    Parameter("assistance.stable_watch_months", "稳定后跟踪期", int, 6, "个月"),
    Parameter("assistance.county_visit_months", "县级定期走访周期", int, 3, "个月"),
)  # fmt: skip
