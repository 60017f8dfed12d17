"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter

PARAMETERS = (
    Parameter("subsidies.days_hr_review", _("补贴申报人社部门审核时限"), int, 10, _("工作日")),
    Parameter("subsidies.days_finance_review", _("补贴申报财政部门审核时限"), int, 10, _("工作日")),
)  # fmt: skip
