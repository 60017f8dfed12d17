"""The policy parameters of the yearly assessment (registered by its ``AppConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, positive

PARAMETERS = (
    Parameter("assessment.self_days", _("年度考核个人自评时限"), int, 10, _("工作日"),
              _("县级开启考核后工作人员提交个人自评的时限"), check=positive),
    Parameter("assessment.scoring_days", _("年度考核评分时限"), int, 15, _("工作日"),
              _("社区（村）、街道（乡镇）和县级完成德、效评分的时限"), check=positive),
    Parameter("assessment.expected_visits", _("年度应走访服务对象次数"), int, 24, _("次"),
              _("“勤”的走访部分：一年走访（上门服务、核实）服务对象的应有次数，达到即得满分；"
              "开启考核时记入考核方案"), check=positive),
)  # fmt: skip
