"""Reads of flexible employment: the checks due, the home page's panel, the report's figures."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from jiuye.core import parameters
from jiuye.flexible.models import Check, FlexibleJob
from jiuye.regions.codes import code_of_prefix
from jiuye.registration.services import months_before
from jiuye.subsidies.figures import Column, Source, grouped


def checks_due(user, today):
    """Open registrations of the user's jurisdiction whose periodic check is due."""
    return (
        FlexibleJob.objects.visible_to(user)
        .due(today)
        .with_person()
        .order_by("next_check_on", "pk")
    )


def home_panel(user, today):
    """The home page's share: the checks due in the jurisdiction, for those who make them."""
    if not user.has_perm("flexible.add_check"):
        return None
    due = checks_due(user, today)
    jobs = list(due[:20])
    if not jobs:
        return None
    return "flexible/home_panel.html", {
        "jobs": jobs,
        "count": due.count() if len(jobs) == 20 else len(jobs),
    }


def _collect(user, prefix, length, first, last):
    """Registered at the month's end, and of those the ones whose check was overdue then:
    neither the registration nor a check within the parameter's months before the month's end."""
    months = parameters.value("flexible.check_months", code_of_prefix(prefix), last)
    cutoff = months_before(last, months)
    registered = (
        FlexibleJob.objects.visible_to(user).within(prefix)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=last), started_on__lte=last, registered_on__lte=last)
    )  # fmt: skip
    recent = Exists(
        Check.objects.filter(job=OuterRef("pk"), checked_on__gte=cutoff, checked_on__lte=last)
    )
    rows = grouped(registered, length, flexible_registered=Count("pk"))
    overdue = grouped(registered.filter(registered_on__lt=cutoff).exclude(recent), length,
                      flexible_overdue=Count("pk"))  # fmt: skip
    for group, row in rows.items():
        row["flexible_overdue"] = overdue.get(group, {}).get("flexible_overdue", 0)
    return rows


FIGURES = Source(
    label=_("灵活就业"),
    columns=(
        Column("flexible_registered", _("灵活就业登记人数（月末）")),
        Column("flexible_overdue", _("其中核实逾期")),
    ),
    collect=_collect,
)
