"""Indicators (architecture mechanism 4): every figure a dashboard, report or ranking shows,
registered once by the app that owns it, computed for a region's sub-regions and a period.

An ``Indicator`` has its code, label, definition and unit, the heading it is shown under and
the report that shows it, and ``collect``: a function of a ``Query`` that returns
``{group: {indicator code: value}}``, where ``group`` is the region code of a record cut to
the query's length (``grouped`` does that). Several indicators of one source share one
``collect``, which runs once per report. A figure of a moment (persons on posts at the
month's end) is taken on ``query.last``; ``at_date`` says the records keep what is needed to
answer it for any past date, not only today. ``persons`` lists the residents behind a figure,
so a page can open them from the number (``ledger:behind``).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from jiuye.core.money import yuan
from jiuye.core.registry import registry
from jiuye.regions.changes import regions_on
from jiuye.regions.codes import child_prefix_length, prefix_sql
from jiuye.regions.models import Region


def words(template, **params):
    """``template % params`` translated when shown, not when the module defining an indicator
    loads (a lazy string formatted with % is translated at once, in the default language)."""
    return lazy(lambda: str(template) % {name: str(value) for name, value in params.items()}, str)()


@dataclass(frozen=True)
class Query:
    """The records ``user`` may see under region ``prefix``, grouped by the first ``length``
    characters of their region code, for the days ``first`` to ``last``."""

    user: object
    prefix: str
    length: int
    first: datetime.date
    last: datetime.date


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    section: str  # the heading it is shown under, e.g. "公益性岗位"
    collect: Callable[[Query], dict[str, dict]]
    definition: str = ""
    unit: str = ""
    report: str = ""  # the page that shows it ("programmes", "assistance")
    ratio: tuple[str, str] | None = None  # a percentage of two other indicators' values
    total: str = "sum"  # how sub-regions add up: "sum", or "max" (the largest; None if none)
    at_date: bool = False  # ``last`` may be any past date
    # persons(user, prefix, first, last) → the residents behind the figure (for a ratio: those
    # of the denominator not in the numerator), a ``Person`` queryset; None: not persons
    persons: Callable | None = None

    @cached_property  # a lazy string compares by translating it: once is enough
    def is_money(self) -> bool:
        """A figure in yuan: rounded to the fen and printed as money."""
        return self.unit == MONEY_UNIT


MONEY_UNIT = _("元")


class System:
    """Whom a nightly job computes for: the whole database, no jurisdiction limit (the
    figures it keeps are read back through ``visible_to`` like any record)."""

    is_authenticated = is_active = True
    jurisdiction_prefix = ""


SYSTEM = System()


def grouped(queryset, length: int, *, field: str = "region_id", **aggregates) -> dict[str, dict]:
    """``{group: {name: value}}`` of ``aggregates`` over ``queryset`` by the prefix of the
    region code in ``field``."""
    rows = queryset.annotate(group=prefix_sql(field, length)).values("group").annotate(**aggregates)
    return {row.pop("group"): row for row in rows.order_by()}


def per_worker(model, by: str, on: str, **filters) -> Callable:
    """A ``core.registry.Work`` count: the records of ``model`` made by each worker (the user
    in field ``by``) on the days ``first`` to ``last`` (the date in field ``on``)."""

    def count(user_ids, first: datetime.date, last: datetime.date) -> dict[int, int]:
        rows = (
            model.objects.filter(**{f"{by}__in": list(user_ids), f"{on}__range": (first, last)}, **filters)
            .values(by).annotate(n=Count("pk")).order_by()
        )  # fmt: skip
        return {row[by]: row["n"] for row in rows}

    return count


def breakdown(code: str, categories, section, collect, *, definition, **fields) -> tuple:
    """A figure broken down by a category (labour status, sex, age band …): one indicator per
    category, ``categories`` being ``[(key, label)]`` (a ``TextChoices``' ``choices``), coded
    ``<code>_<key>`` and counted by ``collect`` with the aggregates ``counts`` names; the
    ``definition`` says what is counted and by what. Each is an ordinary indicator: tables,
    charts, exports and rankings read it like any other."""
    return tuple(
        Indicator(
            f"{code}_{key or 'none'}", label, section, collect, definition=definition, **fields
        )
        for key, label in categories
    )


def counts(code: str, conditions: dict, *, only: Q | None = None, distinct=False) -> dict:
    """The aggregates of the breakdown ``code`` for ``grouped``: the records that meet each
    category's condition (``{key: Q}``) and ``only`` (``distinct`` where a join repeats
    them)."""
    only = only or Q()
    return {
        f"{code}_{key or 'none'}": Count("pk", filter=only & condition, distinct=distinct)
        for key, condition in conditions.items()
    }


def merge(*parts: dict[str, dict]) -> dict[str, dict]:
    """Several ``{group: {code: value}}`` as one."""
    found: dict[str, dict] = {}
    for part in parts:
        for group, row in part.items():
            found.setdefault(group, {}).update(row)
    return found


def of_report(report: str) -> list[Indicator]:
    return [
        indicator for indicator in registry["indicators"].values() if indicator.report == report
    ]


def with_parts(indicators: list[Indicator]) -> list[Indicator]:
    """``indicators`` and, before each ratio, the indicators it is a ratio of (registered for
    another report, perhaps), each once."""
    codes: dict[str, None] = {}
    for indicator in indicators:
        codes.update(dict.fromkeys(indicator.ratio or ()))
        codes[indicator.code] = None
    return [registry["indicators"][code] for code in codes]


def collect(indicators: list[Indicator], query: Query) -> dict[str, dict]:
    """The values of ``indicators`` by group: each source's ``collect`` runs once."""
    sources = dict.fromkeys(indicator.collect for indicator in indicators)
    return merge(*(source(query) for source in sources))


@dataclass
class Row:
    region: object | None  # None: the total
    values: dict = field(default_factory=dict)
    own: bool = False  # the region's own records, not of a region below it
    former: bool = False  # a region of a past day that no region of today stands for
    cells: list = field(default_factory=list)  # (indicator, value) in the columns' order


@dataclass
class Table:
    """Indicators of a region and each region below it, for a period (drill-down)."""

    region: object
    first: datetime.date
    last: datetime.date
    groups: list  # [(section, [Indicator …])], in the order the sections were registered
    rows: list[Row]
    total: Row

    @property
    def columns(self) -> list[Indicator]:
        return [indicator for _section, indicators in self.groups for indicator in indicators]

    @property
    def month(self) -> datetime.date:
        return self.first

    @property
    def is_empty(self) -> bool:
        """Nothing counted for the period in the whole region."""
        return not any(value for value in self.total.values.values())


def collect_on(user, region, indicators: list[Indicator], first, last, length: int, past=None):
    """The values of ``indicators`` in ``region`` as it was on ``last``, by today's codes cut to
    ``length`` (the length of the region's own prefix: one group, ``region.prefix``): what
    every figure of a region, its sub-regions or its offices is read through. When division
    codes changed after ``last`` (``past``, else ``regions_on(region, last)``), today's codes
    are grouped finer, the parts that were not in the region that day are left out and those
    that were are taken in (the query widened to a common ancestor), then cut to ``length``
    and added up, in the same queries. ``region`` None: the whole database as it is (nightly
    snapshots keep today's codes; a statistic that reads them groups them as they were)."""
    if region is not None and past is None:
        past = regions_on(region, last, [])
    if past is None:
        prefix = region.prefix if region is not None else ""
        return collect(indicators, Query(user, prefix, length, first, last))
    found = collect(indicators, Query(user, past.prefix, max(length, past.length), first, last))
    whole = length <= len(region.prefix)  # the region as one group, its parts wherever today
    parts: dict[str, list] = {}
    for group, row in found.items():
        if past.child_of(group) is not None:  # None: a part that was not in the region that day
            parts.setdefault(region.prefix if whole else group[:length], []).append(row)
    return {group: add_up(rows, indicators) for group, rows in parts.items()}


def table(user, region, indicators: list[Indicator], first, last) -> Table:
    """``indicators`` for ``region`` (which the caller checked ``user`` may see) and each of its
    visible children, from ``first`` to ``last``: a few grouped queries, whatever their number.
    When division codes changed after ``last``, the children are those of that day
    (``regions.changes.regions_on``): today's codes are grouped finer (``collect_on``) and
    added up by the sub-region they were in, in the same queries."""
    length = child_prefix_length(region.code)
    children = list(Region.objects.visible_to(user).filter(parent=region).order_by("code"))
    past = regions_on(region, last, children)
    if past is None:
        values = collect_on(user, region, indicators, first, last, length, past)
        shown = [(child.prefix, child, False) for child in children]
    else:
        found = collect_on(user, region, indicators, first, last, past.length, past)
        parts: dict[str, list] = {}
        for group, row in found.items():
            parts.setdefault(past.child_of(group) or region.prefix, []).append(row)
        values = {child: add_up(rows, indicators) for child, rows in parts.items()}
        shown = past.children
    sections: dict[str, list] = {}
    for indicator in indicators:
        sections.setdefault(indicator.section, []).append(indicator)
    rows = [
        Row(child, fill(values.get(then, {}), indicators), former=former)
        for then, child, former in shown
    ]
    child_groups = {then for then, _child, _former in shown}
    own = [row for group, row in values.items() if group not in child_groups]
    if own:  # records of the region itself (a township's own posts …), not of a child
        rows.append(Row(region, fill(add_up(own, indicators), indicators), own=True))
    total = Row(None, fill(add_up(list(values.values()), indicators), indicators))
    for row in [*rows, total]:
        row.cells = [(indicator, row.values[indicator.code]) for indicator in indicators]
    return Table(region, first, last, list(sections.items()), rows, total)


def add_up(rows: list[dict], indicators: list[Indicator]) -> dict:
    """The values of several groups together, each indicator as its ``total`` says."""
    total: dict = {}
    for indicator in indicators:
        found = [row[indicator.code] for row in rows if row.get(indicator.code) is not None]
        if indicator.total == "max":
            total[indicator.code] = max(found, default=None)
        elif indicator.ratio is None:
            total[indicator.code] = sum(found)
    return total


def fill(values: dict, indicators: list[Indicator]) -> dict:
    """Every indicator's value: zero where nothing was counted (None for a largest value),
    amounts of money to the fen (a database's sum may carry float noise), ratios as
    percentages to one decimal (None when the denominator is zero)."""
    filled = {}
    for indicator in indicators:
        if indicator.ratio is None:
            empty = None if indicator.total == "max" else 0
            found = values.get(indicator.code)
            filled[indicator.code] = empty if found is None else found
            if indicator.is_money and filled[indicator.code] is not None:
                filled[indicator.code] = yuan(filled[indicator.code])
    for indicator in indicators:
        if indicator.ratio is not None:
            numerator, denominator = (filled.get(code) or 0 for code in indicator.ratio)
            filled[indicator.code] = (
                (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))
                if denominator else None
            )  # fmt: skip
    return filled
