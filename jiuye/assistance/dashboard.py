"""Figures of employment assistance for a region and each region below it: a handful of
grouped queries, whatever the number of sub-regions."""

import datetime

from django.db.models import Count, Min, Q
from django.db.models.functions import Substr
from django.utils import timezone

from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES, ExitReason
from jiuye.assistance.models import Category, Identification, Measure, ZeroHousehold
from jiuye.core import parameters
from jiuye.regions.codes import PREFIX_LENGTH, Level, prefix_of
from jiuye.regions.models import Region

FIGURES = (
    "in_progress",
    "identified",
    "cards",
    "overdue_plans",
    "households",
    "households_over",
    "oldest",
)


def _grouped(queryset, length: int, **aggregates) -> dict[str, dict]:
    rows = (
        queryset.annotate(group=Substr("region_id", 1, length))
        .values("group")
        .annotate(**aggregates)
    )
    return {row.pop("group"): row for row in rows.order_by()}


def dashboard(user, region: Region, today: datetime.date | None = None) -> dict:
    """Identified persons by category, valid cards, plans with overdue measures, open
    zero-employment households and their days open, and exits by reason this year — for
    ``region`` and for each of its visible children."""
    today = today or timezone.localdate()
    prefix = region.prefix
    length = PREFIX_LENGTH[Level(region.level + 1)] if region.level < Level.VILLAGE else len(prefix)
    children = list(Region.objects.visible_to(user).filter(parent=region).order_by("code"))
    cases = Identification.objects.visible_to(user).within(prefix)
    limit = parameters.value("assistance.zero_household_days", region.code, today)
    cutoff = today - datetime.timedelta(days=limit)

    figures = {}
    for group, row in _grouped(
        cases.filter(state__in=Identification.workflow.open_states),
        length,
        identified=Count("pk", filter=Q(state="identified")),
        in_progress=Count("pk", filter=~Q(state="identified")),
        cards=Count("card", filter=Q(state="identified")),
    ).items():
        figures.setdefault(group, {}).update(row)
    overdue = Measure.objects.visible_to(user).within(prefix).overdue(today)
    for group, row in _grouped(overdue, length, overdue_plans=Count("plan", distinct=True)).items():
        figures.setdefault(group, {}).update(row)
    households = (
        ZeroHousehold.objects.visible_to(user)
        .within(prefix)
        .filter(state__in=OPEN_HOUSEHOLD_STATES)
    )
    for group, row in _grouped(
        households, length, households=Count("pk"), households_over=Count("pk", filter=Q(appeared_on__lt=cutoff)),
        oldest=Min("appeared_on"),
    ).items():  # fmt: skip
        figures.setdefault(group, {}).update(row)

    def row_of(values):
        row = {name: values.get(name) or 0 for name in FIGURES}
        row["days_open"] = (today - values["oldest"]).days if values.get("oldest") else None
        return row

    oldest = [values["oldest"] for values in figures.values() if values.get("oldest")]
    total = {
        name: sum(values.get(name) or 0 for values in figures.values()) for name in FIGURES[:-1]
    }
    total["days_open"] = (today - min(oldest)).days if oldest else None

    identified = cases.filter(state="identified")
    by_category = dict(identified.values_list("category").annotate(n=Count("pk")).order_by())
    exits = cases.filter(state="exited", exited_on__year=today.year)
    by_reason = dict(exits.values_list("exit_reason").annotate(n=Count("pk")).order_by())
    return {
        "region": region,
        "today": today,
        "limit": limit,
        "total": total,
        "children": [(child, row_of(figures.get(child.prefix, {}))) for child in children],
        "categories": [
            (category, by_category.get(category.pk, 0))
            for category in Category.objects.filter(
                province=prefix_of(region.code, Level.PROVINCE), is_active=True
            )
        ],
        "exits": [(value, label, by_reason.get(value, 0)) for value, label in ExitReason.choices],
        "exits_total": sum(by_reason.values()),
    }
