"""The working-day calendar: weekends, China's official holidays and make-up working days.

The library ``chinese_calendar`` knows the State Council's holiday arrangements up to the
last year it was released for. ``CalendarDay`` rows, kept by an administrator, override it
and extend it to later years. For a year known to neither, Monday–Friday are working days
except the holidays fixed by solar date in the national holiday rules (全国年节及纪念日放假办法,
2025 revision); the lunar holidays and make-up days of such a year must be entered.
"""

import calendar
import datetime

import chinese_calendar
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import CalendarDay

_LIBRARY_YEARS = {day.year for day in chinese_calendar.holidays} | {
    day.year for day in chinese_calendar.workdays if day.weekday() >= 5
}


# The statutory holidays with a fixed solar date: New Year's Day, Labour Day (two days) and
# National Day (three days), by (month, day).
FIXED_HOLIDAYS = {
    (1, 1): _("元旦"),
    (5, 1): _("劳动节"),
    (5, 2): _("劳动节"),
    (10, 1): _("国庆节"),
    (10, 2): _("国庆节"),
    (10, 3): _("国庆节"),
}


def _library_says_working(day: datetime.date) -> bool:
    if day.year in _LIBRARY_YEARS:
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def _overrides(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    rows = CalendarDay.objects.filter(date__range=(start, end)).values_list(
        "date", "is_working_day"
    )
    return dict(rows)


def is_working_day(day: datetime.date) -> bool:
    override = _overrides(day, day)
    return override[day] if day in override else _library_says_working(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start``; ``start`` itself is not counted.

    This is how a step's time limit is read: a step opened on a Friday with a limit of one
    working day is due the next Monday (or later, if Monday is a holiday).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    # Long holidays cost at most about ten days per month; a generous window is one query.
    window_end = start + datetime.timedelta(days=days * 2 + 30)
    overrides = _overrides(start, window_end)
    day, counted = start, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if day > window_end:
            window_end = day + datetime.timedelta(days=days * 2 + 30)
            overrides |= _overrides(day, window_end)
        working = overrides[day] if day in overrides else _library_says_working(day)
        counted += working
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    overrides = _overrides(start, end)
    total = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        total += overrides[day] if day in overrides else _library_says_working(day)
    return total


def library_last_year() -> int:
    return max(_LIBRARY_YEARS)


# The built-in calendar's holidays, by its English names, as the UI names them.
_NAMES = {
    "New Year's Day": _("元旦"),
    "Spring Festival": _("春节"),
    "Tomb-sweeping Day": _("清明"),
    "Labour Day": _("劳动节"),
    "Dragon Boat Festival": _("端午"),
    "National Day": _("国庆节"),
    "Mid-autumn Festival": _("中秋"),
    "Anti-Fascist 70th Day": _("中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日"),
}


def special_days(year: int) -> list[dict]:
    """Days of ``year`` that break the Monday–Friday rule, from the library and the table.

    Each is a dict with ``date``, ``is_working_day``, ``name``, and ``row`` (the
    ``CalendarDay`` that decides it, or None when the built-in calendar does).
    """
    days = {}
    if year not in _LIBRARY_YEARS:
        for (month, day_of_month), name in FIXED_HOLIDAYS.items():
            day = datetime.date(year, month, day_of_month)
            if day.weekday() < 5:
                days[day] = {"date": day, "is_working_day": False, "name": name, "row": None}
    else:
        day = datetime.date(year, 1, 1)
        while day.year == year:
            working = chinese_calendar.is_workday(day)
            if working != (day.weekday() < 5):
                _, name = chinese_calendar.get_holiday_detail(day)
                days[day] = {
                    "date": day,
                    "is_working_day": working,
                    "name": _NAMES.get(name, name or ""),
                    "row": None,
                }
            day += datetime.timedelta(days=1)
    for row in CalendarDay.objects.filter(date__year=year):
        days[row.date] = {
            "date": row.date,
            "is_working_day": row.is_working_day,
            "name": row.name,
            "row": row,
        }
    return [days[day] for day in sorted(days)]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months later (earlier if negative), or the month's last
    day when it has no such day (31 January + 1 month → 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (31 May → 28 or 29 February three months before)."""
    return add_months(day, -months)
