"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter, yes_no, yuan


def _percent(value):
    if not 0 <= value <= 100:
        raise ValidationError(_("应为0到100之间的整数。"))


PARAMETERS = (
    Parameter("subsidies.training_vocational_amount", _("职业培训补贴标准"), Decimal, Decimal("600"), _("元/人"),
              _("各地所见：职业培训500–600元，创业培训1200元"), check=yuan),
    Parameter("subsidies.training_startup_amount", _("创业培训补贴标准"), Decimal, Decimal("1200"), _("元/人"),
              _("各地所见：职业培训500–600元，创业培训1200元"), check=yuan),
    Parameter("subsidies.training_min_attendance", _("培训补贴最低出勤率"), int, 80, "%",
              _("出勤学时不少于课程学时的该比例"), check=_percent),
    Parameter("subsidies.training_certificate_required", _("培训补贴须取得证书"), int, 1, _("1=是，0=否"),
              _("结业并取得职业资格、技能等级、专项能力或培训合格证书"), check=yes_no),
)  # fmt: skip

PARAMETERS += (
    Parameter("training.referral_subsidy_amount", _("推荐参训补助标准"), Decimal, Decimal("50"), _("元/人"),
              _("省指导意见第十七条：街道（乡镇）、社区组织推荐失业人员和求职人员到定点培训机构参加培训的，"
              "由培训机构按一定标准给予补助；标准由各地确定"), check=yuan),
)  # fmt: skip

PARAMETERS += (
    Parameter("training.followup_days", _("培训结业后就业跟踪期"), int, 90, _("天"),
              _("结业后此期间内仍未就业、结业后未联系的学员列入社区走访")),
)  # fmt: skip
