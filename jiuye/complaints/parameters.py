"""The policy parameters of complaints (registered by its ``AppConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, positive

PARAMETERS = (
    Parameter("complaints.answer_days", _("投诉答复时限"), int, 15, _("工作日"),
              _("受理之日起答复投诉人的时限（信访、12345热线通行做法为15个工作日）"), check=positive),
    Parameter("complaints.escalated_days", _("升级投诉答复时限"), int, 10, _("工作日"),
              _("超期未答复的投诉升级到上级机构后，上级机构答复的时限"), check=positive),
    Parameter("complaints.callback_days", _("投诉回访时限"), int, 5, _("工作日"),
              _("答复后回访投诉人、记录满意度的时限"), check=positive),
)  # fmt: skip
