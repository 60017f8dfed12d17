"""The ledger's statistics of a region on a day: the registered indicators of report
``statistics`` (and the hard-to-employ persons' employment of report ``community``) for the
region and each region below it, shown in blocks of one breakdown each, a table with its chart.

Every figure is computed by ``core.indicators.table`` in one pass (each source's grouped query
once), and the registered unemployed by month by ``core.charts.monthly`` (a query a month): the
number of queries does not depend on the number of sub-regions."""

import dataclasses
import datetime

from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.indicators import COMMUNITY
from jiuye.core import charts, indicators
from jiuye.core.registry import registry
from jiuye.jobs import indicators as jobs
from jiuye.ledger import indicators as ledger
from jiuye.registration import indicators as registration
from jiuye.statistics import indicators as statistics


@dataclasses.dataclass(frozen=True)
class Block:
    """A table of the statistics page and its chart: the indicators of ``section`` (or those
    ``codes`` name), under ``title``. ``total`` is the code of the block's total, a column of
    the table but not a bar of the chart (the bars of the others are stacked unless not
    ``stacked``); ``chart`` names other codes to draw."""

    section: object
    title: object = None
    total: str = ""
    codes: tuple = ()
    chart: tuple = ()
    stacked: bool = True

    @property
    def heading(self):
        return self.title or self.section

    def columns(self) -> list[indicators.Indicator]:
        found = registry["indicators"].values()
        if self.codes:
            return [registry["indicators"][code] for code in self.codes]
        return [indicator for indicator in found if indicator.section is self.section]


BLOCKS = (
    Block(ledger.BY_STATUS, total="ledger_persons"),
    Block(ledger.BY_SEX),
    Block(ledger.BY_AGE),
    Block(ledger.BY_EDUCATION),
    Block(ledger.BY_HUKOU),
    Block(ledger.BY_DESTINATION),
    Block(statistics.BY_INDUSTRY, total="transferred"),
    Block(registration.FLOWS, stacked=False),
    Block(registration.BY_DURATION),
    Block(registration.BY_CAUSE),
    Block(jobs.SEEKERS, total="job_seekers"),
    Block(jobs.VACANCIES, total="job_vacancies"),
    Block(jobs.REFERRALS, total="job_referrals"),
    Block(jobs.HIRES, total="job_hires"),
    Block(COMMUNITY, _("就业困难人员就业率"), codes=("hard_count", "hard_employed", "hard_rate"),
          chart=("hard_rate",), stacked=False),
)  # fmt: skip
MONTHLY = ("unemployed_inflow", "unemployed_outflow", "unemployed_stock")


@dataclasses.dataclass
class Part:
    """One block of the page: its table (``core.indicators.Table``) and chart spec."""

    block: Block
    table: indicators.Table
    chart: dict


@dataclasses.dataclass
class Figures:
    region: object
    day: datetime.date
    first: datetime.date  # the period of the figures of a period: the month up to ``day``
    table: indicators.Table  # every block's columns
    parts: list[Part]
    months: list  # [(month, {label: value})] of the registered unemployed
    trend: dict


def figures_of(user, region, day: datetime.date) -> Figures:
    """The statistics of ``region`` (which the caller checked ``user`` may see) on ``day``."""
    first = day.replace(day=1)
    columns = [column for block in BLOCKS for column in block.columns()]
    table = indicators.table(user, region, columns, first, day)
    parts = []
    for block in BLOCKS:
        part = part_of(table, block.heading, block.columns())
        parts.append(Part(block, part, chart_of(block, part)))
    months = charts.monthly(user, region, MONTHLY, day)
    trend = charts.trend(months, title=_t("近12个月登记失业人员增减（人）"))
    return Figures(region, day, first, table, parts, months, trend)


def part_of(table: indicators.Table, heading, columns) -> indicators.Table:
    """The table of some of ``table``'s columns, under one heading."""

    def row(each: indicators.Row) -> indicators.Row:
        cells = [(column, each.values[column.code]) for column in columns]
        return dataclasses.replace(each, cells=cells)

    return dataclasses.replace(
        table, groups=[(heading, columns)], rows=[row(each) for each in table.rows],
        total=row(table.total),
    )  # fmt: skip


def chart_of(block: Block, table: indicators.Table) -> dict:
    """Bars by sub-region (stacked: the parts of a whole), or where the region has none below
    it, a ring of the parts of its total."""
    codes = block.chart or [column.code for column in table.columns if column.code != block.total]
    title = str(block.heading)
    if not table.rows:
        labels = {column.code: column.label for column in table.columns}
        return charts.shares(
            [(labels[code], table.total.values[code]) for code in codes], title=title
        )
    spec = charts.bars(table, codes, title=title)
    if block.stacked:
        for series in spec["series"]:
            series["stack"] = "total"
    return spec


def export_table(found: Figures) -> indicators.Table:
    """Every block's columns in one table, each labelled with its block's heading (an Excel
    sheet has no headings above its columns)."""
    columns = [
        dataclasses.replace(
            column,
            label=_t("%(block)s：%(label)s") % {"block": part.block.heading, "label": column.label},
        )
        for part in found.parts
        for column in part.table.columns
    ]
    return part_of(found.table, "", columns)
