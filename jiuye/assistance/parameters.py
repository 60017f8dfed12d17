"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, positive, yes_no, yuan

PARAMETERS = (
    Parameter("assistance.days_investigation", _("就业困难人员认定调查初审时限"), int, 5, _("工作日")),
    Parameter("assistance.notice_days", _("认定公示期"), int, 7, _("工作日"), _("在社区（村）公示7个工作日；有的地方为3个工作日")),
    Parameter("assistance.days_township_review", _("认定街道审核时限"), int, 3, _("工作日")),
    Parameter("assistance.days_county_identification", _("认定县级审批时限"), int, 5, _("工作日")),
    Parameter("assistance.card_format", _("就业援助卡编号格式"), str, "{county}{year}{sequence:06d}", "",
              _("6位县级区划代码+4位年份+6位顺序号")),
    Parameter("assistance.placement_limit_months", _("零就业家庭动态清零时限"), int, 1, _("个月"),
              _("认定后一个月内至少安置一人就业（鲁人社发〔2010〕46号第十六条）"), positive),
    Parameter("assistance.urban_requires_registration", _("城镇零就业家庭：失业成员须已办理失业登记"), int, 1,
              _("1是 0否"), _("“有劳动能力和就业愿望的成员均处于失业状态（并已进行失业登记）”"), yes_no),
    Parameter("assistance.urban_income_line", _("城镇零就业家庭人均月收入上限"), Decimal, Decimal("0"), _("元"),
              _("可选条件，如低保标准的2倍；0为不设此条件"), yuan),
    Parameter("assistance.rural_poverty_line", _("农村零转移就业贫困家庭人均月收入线"), Decimal, Decimal("550"), _("元"),
              _("享受低保或人均收入低于当地标准；默认值为示例，请按当地标准设置"), yuan),
    Parameter("assistance.household_rejection_months", _("零就业家庭不予认定后重新出现的间隔"), int, 6, _("个月"),
              _("调查核实不符合条件的家庭，在此期间台账数据不再自动列为零就业家庭"), positive),
    Parameter("assistance.stable_contract_months", _("稳定就业劳动合同期限"), int, 12, _("个月"),
              _("签订1年以上期限劳动合同（鲁人社发〔2010〕46号第十六条）")),
    Parameter("assistance.stable_watch_months", _("稳定后跟踪期"), int, 6, _("个月")),
    Parameter("assistance.county_visit_months", _("县级定期走访周期"), int, 3, _("个月")),
    Parameter("assistance.home_visit_days", _("社区走访援助对象、零就业家庭周期"), int, 30, _("天"),
              _("超过此天数未服务、未联系的，列入社区走访"), positive),
    # the rules of the categories of hard-to-employ persons (Category.rule)
    Parameter("assistance.older_female_age", _("大龄就业困难人员年龄（女）"), int, 40, _("周岁"), _("“4050”人员：女性年满40周岁")),
    Parameter("assistance.older_male_age", _("大龄就业困难人员年龄（男）"), int, 50, _("周岁"), _("“4050”人员：男性年满50周岁")),
    Parameter("assistance.near_retirement_years", _("距法定退休年龄年限"), int, 10, _("年"),
              _("距法定退休年龄不足10年的登记失业人员")),
    Parameter("assistance.long_term_months", _("长期失业时长"), int, 12, _("个月"), _("连续失业一年以上的登记失业人员")),
    # exit review (待退出审核) and exit for refusing services
    Parameter("assistance.days_exit_review", _("退出审核时限"), int, 10, _("工作日")),
    Parameter("assistance.exit_employed_months", _("稳定就业退出：非农就业或劳动合同月数"), int, 12, _("个月"),
              _("实现稳定就业（连续就业或签订劳动合同12个月以上）的，退出援助")),
    Parameter("assistance.exit_refusals", _("因拒绝服务退出所需的拒绝次数"), int, 3, _("次"),
              _("6个月内无正当理由拒绝接受公共就业服务3次以上的，退出援助（乌鲁木齐退出机制；有的省为3次拒绝）")),
    Parameter("assistance.exit_refusal_months", _("拒绝次数的计算期间"), int, 6, _("个月"), _("6个月内拒绝3次以上")),
)  # fmt: skip

# The one-time placement subsidy (assistance.subsidy)
PARAMETERS += (
    Parameter("subsidies.zero_household_amount", _("零就业家庭托底安置一次性补助标准"), Decimal, Decimal("1000"), _("元/人"),
              _("省指导意见第十六条：由本级财政根据安置人数给予一次性补助，标准由各地确定"), yuan),
    Parameter("subsidies.zero_household_min_contract_months", _("零就业家庭托底安置最短劳动合同期限"), int, 12, _("个月"),
              _("省指导意见第十六条：签订1年以上期限劳动合同")),
)  # fmt: skip
