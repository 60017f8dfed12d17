"""The assistance dashboard of a region: its indicators (``assistance.indicators``) for the
region and each region below it, and the breakdowns by category and exit reason."""

import datetime

from django.db.models import Count
from django.utils import timezone

from jiuye.assistance.choices import ExitReason
from jiuye.assistance.models import Category, Identification
from jiuye.core import indicators, parameters
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region


def dashboard(user, region: Region, today: datetime.date | None = None) -> dict:
    """The indicators of the report ``assistance`` for ``region`` and for each of its visible
    children; identified persons by category and exits by reason this year."""
    today = today or timezone.localdate()
    board = indicators.table(user, region, indicators.of_report("assistance"), today, today)
    limit = parameters.value("assistance.placement_limit_months", region.code, today)
    cases = Identification.objects.visible_to(user).within(region.prefix)
    identified = cases.filter(state="identified")
    # a person of several categories counts in each
    by_category = dict(identified.values_list("categories").annotate(n=Count("pk")).order_by())
    exits = cases.filter(state="exited", exited_on__year=today.year)
    by_reason = dict(exits.values_list("exit_reason").annotate(n=Count("pk")).order_by())
    return {
        "region": region,
        "today": today,
        "limit": limit,
        "total": board.total.values,
        "children": [(row.region, row.values) for row in board.rows if not row.own],
        "categories": [
            (category, by_category.get(category.pk, 0))
            for category in Category.objects.filter(
                province=prefix_of(region.code, Level.PROVINCE), is_active=True
            )
        ],
        "exits": [(value, label, by_reason.get(value, 0)) for value, label in ExitReason.choices],
        "exits_total": sum(by_reason.values()),
    }
