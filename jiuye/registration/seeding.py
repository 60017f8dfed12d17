"""Demo data: registrations in every state, certificates, contacts with the registered
unemployed (some overdue), and employment registrations of people who found work."""

import datetime
import itertools

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from jiuye.core.models import WorkflowEvent
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person
from jiuye.ledger.seeding import TODAY
from jiuye.regions.choices import OrgKind
from jiuye.regions.models import ServiceOrg
from jiuye.registration.choices import ContactMethod, Kind, UnemploymentCause
from jiuye.registration.models import Certificate, Contact, Registration
from jiuye.registration.services import certificate_number
from jiuye.staff.models import User

PATH = ["first_review", "township_review", "county_approval", "approved"]
TRANSITIONS = {
    "township_review": "first_approve",
    "county_approval": "report",
    "approved": "approve",
}
FORMAT = "{county}{hukou}{check}{year2}{sequence:06d}"


def _state(rng) -> str:
    roll = rng.random()
    if roll < 0.70:
        return "approved"
    if roll < 0.80:
        return "first_review"
    if roll < 0.88:
        return "township_review"
    if roll < 0.96:
        return "county_approval"
    return "rejected"


def seed(context) -> None:
    done = set(Registration.objects.values_list("person_id", flat=True))
    candidates = []
    for prefix in context.scale.prefixes:
        candidates += list(
            Person.objects.within(prefix).filter(status=LabourStatus.UNEMPLOYED).exclude(pk__in=done)
            .only("id", "region_id", "hukou_type", "status_since", "employer").order_by("id")
        )  # fmt: skip
    if not candidates:
        return
    issuers = dict(
        ServiceOrg.objects.filter(kind=OrgKind.COUNTY_AGENCY).values_list("region_id", "pk")
    )
    actors = {
        u.org.region_id: u
        for u in User.objects.filter(username__startswith="coordinator-").select_related("org")
    }
    fallback = User.objects.filter(is_superuser=True).order_by("pk").first()
    counters: dict[tuple[str, int], int] = {}
    taken = set(Certificate.objects.values_list("number", flat=True))
    registrations, certificates, contacts = [], {}, []
    for person in candidates:
        rng = context.rng("registration", person.pk)
        state = _state(rng)
        applied = max(person.status_since, TODAY - datetime.timedelta(days=rng.randint(5, 400)))
        registration = Registration(
            person=person,
            region_id=person.region_id,
            kind=Kind.UNEMPLOYMENT,
            state=state,
            applied_on=applied,
            unemployed_since=person.status_since,
            cause=rng.choice(UnemploymentCause.values),
            last_employer=person.employer,
        )
        if state == "approved":
            registration.approved_on = min(
                TODAY, applied + datetime.timedelta(days=rng.randint(3, 14))
            )
            key = (person.region_id[:6], registration.approved_on.year)
            counters[key] = counters.get(key, 0) + 1
            number = certificate_number(
                county=key[0],
                hukou="2" if person.hukou_type == "agricultural" else "1",
                year=key[1],
                sequence=counters[key] + 500_000,
                pattern=FORMAT,
            )
            if number not in taken:
                certificates[person.pk] = Certificate(
                    person=person,
                    region_id=person.region_id,
                    number=number,
                    issued_on=registration.approved_on,
                    issued_by_id=issuers[key[0] + "000000"],
                )
            # Contacts every month or two; about one in ten has not been contacted for three months.
            last = TODAY - datetime.timedelta(days=rng.randint(0, 100))
            registration.last_contact_on = last if last > registration.approved_on else None
            day = last
            while registration.last_contact_on and day > registration.approved_on:
                contacts.append((registration, day, rng.choice(ContactMethod.values)))
                day -= datetime.timedelta(days=rng.randint(25, 60))
        elif state != "rejected":
            registration.due_on = TODAY + datetime.timedelta(days=rng.randint(-3, 5))
        registration.actor = actors.get(person.region_id, fallback)
        registrations.append(registration)
    _save(registrations, certificates, contacts)
    context.log(f"Created {len(registrations)} registrations.")


@transaction.atomic
def _save(registrations, certificates, contacts) -> None:
    Certificate.objects.bulk_create(certificates.values(), batch_size=5000)
    for registration in registrations:
        registration.certificate = certificates.get(registration.person_id)
    Registration.objects.bulk_create(registrations, batch_size=5000)
    content_type = ContentType.objects.get_for_model(Registration)
    events = []
    for registration in registrations:
        at = datetime.datetime.combine(registration.applied_on, datetime.time(9, 30), datetime.UTC)
        events.append(
            WorkflowEvent(
                content_type=content_type,
                object_id=registration.pk,
                region_id=registration.region_id,
                transition="create",
                from_state="",
                to_state="first_review",
                actor=registration.actor,
                at=at,
            )
        )
        if registration.state == "rejected":
            events.append(
                WorkflowEvent(
                    content_type=content_type,
                    object_id=registration.pk,
                    region_id=registration.region_id,
                    transition="reject_first",
                    from_state="first_review",
                    to_state="rejected",
                    actor=registration.actor,
                    at=at,
                    comment="不符合失业登记条件",
                )
            )
            continue
        for before, after in itertools.pairwise(PATH[: PATH.index(registration.state) + 1]):
            at += datetime.timedelta(days=1)
            events.append(
                WorkflowEvent(
                    content_type=content_type,
                    object_id=registration.pk,
                    region_id=registration.region_id,
                    transition=TRANSITIONS[after],
                    from_state=before,
                    to_state=after,
                    actor=registration.actor,
                    at=at,
                )
            )
    WorkflowEvent.objects.bulk_create(events, batch_size=5000)
    Contact.objects.bulk_create(
        [
            Contact(registration=r, region_id=r.region_id, on=on, method=method, by=r.actor)
            for r, on, method in contacts
        ],
        batch_size=5000,
    )
