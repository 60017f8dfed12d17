"""Demo data: unemployment registrations in every state of the workflow, certificates
numbered by the counters real approvals use, contacts with the registered unemployed (some
not contacted for three months), and approved employment registrations of some who found
work in the last year."""

import datetime
import itertools

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from jiuye.core.models import NumberSequence, WorkflowEvent
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person, working_age_q
from jiuye.ledger.seeding import TODAY
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, code_of_prefix, prefix_of
from jiuye.regions.models import ServiceOrg
from jiuye.registration.choices import (
    ContactMethod,
    EmploymentForm,
    RegistrationKind,
    UnemploymentCause,
)
from jiuye.registration.models import Contact, Registration, RegistrationCertificate
from jiuye.registration.services import CERTIFICATES, certificate_number
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
    unemployed, employed = [], []
    working_age = working_age_q(TODAY, **working_age_limits("370000000000", TODAY))
    for prefix in context.scale.prefixes:
        people = Person.objects.within(prefix).exclude(pk__in=done).order_by("id")
        fields = ("id", "region_id", "hukou_type", "status", "status_since", "employer")
        unemployed += list(
            people.filter(status=LabourStatus.UNEMPLOYED, willing_to_work=True).only(*fields)
        )
        # Rural residents seeking non-farm work register too (城乡统一登记), above all those of
        # poor households, whom the zero-transfer household rules look for.
        farmers = people.filter(
            status=LabourStatus.FARMING, willing_to_work=True, hukou_type="agricultural"
        )
        unemployed += [
            p
            for p in farmers.filter(working_age)
            .only(*fields, "household__has_dibao")
            .select_related("household")
            if context.rng("rural", p.pk).random()
            < (0.5 if p.household and p.household.has_dibao else 0.08)
        ]
        # Some who found work in the last year registered it (就业登记).
        recent = people.filter(
            status__in=EmploymentForm.values, status_since__gte=TODAY - datetime.timedelta(days=365)
        )
        employed += [
            p for p in recent.only(*fields) if context.rng("employment", p.pk).random() < 0.3
        ]
    if not unemployed and not employed:
        return
    issuers = dict(
        ServiceOrg.objects.filter(kind=OrgKind.COUNTY_AGENCY).values_list("region_id", "pk")
    )
    actors = {
        u.org.region_id: u
        for u in User.objects.filter(username__startswith="coordinator-").select_related("org")
    }
    fallback = User.objects.filter(is_superuser=True).order_by("pk").first()
    counters = {
        (each.issuer, each.year): each.last
        for each in NumberSequence.objects.filter(series=CERTIFICATES)
    }
    registrations, certificates, contacts = [], {}, []

    def certify(registration, person):
        key = (prefix_of(person.region_id, Level.COUNTY), registration.approved_on.year)
        counters[key] = counters.get(key, 0) + 1
        number = certificate_number(county=key[0], hukou="2" if person.hukou_type == "agricultural" else "1",
                                    year=key[1], sequence=counters[key], pattern=FORMAT)  # fmt: skip
        certificates[person.pk] = RegistrationCertificate(person=person, region_id=person.region_id, number=number,
                                              issued_on=registration.approved_on, issued_by_id=issuers[code_of_prefix(key[0])])  # fmt: skip

    for person in unemployed:
        rng = context.rng("registration", person.pk)
        state = _state(rng)
        applied = max(person.status_since, TODAY - datetime.timedelta(days=rng.randint(5, 400)))
        registration = Registration(
            person=person, region_id=person.region_id, kind=RegistrationKind.UNEMPLOYMENT, state=state, applied_on=applied,
            unemployed_since=person.status_since,
            cause=UnemploymentCause.OTHER if person.status == LabourStatus.FARMING else rng.choice(UnemploymentCause.values),
            last_employer=person.employer,
        )  # fmt: skip
        if state == "approved":
            registration.approved_on = min(
                TODAY, applied + datetime.timedelta(days=rng.randint(3, 14))
            )
            certify(registration, person)
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
    for person in employed:
        rng = context.rng("employment", person.pk)
        approved_on = min(TODAY, person.status_since + datetime.timedelta(days=rng.randint(3, 14)))
        registration = Registration(
            person=person, region_id=person.region_id, kind=RegistrationKind.EMPLOYMENT, state="approved",
            applied_on=person.status_since, employment_form=person.status, employer=person.employer,
            employed_since=person.status_since, contract_months=rng.choice((12, 24, 36, None)), approved_on=approved_on,
        )  # fmt: skip
        certify(registration, person)
        registration.actor = actors.get(person.region_id, fallback)
        registrations.append(registration)
    _save(registrations, certificates, contacts)
    for (county, year), last in counters.items():
        NumberSequence.objects.update_or_create(
            series=CERTIFICATES, issuer=county, year=year, defaults={"last": last}
        )
    context.log(f"Created {len(registrations)} registrations.")


@transaction.atomic
def _save(registrations, certificates, contacts) -> None:
    RegistrationCertificate.objects.bulk_create(certificates.values(), batch_size=5000)
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
