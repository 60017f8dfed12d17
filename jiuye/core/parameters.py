"""Policy parameters: every amount, period and limit a rule needs, with its default.

Each app declares its parameters in its ``parameters.py`` and registers them at start-up (the
registry's store ``parameters``); rules read the
value in force for a region on a date with ``value(key, region_code, on)``. The province
administrator overrides a default, or sets a city's or county's own value, on the 政策参数
page; the rows keep their effective date and their source text.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import PolicyParameter
from jiuye.core.registry import registry
from jiuye.regions.codes import Level, ancestors, prefix_of
from jiuye.regions.models import Region


@dataclass(frozen=True)
class Parameter:
    key: str
    label: str
    type: type  # int, decimal.Decimal or str
    default: object
    unit: str = ""
    source: str = ""  # where the default was seen
    check: Callable | None = None  # raises ValidationError for a value the rules cannot use

    def parse(self, text: str):
        try:
            value = self.type(text.strip())
        except (ValueError, ArithmeticError):
            raise ValidationError(
                _("“%(value)s”不是有效的%(label)s。"), params={"value": text, "label": self.label}
            ) from None
        if self.check is not None:
            self.check(value)
        return value


def yuan(value) -> None:
    """A check for an amount paid as it is: yuan to the fen, from 0 to 1,000,000."""
    if (
        not value.is_finite()
        or not 0 <= value <= 1_000_000
        or value != value.quantize(Decimal("0.01"))
    ):
        raise ValidationError(_("应为0到1000000之间、最多两位小数的金额（元）。"))


def yes_no(value) -> None:
    """A check for a condition that applies (1) or not (0)."""
    if value not in (0, 1):
        raise ValidationError(_("应为1（是）或0（否）。"))


def positive(value) -> None:
    """A check for a count of months or years that must be at least one."""
    if value < 1:
        raise ValidationError(_("应为正整数。"))


PARAMETERS = registry["parameters"]  # key → Parameter, filled by each app at start-up


def value(key: str, region_code: str, on: datetime.date | None = None):
    """The value of ``key`` in force for ``region_code`` on ``on`` (today by default): the
    deepest region's latest row effective by then, else the registered default."""
    on = on or timezone.localdate()
    rows = PolicyParameter.objects.filter(
        key=key, region_id__in=ancestors(region_code), effective_from__lte=on
    ).values_list("region_id", "effective_from", "value")
    return _in_force(key, rows, on)


def _in_force(key: str, rows, on: datetime.date):
    """Of ``rows`` ((region, effective from, text) of ``key`` for a region and its ancestors),
    the deepest region's latest effective by ``on``, parsed; else the registered default."""
    parameter = PARAMETERS[key]
    rows = [row for row in rows if row[1] <= on]
    if not rows:
        return parameter.default
    _region, _date, text = max(rows, key=lambda row: (len(prefix_of(row[0])), row[1]))
    return parameter.parse(text)


class Reader:
    """``value`` for one run of a rule over many persons or months: the rows of a region (of
    every key) are read once, so the run costs one query per region, not one per question."""

    def __init__(self):
        self._rows: dict[str, dict[str, list]] = {}

    def __call__(self, key: str, region_code: str, on: datetime.date):
        if region_code not in self._rows:
            rows: dict[str, list] = {}
            for name, *row in PolicyParameter.objects.filter(
                region_id__in=ancestors(region_code)
            ).values_list("key", "region_id", "effective_from", "value"):
                rows.setdefault(name, []).append(row)
            self._rows[region_code] = rows
        return _in_force(key, self._rows[region_code].get(key, []), on)

    value = __call__

    def load(self, region_codes) -> None:
        """Read the rows of many regions ahead (a page's offices): one query per 5,000 regions
        and their ancestors, instead of one per region."""
        lines = {code: ancestors(code) for code in set(region_codes) - set(self._rows)}
        above = sorted({code for line in lines.values() for code in line})
        found: dict[str, list] = {}
        for start in range(0, len(above), 5000):  # within the database's limit of parameters
            for row in PolicyParameter.objects.filter(
                region_id__in=above[start : start + 5000]
            ).values_list("key", "region_id", "effective_from", "value"):
                found.setdefault(row[1], []).append(row)
        for code, line in lines.items():
            rows: dict[str, list] = {}
            for region in line:
                for name, *row in found.get(region, ()):
                    rows.setdefault(name, []).append(row)
            self._rows[code] = rows


def region_of(user) -> str:
    """The region whose parameters apply to what ``user`` does: their organisation's, or the
    province's for a superuser without one."""
    if user is not None and getattr(user, "org_id", None):
        return user.org.region_id
    return Region.objects.filter(level=Level.PROVINCE).values_list("code", flat=True).first()


def rows_for(user):
    """The rows that apply in the user's jurisdiction: its own and those of the regions above."""
    from jiuye.regions.selectors import jurisdiction_root

    root = jurisdiction_root(user)
    above = [region.code for region in root.path] if root else []
    return PolicyParameter.objects.visible_to(user) | PolicyParameter.objects.filter(
        region_id__in=above
    )
