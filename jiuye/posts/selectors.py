"""Reads of public-welfare posts: the employers that hired assistance targets."""

import datetime
from dataclasses import dataclass

from jiuye.core import parameters
from jiuye.jobs.models import Referral
from jiuye.posts import rules


@dataclass(frozen=True)
class Absorbed:
    referral: object
    first_month: datetime.date
    last_month: datetime.date
    limit: int


def absorbed_targets(user, today: datetime.date | None = None) -> list[Absorbed]:
    """The identified hard-to-employ persons hired with social insurance through referrals of
    the user's jurisdiction, with the months their employer may be subsidised for."""
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
