"""Which months of a person's placements on public-welfare posts the subsidies pay for.

Months, not days: a month counts when the person was on a post on its count day (the
parameter “公益性岗位补贴计月基准日”, the 15th by default) and that day lies in the post's
period. So a person who starts by the 15th is paid for that month, one who leaves before the
15th is not paid for the month of leaving, and nothing is prorated. The months of all of a
person's placements add up; past the limit (“公益性岗位补贴最长期限”) only a person who at their
first placement was within “距法定退休年龄不足年限” years of the statutory retirement age goes on
being paid, until the month of retirement; nobody is paid from the month they reach it. A month
on a special post (特定公益性岗位, a community's coordinator) is held to its own limit
(“特定公益性岗位补贴最长期限”): guideline 七 pays it “按规定” without saying for how long, so a
province sets it; by default it is the same three years."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jiuye.core import parameters
from jiuye.ledger.choices import Sex

MAX_MONTHS = "posts.subsidy_max_months"
SPECIAL_MAX_MONTHS = "posts.special_subsidy_max_months"
RETIREMENT_YEARS = "posts.retirement_years"
COUNT_DAY = "posts.month_count_day"


def label(key: str) -> str:
    return parameters.PARAMETERS[key].label


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def count_day(month: datetime.date, region: str) -> datetime.date:
    """The day of ``month`` on which being on a post makes the month count."""
    day = parameters.value(COUNT_DAY, region, month.replace(day=1))
    return month.replace(day=min(max(day, 1), 28))


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Retirement:
    day: datetime.date  # the day the person reaches the statutory retirement age
    age: int
    age_label: str


def retirement(person, region: str, on: datetime.date, read=parameters.value) -> Retirement:
    """The statutory retirement age of the person's sex (the ledger's parameters in force on
    ``on``, as ``ledger.selectors.working_age_limits`` reads them) and the day they reach it."""
    key = "ledger.retirement_age_male" if person.sex == Sex.MALE else "ledger.retirement_age_female"
    age = read(key, region, on)
    return Retirement(years_after(person.birth_date, age), age, label(key))


def months_on_post(placements, day_of_month: int, until: datetime.date) -> list[datetime.date]:
    """The first days of the months, up to ``until``'s month, that the placements count."""
    months = set()
    last = until.replace(day=1)
    for placement in placements:
        post = placement.post
        month = placement.started_on.replace(day=1)
        while month <= last:
            day = month.replace(day=day_of_month)
            if placement.ended_on is not None and placement.ended_on <= day:
                break
            if placement.started_on <= day and post.starts_on <= day <= post.ends_on:
                months.add(month)
            month = next_month(month)
    return sorted(months)


@dataclass(frozen=True)
class Entitlement:
    paid: bool
    words: str  # why paid (the month's place in the limit), or why not


def limit_of(post) -> str:
    """The parameter that limits the months a post's subsidy is paid for."""
    return SPECIAL_MAX_MONTHS if post.is_special else MAX_MONTHS


def entitlement(person, *, number: int, first_start: datetime.date, day: datetime.date,
                region: str, read=parameters.value, limit_key: str = MAX_MONTHS) -> Entitlement:  # fmt: skip
    """Whether the ``number``-th month on posts, counted on ``day``, is paid (``limit_key``:
    the parameter of the limit, see ``limit_of``)."""
    limit = read(limit_key, region, day)
    retires = retirement(person, region, day, read)
    if day >= retires.day:
        return Entitlement(False, _(
            "%(day)s已达到法定退休年龄（参数“%(age_label)s”%(age)s周岁，%(retires)s到龄），不再计发补贴"
        ) % {"day": day, "age_label": retires.age_label, "age": retires.age, "retires": retires.day})  # fmt: skip
    if number <= limit:
        return Entitlement(True, _("第%(n)s个月，共%(limit)s个月（参数“%(label)s”%(limit)s个月）") % {
            "n": number, "limit": limit, "label": label(limit_key)})  # fmt: skip
    years = read(RETIREMENT_YEARS, region, first_start)
    at_first = retirement(person, region, first_start, read)
    values = {
        "n": number, "limit": limit, "label": label(limit_key), "first": first_start,
        "years": years, "years_label": label(RETIREMENT_YEARS), "age_label": retires.age_label,
        "age": retires.age, "retires": retires.day, "used": number - 1,
    }  # fmt: skip
    if first_start > years_before(at_first.day, years):
        return Entitlement(True, _(
            "第%(n)s个月，已超过参数“%(label)s”%(limit)s个月；首次安置时（%(first)s）距法定退休年龄不足"
            "参数“%(years_label)s”%(years)s年，延长补贴至退休（参数“%(age_label)s”%(age)s周岁，%(retires)s到龄）"
        ) % values)  # fmt: skip
    return Entitlement(False, _(
        "在公益性岗位已累计%(used)s个月，已满参数“%(label)s”%(limit)s个月；首次安置时（%(first)s）"
        "距法定退休年龄不少于参数“%(years_label)s”%(years)s年，不能延长"
    ) % values)  # fmt: skip


def years_before(day: datetime.date, years: int) -> datetime.date:
    return years_after(day, -years)


def first_paid_month(placement, earlier: list) -> tuple[datetime.date | None, Entitlement | None]:
    """For a new placement (not saved yet) after the person's ``earlier`` placements: the
    first month it would count and whether that month would be paid."""
    region = placement.post.region_id
    month = placement.started_on.replace(day=1)
    day = count_day(month, region)
    if placement.started_on > day:
        month = next_month(month)
        day = count_day(month, region)
    if day > placement.post.ends_on:
        return None, None
    used = len(months_on_post(earlier, day.day, day))
    first_start = min([p.started_on for p in earlier] + [placement.started_on])
    return month, entitlement(
        placement.person, number=used + 1, first_start=first_start, day=day, region=region,
        limit_key=limit_of(placement.post),
    )  # fmt: skip
