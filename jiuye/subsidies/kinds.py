"""The kinds of subsidy and their rules (the registry's store ``subsidy_kinds``).

A line of work registers its kind (``register``) with a rule: given the claiming office and
a month, the rule returns the ``Line``s it may claim — who, how much (Decimal yuan), for which
period, and why in words, naming the facts and the parameters used. The claim model and its
approval are the same for every kind (``subsidies.models``); a database constraint keeps a
person from being paid twice for the same kind and period.

Who approves is part of the kind: its ``level`` is the level of the offices that review and
pay it — the HR step and the finance step are fired only by staff of an office at that level
whose jurisdiction holds the claiming office, and the budget is that office's. The county's by
default; a kind paid from a township's own funds (本级财政, guideline 十六) declares
``level=Level.TOWNSHIP`` and is claimed by the township's or its communities' offices.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from jiuye.core.registry import registry
from jiuye.regions.codes import Level, county, township

# The levels whose offices may review and pay a kind, and how the pages name them.
APPROVING_LEVELS = {Level.COUNTY: _("县级"), Level.TOWNSHIP: _("街道（乡镇）")}


@dataclass(frozen=True)
class Line:
    person_id: int | None  # None for a line that pays an office (``office_id``)
    region_id: str
    period: str  # "2026" for a yearly subsidy, "2026-11" for a monthly one
    amount: Decimal
    explanation: str
    source: object  # the record that gives rise to it (a referral, a placement …)
    office_id: int | None = None  # the office a reward pays (a kind ``proposed`` from above)


@dataclass(frozen=True)
class SubsidyKind:
    code: str
    label: str
    # rule(org, first_day, last_day) -> the lines the office may claim for that month
    rule: Callable[..., list[Line]]
    # offices(prefix, first_day, last_day) -> ids of the offices under ``prefix`` that may
    # have lines that month (more is harmless, fewer is a bug); None: every office
    offices: Callable[..., set[int]] | None = None
    # the level of the offices that review and pay it (人社, then 财政): see the module's text
    level: Level = Level.COUNTY
    # A reward the paying level proposes for the offices below it (以奖代补), its lines naming
    # offices, not persons: prepared and submitted ("propose") by that level's HR office
    # (``subsidies.propose_claim``), not claimed by the office that served
    proposed: bool = False


KINDS = registry["subsidy_kinds"]


def register(kind: SubsidyKind) -> None:
    """Register a kind (from the ``ready()`` of the app that owns it), and the persons and
    amount of its approved claims as indicators of the programmes report."""
    from jiuye.subsidies.indicators import indicators_of  # it reads the claims' models

    if kind.level not in APPROVING_LEVELS:
        raise ValueError(f"subsidy kind {kind.code}: level {kind.level!r} cannot approve")
    KINDS.add(kind)
    for indicator in indicators_of(kind):
        registry["indicators"].add(indicator)


def choices(level: Level | None = None, *, claimed: bool = False) -> list[tuple[str, str]]:
    """The kinds as choices: all, or those reviewed and paid at ``level``; ``claimed``: only
    the kinds an office claims (not the rewards proposed from above)."""
    return [
        (kind.code, kind.label)
        for kind in KINDS.values()
        if (level is None or kind.level == level) and not (claimed and kind.proposed)
    ]


def is_proposed(code: str) -> bool:
    """Whether the kind is a reward proposed from above (its lines name offices)."""
    kind = KINDS.get(code)
    return bool(kind and kind.proposed)


def prepare_permission(code: str) -> str:
    """The permission that prepares and submits claims of the kind."""
    return "subsidies.propose_claim" if is_proposed(code) else "subsidies.add_claim"


def level_of_kind(code: str) -> Level:
    """The level that reviews and pays the kind (a kind no longer registered: the county)."""
    kind = KINDS.get(code)
    return Level(kind.level) if kind else Level.COUNTY


def level_name(level: Level) -> str:
    return str(APPROVING_LEVELS[level])


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def offices_above(region_codes) -> set[int]:
    """The active offices of the regions given and of their townships and counties: those
    whose jurisdiction holds a record of one of the regions (for rules over a jurisdiction)."""
    from jiuye.regions.models import ServiceOrg

    codes = set()
    for code in set(region_codes):
        codes.update((code, township(code), county(code)))
    return set(
        ServiceOrg.objects.filter(region_id__in=codes, is_active=True).values_list("pk", flat=True)
    )
