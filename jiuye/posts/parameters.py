"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, positive, yuan

PARAMETERS = (
    Parameter("posts.post_subsidy", _("公益性岗位岗位补贴标准"), Decimal, Decimal("2200"), _("元/月"),
              _("按当地最低工资标准确定：济南市2025年起第一档月最低工资标准为2200元"), yuan),
    Parameter("posts.insurance_subsidy", _("公益性岗位社会保险补贴标准"), Decimal, Decimal("1028"), _("元/月"),
              _("单位应缴的基本养老（16%）、基本医疗（9%）、失业保险（0.7%）费按缴费基数下限计算；"
              "示例：基数下限按4,000元计约1,028元/月，各地按当年缴费基数下限核定"), yuan),
    Parameter("posts.subsidy_max_months", _("公益性岗位补贴最长期限"), int, 36, _("个月"),
              _("补贴期限最长不超过3年，多次安置累计计算"), positive),
    Parameter("posts.special_subsidy_max_months", _("特定公益性岗位补贴最长期限"), int, 36, _("个月"),
              _("指导意见（七）：社区、行政村特定公益性岗位聘用符合条件人员的，可按规定给予岗位补贴和社会保险补贴；"
              "未另定期限的按公益性岗位的规定（最长3年，多次安置累计计算），各地另有规定的按规定设置"), positive),
    Parameter("posts.retirement_years", _("距法定退休年龄不足年限"), int, 5, _("年"),
              _("首次安置时距法定退休年龄不足该年限的，可延长补贴至退休")),
    Parameter("posts.month_count_day", _("公益性岗位补贴计月基准日"), int, 15, _("日"),
              _("当月该日（含）在岗的，计发当月补贴，不按天折算")),
    Parameter("posts.employer_insurance", _("企业吸纳就业困难人员社会保险补贴标准"), Decimal, Decimal("1028"),
              _("元/月"), _("按缴费基数下限计算的单位应缴社会保险费，期限同“公益性岗位补贴最长期限”"), yuan),
)  # fmt: skip
