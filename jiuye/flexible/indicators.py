"""The indicators of flexible employment (programmes report): persons registered and those
whose periodic check is overdue."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from jiuye.core import parameters
from jiuye.core.indicators import Indicator, Query, grouped, merge, per_worker
from jiuye.core.registry import Work
from jiuye.core.workdays import months_before
from jiuye.flexible.models import Check, FlexibleJob
from jiuye.regions.codes import code_of_prefix


def collect(query: Query) -> dict:
    """Registered on the last day, and of those the ones whose check was overdue then:
    neither the registration nor a check within the parameter's months before that day."""
    last = query.last
    months = parameters.value("flexible.check_months", code_of_prefix(query.prefix), last)
    cutoff = months_before(last, months)
    registered = (
        FlexibleJob.objects.visible_to(query.user).within(query.prefix)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=last), started_on__lte=last, registered_on__lte=last)
    )  # fmt: skip
    recent = Exists(
        Check.objects.filter(job=OuterRef("pk"), checked_on__gte=cutoff, checked_on__lte=last)
    )
    overdue = registered.filter(registered_on__lt=cutoff).exclude(recent)
    return merge(
        grouped(registered, query.length, flexible_registered=Count("pk")),
        grouped(overdue, query.length, flexible_overdue=Count("pk")),
    )


SECTION = _("灵活就业")
INDICATORS = (
    Indicator("flexible_registered", _("灵活就业登记人数（月末）"), SECTION, collect, unit=_("人"),
              definition=_("期末在册的灵活就业登记人数"), report="programmes", at_date=True),
    Indicator("flexible_overdue", _("其中核实逾期"), SECTION, collect, unit=_("人"),
              definition=_("期末在册、登记或最近一次核实已超过核实周期的人数"), report="programmes",
              at_date=True),
)  # fmt: skip

WORK = (
    Work("flexible_checks", _("核实灵活就业人员"), "", per_worker(Check, "checked_by", "checked_on"), visit=True),
)  # fmt: skip
