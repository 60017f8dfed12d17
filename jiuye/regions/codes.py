"""The 12-digit statistical division codes (统计用区划代码) and what can be read from them.

A code is province 2 + city 2 + county 2 + township 3 + village 3 digits. A region's
*prefix* is its code without the zero groups of the levels below it; every region of its
subtree has a code between ``prefix + "000…"`` and ``prefix + "999…"``, which is how
jurisdiction becomes a range query on an ordinary index.
"""

import re

from django.db import models
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


class Kind(models.TextChoices):
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


URBAN_KINDS = {Kind.STREET, Kind.COMMUNITY, Kind.COMMUNITY_LIKE}


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


def kind_of(code: str, level: Level | None = None) -> Kind:
    level = level or level_of(code)
    if level == Level.PROVINCE:
        return Kind.PROVINCE
    if level == Level.CITY:
        return Kind.CITY
    if level == Level.COUNTY:
        return Kind.COUNTY
    if level == Level.TOWNSHIP:
        part = int(code[6:9])
        if part < 100:
            return Kind.STREET
        if part < 200:
            return Kind.TOWN
        if part < 400:
            return Kind.TOWNSHIP
        return Kind.TOWNSHIP_LIKE
    part = int(code[9:12])
    if part < 200:
        return Kind.COMMUNITY
    if part < 400:
        return Kind.VILLAGE
    if part < 500:
        return Kind.COMMUNITY_LIKE
    return Kind.VILLAGE_LIKE
