"""Reads of job introduction."""

import datetime

from jiuye.core.registry import Contract
from jiuye.jobs.models import Referral


def contracts(persons, since: datetime.date) -> list[Contract]:
    """Hires through a referral of ``persons`` since ``since``, placed by the referring office
    (the registry's ``contracts``)."""
    hires = Referral.objects.filter(
        seeker__person__in=persons,
        state="hired",
        hired_on__gte=since,
        contract_months__isnull=False,
    ).select_related("seeker", "org")
    return [
        Contract(
            referral.seeker.person_id,
            referral.hired_on,
            referral.contract_months,
            referral.org.region_id,
            referral,
        )
        for referral in hires
    ]
