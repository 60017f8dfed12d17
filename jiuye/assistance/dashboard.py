"""The assistance dashboard of a region: its indicators (``assistance.indicators``) for the
region and each region below it, and the breakdowns by category and exit reason."""

import dataclasses
import datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.assistance.choices import ExitReason
from jiuye.assistance.models import Category, Identification
from jiuye.core import charts, indicators, parameters
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
    exited = cases.filter(state="exited", exited_on__year=today.year)
    by_reason = dict(exited.values_list("exit_reason").annotate(n=Count("pk")).order_by())
    categories = [
        (category, by_category.get(category.pk, 0))
        for category in Category.objects.filter(
            province=prefix_of(region.code, Level.PROVINCE), is_active=True
        )
    ]
    exits = [(value, label, by_reason.get(value, 0)) for value, label in ExitReason.choices]
    return {
        "region": region,
        "today": today,
        "limit": limit,
        "total": board.total.values,
        "children": [(row.region, row.values) for row in board.rows if not row.own],
        "categories": categories,
        "exits": exits,
        "exits_total": sum(by_reason.values()),
        "charts": dashboard_charts(board, categories, exits, today),
    }


def dashboard_charts(board, categories, exits, today) -> list[dict]:
    """Bars of persons and households by sub-region (the rows of the table of sub-regions),
    the categories of persons assisted and this year's exits by reason, where there is any."""
    found = []
    children = dataclasses.replace(board, rows=[row for row in board.rows if not row.own])
    if children.rows:
        found += [
            charts.bars(children, ["identified", "cards", "in_progress"], title=_("援助人员按下级区划")),
            charts.bars(children, ["households", "households_over"], title=_("零就业家庭按下级区划")),
        ]  # fmt: skip
    if any(n for _category, n in categories):
        parts = [(category.name, n) for category, n in categories]
        found.append(charts.shares(parts, title=_("援助中人员按类别（人次）")))
    if any(n for _value, _label, n in exits):
        parts = [(label, n) for _value, label, n in exits]
        title = _("%(year)s年退出援助按原因") % {"year": today.year}
        found.append(charts.shares(parts, title=title))
    return found


ZEROING_TREND = ("zero_appeared", "zero_identified", "zero_placed")  # one source: one query a month


def zeroing_charts(user, region: Region, table: indicators.Table) -> list[dict]:
    """动态清零 by sub-region (the table's rows), and households appeared, identified and placed
    in time by month of the table's year up to its last day."""
    found = []
    if table.rows:
        codes = [column.code for column in table.columns]
        found.append(charts.bars(table, codes, title=_("动态清零按下级区划")))
    points = charts.monthly(user, region, ZEROING_TREND, table.last, count=table.last.month)
    found.append(charts.trend(points, title=_("动态清零按月")))
    return found
