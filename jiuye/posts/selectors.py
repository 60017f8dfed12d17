"""Reads of public-welfare posts: the programmes report's figures and the employers that hired
assistance targets."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from jiuye.core import parameters
from jiuye.posts import rules
from jiuye.posts.models import Placement, Post
from jiuye.subsidies.figures import Column, Source, grouped

COLUMNS = (
    Column("posts_developed", _("开发公益性岗位数")),
    Column("posts_filled", _("在岗人数（月末）")),
    Column("posts_placed", _("当月新安置人数")),
    Column("posts_fill_rate", _("岗位在岗率"), ratio=("posts_filled", "posts_developed")),
)


def figures(user, prefix: str, length: int, first: datetime.date, last: datetime.date) -> dict:
    """Posts developed (the post counts of the posts in force at the month's end), persons on
    posts at the month's end and persons placed during the month, by sub-region."""
    result: dict[str, dict] = {}
    posts = Post.objects.visible_to(user).within(prefix).active_on(last)
    placements = Placement.objects.visible_to(user).within(prefix)
    for values in (
        {g: {"posts_developed": r["n"]} for g, r in grouped(posts, length, n=Sum("posts")).items()},
        {g: {"posts_filled": r["n"]} for g, r in grouped(placements.on(last), length, n=Count("pk")).items()},
        {g: {"posts_placed": r["n"]} for g, r in grouped(
            placements.filter(started_on__range=(first, last)), length, n=Count("pk")).items()},
    ):  # fmt: skip
        for group, row in values.items():
            result.setdefault(group, {}).update(row)
    return result


SOURCE = Source(label=_("公益性岗位"), columns=COLUMNS, collect=figures)


@dataclass(frozen=True)
class Absorbed:
    referral: object
    first_month: datetime.date
    last_month: datetime.date
    limit: int


def absorbed_targets(user, today: datetime.date | None = None) -> list[Absorbed]:
    """The identified hard-to-employ persons hired with social insurance through referrals of
    the user's jurisdiction, with the months their employer may be subsidised for."""
    from jiuye.jobs.models import Referral

    today = today or datetime.date.today()
    hires = (
        Referral.objects.visible_to(user)
        .filter(state="hired", social_insurance=True, seeker__hard_to_employ=True)
        .select_related("seeker__person", "vacancy__employer", "org")
        .order_by("vacancy__employer__name", "hired_on", "pk")[:500]
    )
    rows, read = [], {}

    def value(key, region):  # today's parameters of each office, read once per office
        if (key, region) not in read:
            read[key, region] = parameters.value(key, region, today)
        return read[key, region]

    for referral in hires:
        region = referral.org.region_id
        first = referral.hired_on.replace(day=1)
        count_day = first.replace(day=min(max(value(rules.COUNT_DAY, region), 1), 28))
        if referral.hired_on > count_day:
            first = rules.next_month(first)
        limit = value(rules.MAX_MONTHS, region)
        last = first
        for _n in range(limit - 1):
            last = rules.next_month(last)
        rows.append(Absorbed(referral, first, last, limit))
    return rows
