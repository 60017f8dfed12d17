"""Reads of the resident ledger that answer questions about dates and regions."""

import datetime

from jiuye.core import parameters
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person, StatusRecord


def working_age_limits(region_code: str, on: datetime.date) -> dict[str, int]:
    return {
        "minimum": parameters.value("ledger.working_age_min", region_code, on),
        "male_max": parameters.value("ledger.retirement_age_male", region_code, on),
        "female_max": parameters.value("ledger.retirement_age_female", region_code, on),
    }


def is_of_working_age(person: Person, on: datetime.date) -> bool:
    """Whether ``person`` is of working age on ``on`` (the parameters of their region)."""
    limits = working_age_limits(person.region_id, on)
    return Person.objects.filter(pk=person.pk).working_age(on, **limits).exists()


def status_on(person: Person, day: datetime.date) -> StatusRecord | None:
    """The person's labour status record in force on ``day`` (None before the first one)."""
    return person.status_records.on(day).first()


def count_on(prefix: str, day: datetime.date, status: str = LabourStatus.UNEMPLOYED) -> int:
    """How many residents of the region ``prefix`` had ``status`` on ``day``, counted where
    they lived then."""
    return StatusRecord.objects.within(prefix).on(day).filter(status=status).count()
