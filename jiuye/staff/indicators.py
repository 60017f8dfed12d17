"""The indicators of the staff (report ``performance``): the coordinators at work in each
region, the denominator of the services recorded per coordinator. A figure of today: accounts
keep no past of their roles that a count at a past date could read."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, grouped
from jiuye.staff.models import User
from jiuye.staff.roles import RoleCode


def collect(query: Query) -> dict[str, dict]:
    """Active coordinator accounts of active offices, by the office's region."""
    accounts = (
        User.objects.visible_to(query.user)
        .within(query.prefix)
        .filter(is_active=True, org__is_active=True, roles__code=RoleCode.COORDINATOR)
    )
    return grouped(
        accounts, query.length, field="org__region_id", coordinators=Count("pk", distinct=True)
    )


INDICATORS = (
    Indicator("coordinators", _("在岗协管员"), _("工作人员"), collect, unit=_("人"), report="performance",
              definition=_("在用的协管员账号数（所属机构有效）；今日数字，不随期间变化")),
)  # fmt: skip
