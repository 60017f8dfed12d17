import datetime

import pytest

from jiuye.core.models import CalendarDay
from jiuye.core.workdays import add_working_days, is_working_day, special_days, working_days_between

pytestmark = pytest.mark.django_db
D = datetime.date


def test_weekends_are_not_working_days():
    assert is_working_day(D(2026, 11, 27))  # Friday
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)


def test_deadline_across_the_spring_festival_2026_with_its_make_up_days():
    # Holiday 15–23 February 2026; Saturdays 14 and 28 February are working days.
    assert is_working_day(D(2026, 2, 14))
    assert not is_working_day(D(2026, 2, 16))
    assert not is_working_day(D(2026, 2, 23))
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    assert add_working_days(D(2026, 2, 24), 4) == D(
        2026, 2, 28
    )  # 25, 26, 27, then Saturday the 28th


def test_seven_working_days_of_public_notice_across_mid_autumn_and_national_day_2026():
    # 25 September (Mid-Autumn) and 1–7 October off; Sunday 20 September and Saturday 10 October worked.
    assert add_working_days(D(2026, 9, 24), 7) == D(2026, 10, 12)
    assert add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert working_days_between(D(2026, 9, 30), D(2026, 10, 12)) == 4


def test_deadline_across_the_spring_festival_2025():
    # Holiday 28 January – 4 February 2025; Sunday 26 January and Saturday 8 February worked.
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 1, 26)
    assert add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)


def test_an_administrator_extends_the_calendar_to_a_year_the_library_does_not_know():
    assert add_working_days(D(2027, 2, 5), 1) == D(
        2027, 2, 8
    )  # weekdays only, as nothing is known yet
    CalendarDay.objects.create(date=D(2027, 2, 8), is_working_day=False, name="春节")
    CalendarDay.objects.create(date=D(2027, 2, 9), is_working_day=False, name="春节")
    CalendarDay.objects.create(date=D(2027, 2, 6), is_working_day=True, name="春节调休上班")
    assert add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 6)
    assert add_working_days(D(2027, 2, 5), 2) == D(2027, 2, 10)
    names = [day["name"] for day in special_days(2027)]
    assert names == [
        "元旦",
        "春节调休上班",
        "春节",
        "春节",
        "国庆节",
    ]  # fixed-date holidays on weekdays too


def test_a_year_nobody_entered_still_knows_the_fixed_date_holidays():
    assert not is_working_day(D(2030, 10, 1))  # National Day, a Tuesday
    assert not is_working_day(D(2030, 5, 2))  # Labour Day's second day, a Thursday
    assert is_working_day(D(2030, 10, 8))


def test_a_table_row_overrides_the_built_in_calendar():
    CalendarDay.objects.create(date=D(2026, 12, 31), is_working_day=False, name="临时放假")
    assert not is_working_day(D(2026, 12, 31))
    assert add_working_days(D(2026, 12, 30), 1) == D(2027, 1, 4)


def test_special_days_of_a_known_year_come_from_the_built_in_calendar():
    days = {day["date"]: day for day in special_days(2026)}
    assert days[D(2026, 2, 14)]["is_working_day"] and days[D(2026, 2, 14)]["name"] == "春节"
    assert not days[D(2026, 10, 1)]["is_working_day"] and days[D(2026, 10, 1)]["name"] == "国庆节"
    assert D(2026, 11, 28) not in days  # an ordinary Saturday is not special


def test_zero_days_is_the_same_day_and_negative_days_are_refused():
    assert add_working_days(D(2026, 2, 16), 0) == D(2026, 2, 16)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 2, 16), -1)
