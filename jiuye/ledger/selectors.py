"""Reads of the resident ledger that answer questions about dates and regions."""

import datetime

from jiuye.core import parameters
from jiuye.core.scoping import EVERYTHING, jurisdiction_prefix
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person, StatusRecord
from jiuye.regions.codes import contains


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


def file_scope(person: Person, viewer) -> str | None:
    """The region prefix under which ``viewer`` reads a resident's file on the resident's pages
    (the person page, the assistance record, their history) — the one rule for a resident who
    moved: the office that keeps the resident now reads the whole file, what earlier offices
    recorded before the move included (the file follows the person, 档案随人转移: registrations,
    the certificate, identifications, status periods); any other office reads only what lies
    in its own jurisdiction. None: nothing."""
    prefix = jurisdiction_prefix(viewer)
    if prefix is None:
        return None
    if prefix == EVERYTHING or contains(prefix, person.region_id):
        return EVERYTHING
    return prefix


def person_file(person: Person, viewer, records) -> list:
    """``records`` (a resident's records of one kind, a scoped queryset) as ``viewer`` reads
    them on the resident's pages (``file_scope``), each marked ``openable`` when its own page
    lies in the viewer's jurisdiction: a record an earlier office keeps is shown, not linked."""
    scope = file_scope(person, viewer)
    if scope is None:
        return []
    prefix = jurisdiction_prefix(viewer)
    found = list(records.within(scope))
    for record in found:
        record.openable = prefix == EVERYTHING or contains(prefix, record.region_id)
    return found
