"""Charts: the specs a page draws with ``{% include "includes/chart.html" with chart=spec %}``.

A spec is an Apache ECharts option as a plain, JSON-safe dict: the data, the translated labels
and the kind of chart; how it looks (colours, font, no animation) is set once in
``static/jiuye/charts.js``. Figures are drawn, not kept: a Decimal becomes a float here, the
table beside the chart keeps the exact number and is what the chart stands for (its text
alternative). Labels are translated when the spec is built, in the request's language.
"""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from jiuye.core import indicators
from jiuye.core.registry import registry
from jiuye.core.workdays import add_months

ROTATE_AFTER = 6  # more regions than this: their names are slanted to fit under the bars
NAME_LABEL = {"interval": 0, "width": 84, "overflow": "truncate"}  # the tooltip has it whole


def number(value):
    """A value as the chart draws it: None stays a gap, a Decimal becomes a float."""
    return float(value) if isinstance(value, Decimal) else value


def bars(table: indicators.Table, codes, *, title="") -> dict:
    """Bars by sub-region of an indicators table: one series per indicator code, one group of
    bars per row of the table (a region's own records included), in the table's order."""
    labels = {column.code: str(column.label) for column in table.columns}
    names = [
        f"{row.region.name}{_('（本级）')}" if row.own else row.region.name for row in table.rows
    ]
    series = {labels[code]: [row.values[code] for row in table.rows] for code in codes}
    return named_bars(names, series, title=title)


def named_bars(names, series: dict, *, title="", whole=True) -> dict:
    """Bars of ``names`` (regions, offices): ``series`` is ``{label: [value per name]}``, a
    series per label; ``whole`` counts whole numbers (the axis has no fractional steps)."""
    names = [str(name) for name in names]
    drawn = [
        {"type": "bar", "name": str(label), "data": [number(value) for value in values]}
        for label, values in series.items()
    ]
    slant = 30 if len(names) > ROTATE_AFTER else 0
    return spec(
        title,
        drawn,
        tooltip={"trigger": "axis"},
        xAxis={"type": "category", "data": names, "axisLabel": NAME_LABEL | {"rotate": slant}},
        yAxis={"type": "value", "minInterval": 1} if whole else {"type": "value"},
    )


def trend(points, *, title="", series_label="") -> dict:
    """A line of values by month: ``points`` is ``[(label, value)]`` (one series, named
    ``series_label``) or ``[(label, {series: value})]`` (a line per series)."""
    labels = [str(label) for label, _value in points]
    values = [
        value if isinstance(value, dict) else {series_label: value} for _label, value in points
    ]
    names = list(dict.fromkeys(name for row in values for name in row))
    series = [
        {"type": "line", "name": str(name), "data": [number(row.get(name)) for row in values]}
        for name in names
    ]
    return spec(
        title,
        series,
        tooltip={"trigger": "axis"},
        xAxis={"type": "category", "data": labels, "boundaryGap": False},
        yAxis={"type": "value", "minInterval": 1},
    )


def shares(parts, *, title="") -> dict:
    """A ring of the parts of a whole: ``parts`` is ``[(label, value)]``; a part of nothing is
    left out (it would be a label without a slice), the slices are labelled, no legend."""
    data = [{"name": str(label), "value": number(value)} for label, value in parts if value]
    ring = {
        "type": "pie", "name": str(title), "radius": ["38%", "62%"], "data": data,
        "label": {"formatter": "{b}: {d}%", "width": 150, "overflow": "truncate"},
    }  # fmt: skip
    return spec(
        title,
        [ring],
        legend={"show": False},
        tooltip={"trigger": "item", "formatter": "{b}: {c} ({d}%)"},
    )


def spec(title, series, **option) -> dict:
    """The option every chart has: its title, a legend under it, its series; then ``option``."""
    return {
        "title": {"text": str(title)},
        "legend": {"type": "scroll", "bottom": 0},
        "series": series,
        **option,
    }


def monthly(user, region, codes, last: datetime.date, count: int = 12) -> list:
    """``[(month, {indicator label: value})]`` of the indicators ``codes`` in the whole of
    ``region`` (which the caller checked ``user`` may see) for the ``count`` months up to the
    one of ``last``, a month's figure as on its last day (on ``last`` in the month of ``last``):
    one query per month and source, whatever the number of regions below, so choose
    indicators of one source. A month before a division-code change counts the region as it
    was then (``indicators.collect_on``)."""
    chosen = [registry["indicators"][code] for code in codes]
    latest = last.replace(day=1)
    found = []
    for first in (add_months(latest, -back) for back in range(count - 1, -1, -1)):
        end = min(add_months(first, 1) - datetime.timedelta(days=1), last)
        whole = indicators.collect_on(user, region, chosen, first, end, len(region.prefix))
        values = indicators.add_up(list(whole.values()), chosen)
        values = indicators.fill(values, chosen)
        found.append((f"{first:%Y-%m}", {str(each.label): values[each.code] for each in chosen}))
    return found
