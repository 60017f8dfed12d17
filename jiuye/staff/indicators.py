"""The indicators of the staff (report ``performance``): the coordinators at work in each
region, the denominator of the services recorded per coordinator. A figure of today: accounts
keep no past of their roles that a count at a past date could read."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, grouped
from jiuye.staff.models import StaffCertificate, User
from jiuye.staff.roles import RoleCode


def collect(query: Query) -> dict[str, dict]:
    """Active coordinator accounts of active offices, by the office's region, and those of
    them holding a certificate in force on ``query.last`` (持证上岗)."""
    day = query.last
    accounts = (
        User.objects.visible_to(query.user)
        .within(query.prefix)
        .filter(is_active=True, org__is_active=True, roles__code=RoleCode.COORDINATOR)
    )
    valid = StaffCertificate.objects.filter(user=OuterRef("pk"), issued_on__lte=day).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=day)
    )
    return grouped(
        accounts, query.length, field="org__region_id", coordinators=Count("pk", distinct=True),
        coordinators_certified=Count("pk", distinct=True, filter=Exists(valid)),
    )  # fmt: skip


INDICATORS = (
    Indicator("coordinators", _("在岗协管员"), _("工作人员"), collect, unit=_("人"), report="performance",
              definition=_("在用的协管员账号数（所属机构有效）；今日数字，不随期间变化")),
    Indicator("coordinators_certified", _("其中持证上岗"), _("工作人员"), collect, unit=_("人"),
              report="performance", definition=_("在岗协管员中当日持有效上岗证书的人数")),
    Indicator("certified_rate", _("协管员持证率"), _("工作人员"), collect, unit="%", report="performance",
              ratio=("coordinators_certified", "coordinators"),
              definition=_("持有效上岗证书的协管员占在岗协管员的比例（持证上岗）")),
)  # fmt: skip
