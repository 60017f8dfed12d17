"""The programmes report (项目与补贴统计) of a region for a month: the subsidies approved by
kind (persons, amount) and the figures each line of work registers (``subsidies.figures``),
for the region and each region below it — a few grouped queries, whatever their number."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.regions.codes import PREFIX_LENGTH, Level
from jiuye.regions.models import Region
from jiuye.subsidies import figures, kinds
from jiuye.subsidies.models import ClaimLine
from jiuye.subsidies.selectors import FEN, MONEY

EARLIEST_MONTH = datetime.date(2000, 1, 1)


def check_month(day: datetime.date) -> datetime.date:
    """The first day of the month a report may be asked for: from January 2000 to the
    current month (a month far outside would make the cohorts' dates overflow)."""
    first = day.replace(day=1)
    if not EARLIEST_MONTH <= first <= timezone.localdate().replace(day=1):
        raise ValidationError(_("月份应在2000年1月至本月之间。"), code="month_range")
    return first


@dataclass
class Row:
    region: Region | None  # None: the total
    values: dict = field(default_factory=dict)
    own: bool = False  # the region's own records, not of a region below it
    cells: list = field(default_factory=list)  # (column, value) in the columns' order


@dataclass
class Report:
    region: Region
    month: datetime.date
    groups: list  # [(section label, [Column …])]
    rows: list[Row]
    total: Row

    @property
    def columns(self):
        return [column for _label, columns in self.groups for column in columns]


def _subsidy_columns() -> list[figures.Column]:
    columns = []
    for kind in kinds.KINDS.values():
        columns.append(
            figures.Column(f"{kind.code}:count", _("%(kind)s人数") % {"kind": kind.label})
        )
        columns.append(
            figures.Column(f"{kind.code}:amount", _("%(kind)s金额（元）") % {"kind": kind.label})
        )
    return columns


def _subsidies(user, prefix, length, first, last) -> dict[str, dict]:
    """Lines of the month's approved claims, by the person's region and kind."""
    lines = (
        ClaimLine.objects.visible_to(user)
        .within(prefix)
        .filter(void=False, claim__state="approved", claim__month=first)
    )
    rows = (
        lines.annotate(group=Substr("region_id", 1, length))
        .values("group", "kind")
        .annotate(count=Count("pk"), amount=Sum("amount", output_field=MONEY))
        .order_by()
    )
    found: dict[str, dict] = {}
    for row in rows:
        found.setdefault(row["group"], {}).update(
            {
                f"{row['kind']}:count": row["count"],
                f"{row['kind']}:amount": row["amount"].quantize(FEN),
            }
        )
    return found


def programme_report(user, region: Region, month: datetime.date) -> Report:
    first, last = kinds.month_bounds(month)
    prefix = region.prefix
    length = PREFIX_LENGTH[Level(region.level + 1)] if region.level < Level.VILLAGE else len(prefix)
    children = list(Region.objects.visible_to(user).filter(parent=region).order_by("code"))
    groups = [(_("补贴"), _subsidy_columns())]
    values: dict[str, dict] = _subsidies(user, prefix, length, first, last)
    for source in figures.SOURCES:
        groups.append((source.label, list(source.columns)))
        for group, row in source.collect(user, prefix, length, first, last).items():
            values.setdefault(group, {}).update(row)
    columns = [column for _label, cols in groups for column in cols]
    rows = [Row(child, _fill(values.get(child.prefix, {}), columns)) for child in children]
    own = _sum(row for group, row in values.items() if group not in {c.prefix for c in children})
    if own:  # records of the region itself (a township's own posts …), not of a child
        rows.append(Row(region, _fill(own, columns), own=True))
    total = Row(None, _fill(_sum(values.values()), columns))
    for row in [*rows, total]:
        row.cells = [(column, row.values[column.code]) for column in columns]
    return Report(region, first, groups, rows, total)


def _sum(rows) -> dict:
    total: dict = {}
    for row in rows:
        for code, value in row.items():
            total[code] = total.get(code, 0) + (value or 0)
    return total


def _fill(values: dict, columns) -> dict:
    """Every column's value, zero where nothing was counted; ratios as percentages."""
    filled = {
        column.code: values.get(column.code) or 0 for column in columns if column.ratio is None
    }
    for column in columns:
        if column.ratio is not None:
            numerator, denominator = (filled.get(code, 0) for code in column.ratio)
            filled[column.code] = (
                (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))
                if denominator else None
            )  # fmt: skip
    return filled
