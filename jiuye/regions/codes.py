"""The 12-digit statistical division codes (统计用区划代码) and what can be read from them.

A code is province 2 + city 2 + county 2 + township 3 + village 3 digits. A region's
*prefix* is its code without the zero groups of the levels below it; every region of its
subtree has a code between ``prefix + "000…"`` and ``prefix + "999…"``, which is how
jurisdiction becomes a range query on an ordinary index.

This module is the one place that knows the digit groups: the rest of the project reads a code
only through these functions (``jiuye/tests/test_code_rules.py`` checks), so a level is never
got wrong by one slice among many.
"""

import re

from django.db import models
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

CODE_LENGTH = 12
# ASCII digits only: ``\d`` would also accept full-width and other Unicode digits.
CODE_PATTERN = "[0-9]{12}"
CODE_RE = re.compile(f"^{CODE_PATTERN}$")


class Level(models.IntegerChoices):
    PROVINCE = 1, _("省")
    CITY = 2, _("市")
    COUNTY = 3, _("县")
    TOWNSHIP = 4, _("乡")
    VILLAGE = 5, _("村")


PREFIX_LENGTH = {
    Level.PROVINCE: 2,
    Level.CITY: 4,
    Level.COUNTY: 6,
    Level.TOWNSHIP: 9,
    Level.VILLAGE: 12,
}
LEVEL_BY_NAME = {
    "province": Level.PROVINCE,
    "city": Level.CITY,
    "county": Level.COUNTY,
    "township": Level.TOWNSHIP,
    "village": Level.VILLAGE,
}


class RegionKind(models.TextChoices):
    """The kind of a township- or village-level unit, read from its code (GB/T statistical rules)."""

    PROVINCE = "province", _("省级")
    CITY = "city", _("地级")
    COUNTY = "county", _("县级")
    STREET = "street", _("街道")
    TOWN = "town", _("镇")
    TOWNSHIP = "township", _("乡")
    TOWNSHIP_LIKE = "township_like", _("类似乡级单位")
    COMMUNITY = "community", _("社区居委会")
    VILLAGE = "village", _("村委会")
    COMMUNITY_LIKE = "community_like", _("类似居委会")
    VILLAGE_LIKE = "village_like", _("类似村委会")


URBAN_KINDS = {RegionKind.STREET, RegionKind.COMMUNITY, RegionKind.COMMUNITY_LIKE}


def is_valid_code(code: object) -> bool:
    return isinstance(code, str) and bool(CODE_RE.match(code))


def level_of(code: str) -> Level:
    """The level of a well-formed code: the last non-zero group decides."""
    if code[9:] != "000":
        return Level.VILLAGE
    if code[6:9] != "000":
        return Level.TOWNSHIP
    if code[4:6] != "00":
        return Level.COUNTY
    if code[2:4] != "00":
        return Level.CITY
    return Level.PROVINCE


def prefix_of(code: str, level: Level | None = None) -> str:
    return code[: PREFIX_LENGTH[level or level_of(code)]]


def code_of_prefix(prefix: str) -> str:
    return prefix.ljust(CODE_LENGTH, "0")


def prefix_bounds(prefix: str) -> tuple[str, str]:
    """The first and last code of the subtree under ``prefix``, both inclusive."""
    return prefix.ljust(CODE_LENGTH, "0"), prefix.ljust(CODE_LENGTH, "9")


def ancestor(code: str, level: Level) -> str:
    """The 12-digit code of the region at ``level`` above ``code`` (the code itself at its own
    level or below): where the office sits that reviews or approves what ``code``'s submits.
    For the short key of a level (counters, ``within``) use ``prefix_of(code, level)``."""
    return code_of_prefix(prefix_of(code, level))


def ancestors(code: str) -> list[str]:
    """The codes from the province down to ``code`` itself: the regions whose settings (policy
    parameters, categories, offices) may apply to a record of ``code``."""
    level = level_of(code)
    return [ancestor(code, each) for each in Level if each <= level]


def city(code: str) -> str:
    """The code of the city of ``code`` (the public job board shows a county with its city)."""
    return ancestor(code, Level.CITY)


def county(code: str) -> str:
    """The code of the county of ``code``: its office approves, issues and holds the budget."""
    return ancestor(code, Level.COUNTY)


def township(code: str) -> str:
    """The code of the township of ``code``: its office reviews and claims subsidies."""
    return ancestor(code, Level.TOWNSHIP)


def contains(prefix: str, code: str) -> bool:
    """``code`` lies in the subtree under ``prefix`` (``""`` contains everything): the test in
    Python that ``core.scoping.subtree_q`` is in a query. ``code`` may itself be a prefix,
    which then lies under ``prefix`` when it starts with it."""
    return code.startswith(prefix)


def child_prefix_length(code: str) -> int:
    """The length of the prefixes of the regions one level below ``code`` (a village's own):
    what records are grouped by to count them per sub-region."""
    level = level_of(code)
    return PREFIX_LENGTH[Level(level + 1)] if level < Level.VILLAGE else CODE_LENGTH


def prefix_sql(field: str, level: Level | int) -> Substr:
    """The prefix of the region code held in ``field`` at ``level`` (or of a length), in SQL:
    to group records by county, by township or by the sub-regions of a report."""
    length = PREFIX_LENGTH[level] if isinstance(level, Level) else level
    return Substr(field, 1, length)


def kind_of(code: str, level: Level | None = None) -> RegionKind:
    level = level or level_of(code)
    if level == Level.PROVINCE:
        return RegionKind.PROVINCE
    if level == Level.CITY:
        return RegionKind.CITY
    if level == Level.COUNTY:
        return RegionKind.COUNTY
    if level == Level.TOWNSHIP:
        part = int(code[6:9])
        if part < 100:
            return RegionKind.STREET
        if part < 200:
            return RegionKind.TOWN
        if part < 400:
            return RegionKind.TOWNSHIP
        return RegionKind.TOWNSHIP_LIKE
    part = int(code[9:12])
    if part < 200:
        return RegionKind.COMMUNITY
    if part < 400:
        return RegionKind.VILLAGE
    if part < 500:
        return RegionKind.COMMUNITY_LIKE
    return RegionKind.VILLAGE_LIKE
