"""Reads of job introduction."""

import datetime

from jiuye.jobs.models import Referral


def stable_contract(household_id: int, since: datetime.date, months: int) -> datetime.date | None:
    """The start of a member's hire through a referral with a contract of at least ``months``
    (for zero-employment households: the registry's ``stable_contracts``)."""
    referral = (
        Referral.objects.filter(seeker__person__household_id=household_id, state="hired",
                                contract_months__gte=months, hired_on__gte=since)
        .order_by("hired_on").first()
    )  # fmt: skip
    return referral.hired_on if referral else None
