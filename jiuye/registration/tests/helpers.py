"""A registered unemployed person, for tests of other lines of work that build on one (a
zero-employment household, an identification): the approved registration itself, as the
registration's own tests produce it through its three steps."""

import datetime

from django.utils import timezone

from jiuye.ledger import services as ledger
from jiuye.registration.choices import RegistrationKind, UnemploymentCause
from jiuye.registration.models import Registration


def register_unemployed(person, actor, on: datetime.date | None = None) -> Registration:
    """An approved unemployment registration of ``person`` (registered ``on``, today by
    default); the person's household is checked again, as an approval does."""
    on = on or timezone.localdate()
    registration = Registration(
        person=person, region_id=person.region_id, kind=RegistrationKind.UNEMPLOYMENT, state="approved",
        applied_on=on, unemployed_since=min(person.status_since, on), cause=UnemploymentCause.OTHER, approved_on=on,
    )  # fmt: skip
    registration._history_user = actor
    registration.save()
    ledger.households_changed([person.household_id], actor)
    return registration
