"""The periods of assessment: a year ("2026") or a quarter ("2026-Q3"), as the keys of a claim
line's period and of a commendation."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jiuye.core.workdays import add_months

KEY = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")
QUARTERS = [
    pgettext_lazy("quarter", "一"),
    pgettext_lazy("quarter", "二"),
    pgettext_lazy("quarter", "三"),
    pgettext_lazy("quarter", "四"),
]


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None  # None: the whole year

    @classmethod
    def parse(cls, key: str) -> "Period":
        found = KEY.match((key or "").strip())
        if not found or not 2000 <= int(found[1]) <= 2100:
            raise ValidationError(_("考核期间应为“2026”（年度）或“2026-Q3”（季度）。"))
        return cls(int(found[1]), int(found[2]) if found[2] else None)

    @property
    def key(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year}-Q{self.quarter}"

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.quarter is None else self.quarter * 3 - 2, 1)

    @property
    def last(self) -> datetime.date:
        months = 12 if self.quarter is None else 3
        return add_months(self.first, months) - datetime.timedelta(days=1)

    @property
    def previous(self) -> "Period":
        if self.quarter is None:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def __str__(self):
        if self.quarter is None:
            return str(_("%(year)s年度") % {"year": self.year})
        return str(
            _("%(year)s年第%(quarter)s季度")
            % {"year": self.year, "quarter": QUARTERS[self.quarter - 1]}
        )


def last_ended(today: datetime.date, kind: str = "quarter") -> Period:
    """The latest period of ``kind`` ("quarter" or "year") that ended before ``today``."""
    if kind == "year":
        return Period(today.year - 1)
    return Period(today.year, (today.month - 1) // 3 + 1).previous


def ended_before(day: datetime.date, kind: str) -> Period | None:
    """The period of ``kind`` that ended the day before ``day``, if one did (a reward is
    proposed in the month after its period: January for a year, the first month of the next
    quarter for a quarter)."""
    period = last_ended(day, kind)
    return period if period.last == day - datetime.timedelta(days=1) else None


def choices(today: datetime.date, count: int = 8) -> list[tuple[str, str]]:
    """The latest ended quarters and years, newest first, and the current ones."""
    quarter = Period(today.year, (today.month - 1) // 3 + 1)
    found = []
    for _step in range(count):
        found.append(quarter)
        quarter = quarter.previous
    years = [Period(today.year - back) for back in range(3)]
    return [(period.key, str(period)) for period in [*found, *years]]
