"""The policy parameters of supervision (registered by its ``AppConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, positive

PARAMETERS = (
    Parameter("supervision.fix_days", _("督查问题整改期限（默认）"), int, 20, _("工作日"),
              _("督查时可逐项另定整改期限"), check=positive),
    Parameter("supervision.follow_up_days", _("督查整改情况复核时限"), int, 10, _("工作日"),
              _("被督查机构反馈整改情况后，督查机构复核的时限"), check=positive),
)  # fmt: skip
