"""Reads of training: the candidates for a training need, and the trainees' employment
after the course as the ledger's status periods show it."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone

from jiuye.core import parameters
from jiuye.core.money import ZERO, yuan
from jiuye.core.workdays import add_months
from jiuye.jobs.models import Seeker
from jiuye.ledger.choices import EMPLOYED, LabourStatus
from jiuye.ledger.models import Person, StatusRecord, working_age_q
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.models import ServiceOrg
from jiuye.registration.models import Registration
from jiuye.training.models import Enrolment, Institution, Need, ReferralPayment
from jiuye.training.workflow import OPEN_ENROLMENT_STATES

COHORTS = (3, 6)  # months after completion: the employment rates of guideline 十七's reports
# Farming does not count as finding work after training: rural trainees seek non-farm work.
WORK = EMPLOYED - {LabourStatus.FARMING}


def candidates(user, today: datetime.date | None = None, persons=None):
    """Residents of the user's jurisdiction (of ``persons`` if given: a list's, scoped and
    filtered) who may need training: registered unemployed or seeking work, of working age,
    with no open training need and no open enrolment."""
    today = today or timezone.localdate()
    limits = working_age_limits(parameters.region_of(user), today)
    unemployed = Exists(
        Registration.objects.registered_unemployed().filter(person_id=OuterRef("pk"))
    )
    seeking = Exists(Seeker.objects.active().filter(person_id=OuterRef("pk")))
    need = Exists(Need.objects.open().filter(person_id=OuterRef("pk")))
    training = Exists(
        Enrolment.objects.filter(person_id=OuterRef("pk"), state__in=OPEN_ENROLMENT_STATES)
    )
    return (
        (Person.objects.visible_to(user) if persons is None else persons)
        .filter(unemployed | seeking)
        .filter(working_age_q(today, **limits))
        .exclude(need)
        .exclude(training)
        .annotate(registered_unemployed=unemployed, seeking=seeking)
        .select_related("region")
        .order_by("region_id", "name", "pk")
    )


def employed_within(pairs, months: int) -> set:
    """Of ``pairs`` (person id, completion date), those whose ledger shows them employed at
    some time within ``months`` months after the completion: a status period of an employed
    kind (farming aside) that began before the window ended and had not ended before the
    completion. One query per 5,000 persons."""
    pairs = list(pairs)
    if not pairs:
        return set()
    people = sorted({person for person, _day in pairs})
    periods = defaultdict(list)
    for start in range(0, len(people), 5000):  # within the database's limit of parameters
        for record in StatusRecord.objects.filter(
            person_id__in=people[start : start + 5000], status__in=WORK
        ).values_list("person_id", "since", "until"):
            periods[record[0]].append(record[1:])
    found = set()
    for person, day in pairs:
        end = add_months(day, months)
        for since, until in periods.get(person, ()):
            if since <= end and (until is None or until > day):
                found.add((person, day))
                break
    return found


def course_employment(course, today: datetime.date | None = None, *, user=None) -> list[dict]:
    """The employment rate after 3 and 6 months of the course's completed trainees whose
    period has passed: of those ``user`` may see, when given (a county's course takes
    trainees of every township; a township counts its own)."""
    today = today or timezone.localdate()
    enrolments = course.enrolments.all()
    if user is not None:
        enrolments = enrolments & Enrolment.objects.visible_to(user)
    done = list(
        enrolments.filter(state="completed", completed_on__isnull=False).values_list(
            "person_id", "completed_on"
        )
    )
    rows = []
    for months in COHORTS:
        cohort = [pair for pair in done if add_months(pair[1], months) <= today]
        employed = len(employed_within(cohort, months))
        rows.append({
            "months": months, "cohort": len(cohort), "employed": employed,
            "rate": round(employed * 100 / len(cohort), 1) if cohort else None,
        })  # fmt: skip
    return rows


def completions_by_group(queryset, length: int, first: datetime.date, last: datetime.date):
    """``{group: [(person id, completion date), …]}`` of the completions in the days."""
    found = defaultdict(list)
    rows = queryset.filter(
        state="completed", completed_on__gte=first, completed_on__lte=last
    ).values_list("region_id", "person_id", "completed_on")
    for region_id, person_id, day in rows.order_by():
        found[region_id[:length]].append((person_id, day))
    return found


# The referral subsidy (推荐参训补助, guideline 十七) ---------------------------------------

REFERRAL_SUBSIDY = "training.referral_subsidy_amount"


@dataclass
class Account:
    """What one institution owes one referring office for the trainees it referred: the
    trainees who took part, the subsidy owed for them, what the institution paid, and what
    is outstanding."""

    institution: Institution
    org: ServiceOrg
    trainees: int = 0
    owed: Decimal = ZERO
    paid: Decimal = ZERO
    unsettled: int = 0

    @property
    def outstanding(self) -> Decimal:
        return yuan(self.owed - self.paid)


def referral_amounts(enrolments) -> dict[int, Decimal]:
    """The referral subsidy owed for each of ``enrolments`` (needs ``course__institution``):
    the standard in force for the institution's region on the day the course began. One
    query for the institutions' regions (``parameters.Reader``)."""
    read = parameters.Reader()
    read.load(enrolment.course.institution.region_id for enrolment in enrolments)
    return {
        enrolment.pk: yuan(
            read(
                REFERRAL_SUBSIDY, enrolment.course.institution.region_id, enrolment.course.starts_on
            )
        )
        for enrolment in enrolments
    }


def referral_accounts(user, *, institution=None, org=None, orgs=None) -> list[Account]:
    """The accounts of the referral subsidy between designated institutions and the offices
    of the user's jurisdiction that referred trainees to them (of one institution or office
    if given; of ``orgs``, a list's offices scoped and filtered, if given), by institution and
    office. Four queries, whatever the number of offices and institutions."""
    orgs = ServiceOrg.objects.visible_to(user) if orgs is None else orgs
    enrolments = Enrolment.objects.took_part().filter(org__in=orgs)
    payments = ReferralPayment.objects.visible_to(user).filter(org__in=orgs)
    if institution is not None:
        enrolments = enrolments.filter(course__institution=institution)
        payments = payments.filter(institution=institution)
    if org is not None:
        enrolments, payments = enrolments.filter(org=org), payments.filter(org=org)
    enrolments = list(enrolments.select_related("course__institution", "org"))
    amounts = referral_amounts(enrolments)
    accounts: dict[tuple[int, int], Account] = {}
    for enrolment in enrolments:
        key = (enrolment.course.institution_id, enrolment.org_id)
        account = accounts.setdefault(key, Account(enrolment.course.institution, enrolment.org))
        account.trainees += 1
        account.owed += amounts[enrolment.pk]
        account.unsettled += enrolment.referral_payment_id is None
    paid = payments.values("institution", "org").annotate(total=Sum("amount")).order_by()
    for row in paid:
        account = accounts.get((row["institution"], row["org"]))
        if account is not None:  # payments settle trainees, so their account is listed
            account.paid += yuan(row["total"])
    return sorted(
        accounts.values(), key=lambda a: (a.org.region_id, a.org.name, a.institution.name)
    )
