"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter
from jiuye.registration.services import certificate_number


def check_certificate_format(pattern: str) -> None:
    """A format must render and keep numbers unique: county, year and sequence in it."""
    missing = [name for name in ("{county}", "{year", "{sequence") if name not in pattern]
    try:
        certificate_number(county="370102", hukou="1", year=2026, sequence=1, pattern=pattern)
    except (KeyError, ValueError, IndexError):
        missing = missing or ["?"]
    if missing:
        raise ValidationError(
            _(
                "编号格式须包含{county}、{year2}（或{year}）和{sequence…}，可用的还有{hukou}、{check}。"
            )
        )


PARAMETERS = (
    Parameter("registration.days_first_review", _("登记初审时限"), int, 3, _("工作日")),
    Parameter("registration.days_township_review", _("登记审核上报时限"), int, 3, _("工作日")),
    Parameter("registration.days_county_approval", _("登记审批时限"), int, 4, _("工作日"),
              _("就业失业登记证自受理之日起10个工作日内核发（人社部发〔2010〕75号）")),
    Parameter("registration.no_contact_months", _("失业登记人员失联注销期限"), int, 3, _("个月"),
              _("连续3个月未与公共就业服务机构联系的，注销失业登记")),
    Parameter("registration.contact_lead_days", _("失联注销前提前走访天数"), int, 30, _("天"),
              _("距失联注销不足此天数的失业登记人员列入社区走访")),
    Parameter("registration.certificate_format", _("就业失业登记证编号格式"), str,
              "{county}{hukou}{check}{year2}{sequence:06d}", "",
              _("16位：6位县级行政区划代码+1位户籍类别+1位校验码+2位年份+6位顺序号"),
              check=check_certificate_format),
)  # fmt: skip
