"""Reads of public-welfare posts: lasting placements (for zero-employment households), the
special posts of a staff member, the employers that hired assistance targets."""

import datetime
from dataclasses import dataclass

from django.db.models import F

from jiuye.core import parameters
from jiuye.core.registry import Contract
from jiuye.posts import rules
from jiuye.posts.choices import PostKind
from jiuye.posts.models import Placement


def contracts(persons, since: datetime.date) -> list[Contract]:
    """Placements of ``persons`` on public-welfare posts begun on or after ``since``, with their
    agreement's months, placed by the office of the post's township or community (the
    registry's ``contracts``: any placement counts, 扶持一户、稳定一户)."""
    placements = Placement.objects.filter(
        person__in=persons, started_on__gte=since, contract_months__isnull=False
    )
    return [
        Contract(p.person_id, p.started_on, p.contract_months, p.region_id, p) for p in placements
    ]


def special_placements(member):
    """The placements of a staff member (through their own entry in the ledger) on special
    posts, the open one first: what their page shows."""
    if member.person_id is None:
        return Placement.objects.none()
    return (
        Placement.objects.filter(person_id=member.person_id, post__kind=PostKind.SPECIAL)
        .select_related("post__region").order_by(F("ended_on").asc(nulls_first=True), "-started_on")
    )  # fmt: skip


@dataclass(frozen=True)
class Absorbed:
    referral: object
    first_month: datetime.date
    last_month: datetime.date
    limit: int


def absorbed_targets(referrals, today: datetime.date | None = None) -> list[Absorbed]:
    """Of ``referrals`` (the user's, narrowed to the jurisdiction and the list's filters), the
    identified hard-to-employ persons hired with social insurance, with the months their
    employer may be subsidised for. The parameters of the offices are read in one query."""
    today = today or datetime.date.today()
    hires = list(
        referrals.filter(state="hired", social_insurance=True, seeker__hard_to_employ=True)
        .select_related("seeker__person", "vacancy__employer", "org")
        .order_by("vacancy__employer__name", "hired_on", "pk")
    )
    read = parameters.Reader()
    read.load(referral.org.region_id for referral in hires)
    rows = []
    for referral in hires:
        region = referral.org.region_id
        first = referral.hired_on.replace(day=1)
        count_day = first.replace(day=min(max(read(rules.COUNT_DAY, region, today), 1), 28))
        if referral.hired_on > count_day:
            first = rules.next_month(first)
        limit = read(rules.MAX_MONTHS, region, today)
        last = first
        for _n in range(limit - 1):
            last = rules.next_month(last)
        rows.append(Absorbed(referral, first, last, limit))
    return rows
