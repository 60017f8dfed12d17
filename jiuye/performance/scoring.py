"""Scores and rankings of offices (绩效考核, guideline 二十二).

An office's figures come from the indicator registry (``core.indicators.collect_on``): a few
grouped queries for all the offices under a region, whatever their number, never one per
office. Each item of the office's scheme turns a figure into points and says how in words,
from the same numbers, so the explanation cannot disagree with the score. Offices are ranked
among those of the region asked (a county, a city, the province), with the movement since the
previous period. An item scored against "the best of the siblings" compares an office with the
offices of the same parent (the streets and townships of its county, the communities and
villages of its township), so its score is the same on every ranking it appears in.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from jiuye.core.indicators import collect_on, fill
from jiuye.core.registry import registry
from jiuye.performance.choices import Method, OfficeLevel
from jiuye.performance.models import Item, Scheme
from jiuye.performance.periods import Period
from jiuye.regions.changes import past_code, regions_on
from jiuye.regions.codes import PREFIX_LENGTH, Level, code_of_prefix, prefix_of
from jiuye.regions.models import Region

ZERO, ONE, HUNDRED = Decimal("0"), Decimal("1"), Decimal("100")
POINT = Decimal("0.1")
BEST, DEDUCT = Method.BEST.value, Method.DEDUCT.value  # plain strings: compared for every office


def number(value) -> str:
    """A figure as people write it: 12, 87.5, 33.3."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value:.0f}"
    return f"{value.quantize(POINT, ROUND_HALF_UP)}"


@dataclass(frozen=True)
class Part:
    """What one item gave one office: the figure, the target it was measured against (the
    item's, or the best sibling's), the points and the words that explain them (put together
    when read: a ranking of thousands of offices shows none)."""

    item: Item
    value: Decimal | None
    target: Decimal | None
    points: Decimal
    explain: Callable[[], str]

    @property
    def words(self) -> str:
        return self.explain()


@dataclass
class Score:
    region: Region
    scheme: Scheme | None
    parts: list[Part] = field(default_factory=list)
    rank: int = 0
    previous: int | None = None  # the rank of the previous period (None: not ranked then)
    of: int = 0  # how many offices were ranked

    @cached_property
    def total(self) -> Decimal:
        return sum((part.points for part in self.parts), ZERO)

    @cached_property
    def weight(self) -> Decimal:
        return sum((part.item.weight for part in self.parts), ZERO)

    @property
    def movement(self) -> str:
        """↑3, ↓1, — (unchanged), or 新 (not ranked in the previous period)."""
        if self.previous is None:
            return _("新")
        change = self.previous - self.rank
        return f"↑{change}" if change > 0 else f"↓{-change}" if change < 0 else "—"


@dataclass
class Ranking:
    region: Region
    level: OfficeLevel
    period: Period
    scores: list[Score]

    def of_office(self, code: str) -> Score | None:
        return next((score for score in self.scores if score.region.code == code), None)


# Schemes --------------------------------------------------------------------------------


def schemes_for(prefix: str, level: int, year: int) -> list[Scheme]:
    """The schemes that may apply to the offices of ``level`` under ``prefix`` in ``year``:
    the province's and the counties' own, each of the latest year up to ``year`` (a scheme
    applies until a later year's replaces it), with their items."""
    found = (
        Scheme.objects.applying_to(prefix)
        .filter(level=level, year__lte=year)
        .prefetch_related(Prefetch("items", Item.objects.order_by("order", "id")))
        .order_by("region_id", "-year")
    )
    latest: dict[str, Scheme] = {}
    for scheme in found:
        latest.setdefault(scheme.region_id, scheme)
    return list(latest.values())


def scheme_of(code: str, schemes: list[Scheme]) -> Scheme | None:
    """The scheme of the office of ``code``: its county's own, else the province's."""
    for level in (Level.COUNTY, Level.PROVINCE):
        holder = code_of_prefix(prefix_of(code, level))
        for scheme in schemes:
            if scheme.region_id == holder:
                return scheme
    return None


def indicators_of(schemes: list[Scheme]) -> list:
    """The registered indicators the items name, with the parts of the ratios among them."""
    store = registry["indicators"]
    codes: dict[str, None] = {}
    for scheme in schemes:
        for item in scheme.items.all():
            for code in filter(None, (item.indicator, item.per)):
                if code in store:
                    codes.update(dict.fromkeys(store[code].ratio or ()))
                    codes[code] = None
    return [store[code] for code in codes if code in store]


# Points ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """An item's figure for one office, and how it was read (words and unit, when asked)."""

    value: Decimal | None
    say: Callable[[], str]
    unit: Callable[[], str] = str

    @property
    def said(self) -> str:
        return self.say()


def figure(item: Item, values: dict, store=None) -> Reading:
    """The figure of ``item`` among an office's ``values``: the indicator's value, or divided
    by the ``per`` indicator's (None when that is zero or the indicator is gone). ``store``:
    the registered indicators, as a plain dict when read for many offices."""
    store = registry["indicators"] if store is None else store
    indicator = store.get(item.indicator)
    if indicator is None:
        return Reading(None, lambda: _("%(code)s：指标已不再登记") % {"code": item.indicator})
    raw = values.get(item.indicator)
    if raw is None:
        return Reading(None, lambda: _("%(label)s 无数据") % {"label": indicator.label})
    if not item.per:
        return Reading(Decimal(raw), lambda: f"{indicator.label} {number(raw)}{indicator.unit}",
                       lambda: str(indicator.unit))  # fmt: skip
    per = store.get(item.per)
    denominator = values.get(item.per) or 0

    def divided() -> str:
        return _("%(label)s %(value)s%(unit)s ÷ %(per)s %(count)s%(per_unit)s") % {
            "label": indicator.label, "value": number(raw), "unit": indicator.unit,
            "per": per.label if per else item.per, "count": number(denominator),
            "per_unit": per.unit if per else "",
        }  # fmt: skip

    if not denominator:
        return Reading(None, divided)
    value = Decimal(raw) / Decimal(denominator)

    def unit() -> str:
        return f"{indicator.unit}/{per.unit if per else ''}"

    return Reading(value, lambda: f"{divided()} = {number(value)}{unit()}", unit)


def points(item: Item, reading: Reading, best: Decimal | None = None) -> Part:
    """The points ``reading`` earns under ``item`` (``best``: the best figure among the
    office's siblings) and the words that explain them."""
    weight, value = item.weight, reading.value
    if value is None:

        def nothing() -> str:
            return _("%(figure)s，得分 0") % {"figure": reading.said}

        return Part(item, None, item.target, ZERO.quantize(POINT), nothing)
    if item.method == DEDUCT:
        deducted = item.target * value
        earned = max(weight - deducted, ZERO).quantize(POINT, ROUND_HALF_UP)
        return Part(item, value, item.target, earned, lambda: _(
            "%(figure)s，每%(unit)s扣 %(each)s 分，得分 %(weight)s − %(deducted)s = %(points)s"
        ) % {
            "figure": reading.said, "unit": reading.unit(), "each": number(item.target),
            "weight": number(weight), "deducted": number(deducted), "points": earned,
        })  # fmt: skip
    target = best if item.method == BEST else item.target
    share = min(value / target, ONE) if target else ZERO
    earned = (weight * share).quantize(POINT, ROUND_HALF_UP)

    def explain() -> str:
        against = (
            _("同级最高 %(target)s%(unit)s")
            if item.method == BEST
            else _("目标 %(target)s%(unit)s")
        )
        return _("%(figure)s，%(against)s，得分 %(weight)s × %(share)s%% = %(points)s") % {
            "figure": reading.said, "against": against % {"target": number(target or 0), "unit": reading.unit()},
            "weight": number(weight), "share": number(share * HUNDRED), "points": earned,
        }  # fmt: skip

    return Part(item, value, target, earned, explain)


def scores(user, region: Region, offices: list[Region], level: int, period: Period) -> list[Score]:
    """The scores of ``offices`` (of ``level``, in ``region`` as it was at the end of
    ``period``, which holds each of their parents whole) for ``period``: the figures of every
    office in one pass of the registry (``indicators.collect_on``)."""
    schemes = schemes_for(region.prefix, level, period.year)
    indicators = indicators_of(schemes)
    length = PREFIX_LENGTH[Level(level)]
    found = (
        collect_on(user, region, indicators, period.first, period.last, length)
        if indicators
        else {}
    )
    result, read, store = [], {}, dict(registry["indicators"].items())
    above = Level(level - 1)  # the level of an office's parent, whose offices are its siblings
    known: dict[tuple, dict] = {}

    def filled(row: dict) -> dict:
        """``fill`` once for each distinct row of figures: many offices have the same."""
        key = tuple(sorted(row.items()))
        if key not in known:
            known[key] = fill(row, indicators)
        return known[key]

    for office in offices:
        scheme = scheme_of(office.code, schemes)
        values = filled(found.get(office.prefix, {}))
        items = scheme.items.all() if scheme else ()
        read[office.code] = [(item, figure(item, values, store)) for item in items]
        result.append(Score(office, scheme))
    best: dict[tuple[str, int], Decimal] = {}
    for office in offices:
        for item, reading in read[office.code]:
            if item.method == BEST and reading.value is not None:
                key = (parent_on(office.code, above, period), item.pk)
                best[key] = max(best.get(key, reading.value), reading.value)
    for score in result:
        parent = parent_on(score.region.code, above, period)
        score.parts = [
            points(item, reading, best.get((parent, item.pk)))
            for item, reading in read[score.region.code]
        ]
    return result


def ranked(found: list[Score]) -> list[Score]:
    """``found`` best first, with ranks (equal scores share a rank: 1, 2, 2, 4)."""
    order = sorted(found, key=lambda score: (-score.total, score.region.code))
    for index, score in enumerate(order):
        tied = index and order[index - 1].total == score.total
        score.rank = order[index - 1].rank if tied else index + 1
        score.of = len(order)
    return order


def parent_on(code: str, above: Level, period: Period) -> str:
    """The prefix of the parent an office had at the end of ``period`` (its siblings then)."""
    return prefix_of(past_code(code, period.last), above)


def offices_under(user, region: Region, level: int, *days) -> list[list[Region]]:
    """The offices of ``level`` in ``region`` as it was on each of ``days`` (one query): those
    under it today, but for a day before a division-code change those that were in it then
    (``regions.changes.regions_on``), wherever they are today."""
    pasts = [regions_on(region, day, []) for day in days]
    prefix = min([past.prefix for past in pasts if past] + [region.prefix], key=len)
    found = list(
        Region.objects.visible_to(user).within(prefix).filter(level=level).order_by("code")
    )
    return [
        [office for office in found if past.child_of(office.prefix) is not None]
        if past
        else [office for office in found if region.contains(office.code)]
        for past in pasts
    ]


def ranking(user, region: Region, level: int, period: Period) -> Ranking:
    """The offices of ``level`` under ``region`` (which the caller checked ``user`` may see),
    ranked by their score of ``period``, each with its rank of the previous period."""
    if region.level >= level:
        raise ValidationError(_("请选择考核对象以上的区划进行排名。"))
    if level == OfficeLevel.VILLAGE and region.level < Level.CITY:
        raise ValidationError(_("社区（村）的排名请选择市或以下的区划。"))  # some 70,000 of them
    offices, earlier = offices_under(user, region, level, period.last, period.previous.last)
    current = ranked(scores(user, region, offices, level, period))
    before = {score.region.code: score.rank for score in ranked(
        [score for score in scores(user, region, earlier, level, period.previous) if score.scheme]
    )}  # fmt: skip
    for score in current:
        score.previous = before.get(score.region.code)
    return Ranking(region, OfficeLevel(level), period, current)


def office_score(user, office: Region, period: Period) -> Score:
    """An office's score, ranked among its siblings (the offices of its parent)."""
    if office.level not in OfficeLevel.values:
        raise ValidationError(_("只对街道（乡镇）和社区（村）的服务机构进行绩效考核。"))
    parent = Region.objects.get(code=office.parent_id)
    return ranking(user, parent, office.level, period).of_office(office.code)
