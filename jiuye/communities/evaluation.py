"""How a community measures against the standards: the indicators their criteria name,
computed from the ledger for a day (figures of that day, flows of the twelve months up to
it), and each criterion met or missed with the reason in words.

One evaluation serves a community's page (one region, today or any past day), the monthly
figures of every community of the province (``snapshot``: a few grouped queries for all of
them) and a re-check (the titles' communities, recomputed together)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.communities.choices import Comparison, StandardKind, Unit
from jiuye.communities.models import CommunityMonth, Criterion, Standard
from jiuye.core import indicators
from jiuye.core.indicators import SYSTEM, Indicator
from jiuye.core.registry import registry
from jiuye.core.workdays import months_before
from jiuye.regions.codes import PREFIX_LENGTH, Level, code_of_prefix, prefix_of
from jiuye.regions.models import Region

UNIT_LEVEL = {Unit.COMMUNITY: Level.VILLAGE, Unit.TOWNSHIP: Level.TOWNSHIP}


@dataclass(frozen=True)
class Result:
    criterion: Criterion
    value: object  # the indicator's value; None for an item checked with evidence
    met: bool | None  # None: checked with evidence by the reviewers

    @property
    def indicator(self) -> Indicator | None:
        return registry["indicators"].get(self.criterion.indicator)

    @property
    def explanation(self) -> str:
        criterion = self.criterion
        if not criterion.is_computed:
            return _("由审核人员查验证明材料：%(evidence)s") % {"evidence": criterion.evidence}
        unit = self.indicator.unit
        wanted = (
            f"{Comparison(criterion.comparison).label} {criterion.threshold.normalize():f}{unit}"
        )
        if self.value is None:
            return _("无需计算的人员，视为达到（标准 %(wanted)s）") % {"wanted": wanted}
        verdict = _("达到") if self.met else _("未达到")
        return _("%(value)s%(unit)s，标准 %(wanted)s，%(verdict)s") % {
            "value": self.value, "unit": unit, "wanted": wanted, "verdict": verdict,
        }  # fmt: skip


@dataclass(frozen=True)
class Judgement:
    standard: Standard
    results: list[Result]

    @property
    def met(self) -> bool:
        """Every criterion computed from the ledger is met (evidence is checked on application)."""
        return all(result.met is not False for result in self.results)

    @property
    def missed(self) -> list[Result]:
        return [result for result in self.results if result.met is False]


def standards(kind: str | None = None, unit: str | None = None) -> list[Standard]:
    found = Standard.objects.filter(is_active=True).prefetch_related("criteria")
    if kind:
        found = found.filter(kind=kind)
    if unit:
        found = found.filter(unit=unit)
    return list(found.order_by("kind", "unit", "rank"))


def indicators_of(standards: list[Standard]) -> list[Indicator]:
    """The indicators the standards' criteria name, with those their ratios are made of."""
    named = {criterion.indicator: None for standard in standards for criterion in standard.criteria.all()
             if criterion.is_computed}  # fmt: skip
    return indicators.with_parts([registry["indicators"][code] for code in named])


def period(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve months up to ``day``: flows (services, registrations) are counted over it."""
    return months_before(day, 12) + datetime.timedelta(days=1), day


def values(user, region, length: int, day: datetime.date, wanted: list[Indicator]) -> dict:
    """``{group: values}`` of ``wanted`` for the regions in ``region`` (as it was on ``day``;
    None: the whole database) cut to ``length`` (``indicators.collect_on``)."""
    first, last = period(day)
    found = indicators.collect_on(user, region, wanted, first, last, length)
    return {group: indicators.fill(row, wanted) for group, row in found.items()}


def empty(wanted: list[Indicator]) -> dict:
    """The figures of a region where nothing was counted."""
    return indicators.fill({}, wanted)


def judge(standard: Standard, figures: dict) -> Judgement:
    results = []
    for criterion in standard.criteria.all():
        if criterion.is_computed:
            value = figures.get(criterion.indicator)
            results.append(Result(criterion, value, criterion.met_by(value)))
        else:
            results.append(Result(criterion, None, None))
    return Judgement(standard, results)


def evaluate(user, region, day: datetime.date, kind: str | None = None) -> tuple[dict, list]:
    """A region's figures on ``day`` and its judgement against each standard of its unit."""
    unit = Unit.TOWNSHIP if region.level == Level.TOWNSHIP else Unit.COMMUNITY
    found = standards(kind, unit)
    wanted = indicators_of(found)
    figures = values(user, region, len(region.prefix), day, wanted).get(region.prefix)
    figures = figures or empty(wanted)
    return figures, [judge(standard, figures) for standard in found]


def target_of(kind: str = StandardKind.FULL_EMPLOYMENT) -> Standard | None:
    return Standard.objects.filter(kind=kind, is_active=True, is_target=True).first()


def snapshot(month: datetime.date, *, prefix: str = "") -> int:
    """Compute and keep the figures of every community and village (and street and township,
    for the standards that measure them) under ``prefix`` that the ledger has records of, for
    ``month``: at its last day, or today while it is under way. Replaces what was kept for
    that month; returns the rows."""
    last = month_end(month)
    day = min(last, timezone.localdate())
    target = target_of()
    region = Region.objects.get(code=code_of_prefix(prefix)) if prefix else None
    rows = []
    for unit, level in UNIT_LEVEL.items():
        found = standards(unit=unit)
        if not found:
            continue
        wanted = indicators_of(found)
        figures_of = values(SYSTEM, region, PREFIX_LENGTH[level], day, wanted)
        # the regions of that level the ledger has records of (a region's own records, such
        # as a township's in a grouping by village, are not a village's)
        codes = Region.objects.filter(
            level=level, code__in=[code_of_prefix(group) for group in figures_of]
        )
        for code in codes.values_list("code", flat=True):
            figures = figures_of[prefix_of(code, level)]
            met = [standard.pk for standard in found if judge(standard, figures).met]
            rows.append(CommunityMonth(
                region_id=code, month=month.replace(day=1), values=as_json(figures), met=met,
                at_target=target is not None and target.pk in met,
            ))  # fmt: skip
    with transaction.atomic():
        CommunityMonth.objects.within(prefix).filter(month=month.replace(day=1)).delete()
        CommunityMonth.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def month_end(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(
        days=1
    )


def from_json(kept: dict) -> dict:
    """Figures as ``as_json`` kept them, percentages as Decimal again."""
    return {
        code: Decimal(value) if isinstance(value, str) else value for code, value in kept.items()
    }


def as_json(figures: dict) -> dict:
    """Figures as JSON keeps them: counts as numbers, percentages as text (exact)."""
    return {code: (str(value) if value is not None and not isinstance(value, int) else value)
            for code, value in figures.items()}  # fmt: skip
