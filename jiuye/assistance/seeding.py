"""Demo data: hard-to-employ persons among the registered unemployed, in every step of their
identification (some on public notice, one or two held by an objection), identified persons
with their cards, plans, measures (some overdue) and services, some who exited; then the
zero-employment households, found by the same nightly re-check the system runs, some already
identified and supported."""

import datetime
import itertools

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import DateField, Exists, ExpressionWrapper, F, Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from weasyprint import HTML

from jiuye.assistance import households
from jiuye.assistance.categories import ensure_categories
from jiuye.assistance.choices import CategoryRule, ExitReason, HouseholdState, Origin, ServiceKind
from jiuye.assistance.eligibility import make_facts, refusal
from jiuye.assistance.models import (
    AssistanceService,
    Attachment,
    Card,
    Category,
    Identification,
    Measure,
    Objection,
    Plan,
    ZeroHousehold,
)
from jiuye.assistance.services import CARDS, card_number
from jiuye.core.models import NumberSequence, WorkflowEvent
from jiuye.core.parameters import PARAMETERS, Reader
from jiuye.core.workdays import add_months, add_working_days
from jiuye.ledger.models import Person
from jiuye.ledger.seeding import TODAY
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, ancestor, code_of_prefix, prefix_of
from jiuye.regions.models import ServiceOrg
from jiuye.registration.models import Registration
from jiuye.staff.models import User

PATH = ["investigation", "notice", "township_review", "county_identification", "identified"]
TRANSITIONS = {
    "notice": "first_approve",
    "township_review": "end_notice",
    "county_identification": "report",
    "identified": "identify",
}
STATES = [  # (state, share)
    ("identified", 0.58), ("exited", 0.08), ("investigation", 0.08), ("notice", 0.08), ("on_hold", 0.02),
    ("township_review", 0.06), ("county_identification", 0.06), ("rejected", 0.04),
]  # fmt: skip
EVIDENCE = "evidence/demo/困难情况证明.pdf"
MEASURES = [
    (ServiceKind.JOB_REFERRAL, "推荐适合的就业岗位，每月不少于1次"),
    (ServiceKind.TRAINING_REFERRAL, "推荐参加职业技能培训"),
    (ServiceKind.POLICY, "讲解就业援助政策，协助申请补贴"),
    (ServiceKind.POST_PLACEMENT, "协调公益性岗位安置"),
    (ServiceKind.HOME_VISIT, "上门回访，了解求职进展"),
]


def _state(rng) -> str:
    roll, total = rng.random(), 0.0
    for state, share in STATES:
        total += share
        if roll < total:
            return state
    return STATES[-1][0]


# Categories the ledger cannot check, given to a demo person the data fits no other way.
EVIDENCE_CATEGORIES = ("graduate", "single_parent", "landless", "other")


def _categories(person, categories, rng, reader, limits) -> list[Category]:
    """One or two categories the person's data agrees with (``eligibility``); a person whose
    data fits none is identified by evidence (a category the ledger cannot check). ``limits``:
    the working-age limits of each county, filled as counties come."""
    county = prefix_of(person.region_id, Level.COUNTY)
    if county not in limits:
        limits[county] = working_age_limits(code_of_prefix(county), TODAY)
    facts = make_facts(person, TODAY, limits=limits[county], since=person.since, dibao=person.dibao)
    fitting = [
        category for category in categories.values()
        if category.rule not in (CategoryRule.EVIDENCE, CategoryRule.ZERO_URBAN, CategoryRule.ZERO_RURAL)
        and refusal(category, facts, person.region_id, reader) is None
    ]  # fmt: skip
    if not fitting:
        return [categories[rng.choice(EVIDENCE_CATEGORIES)]]
    return rng.sample(fitting, 2 if len(fitting) > 1 and rng.random() < 0.3 else 1)


class Staff:
    """The coordinator, township reviewer and county approver responsible for a region."""

    def __init__(self):
        self.by_role = {"coordinator": {}, "reviewer": {}, "approver": {}}
        users = User.objects.filter(is_active=True, roles__code__in=self.by_role).select_related(
            "org"
        )
        for user in users.order_by("pk"):
            for role in user.role_codes & set(self.by_role):
                self.by_role[role].setdefault(user.org.region_id, user)
        self.fallback = User.objects.filter(is_superuser=True).order_by("pk").first()

    def of(self, role: str, region: str, *, fallback: bool = True):
        """The worker, or (an author of demo events must exist) the superuser if there is none."""
        code = {
            "coordinator": region,
            "reviewer": ancestor(region, Level.TOWNSHIP),
            "approver": ancestor(region, Level.COUNTY),
        }[role]
        return self.by_role[role].get(code) or (self.fallback if fallback else None)


def seed(context) -> None:
    ensure_categories(Category)  # a flushed test database lost the migration's rows
    categories = {category.code: category for category in Category.objects.filter(province="37")}
    staff = Staff()
    done = set(Identification.objects.values_list("person_id", flat=True))
    candidates = []
    registered = Registration.objects.registered_unemployed().filter(person=OuterRef("pk"))
    for prefix in context.scale.prefixes:
        people = (
            Person.objects.within(prefix).exclude(pk__in=done)
            .filter(Exists(registered), certificate__isnull=False)
            .annotate(since=Subquery(registered.values("unemployed_since")[:1]), dibao=F("household__has_dibao"))
            .only("id", "region_id", "birth_date", "sex", "disability").order_by("id")
        )  # fmt: skip
        candidates += [p for p in people if context.rng("assistance", p.pk).random() < 0.3]
    if candidates:
        if not default_storage.exists(EVIDENCE):
            default_storage.save(
                EVIDENCE, ContentFile(HTML(string="<p>困难情况证明（示例材料）</p>").write_pdf())
            )
        _identifications(context, candidates, categories, staff)
    _households(context, staff)


def _identifications(context, candidates, categories, staff) -> None:
    issuers = dict(
        ServiceOrg.objects.filter(kind=OrgKind.COUNTY_AGENCY).values_list("region_id", "pk")
    )
    counters = {
        (each.issuer, each.year): each.last for each in NumberSequence.objects.filter(series=CARDS)
    }
    cases, extras, chosen, reader, limits = [], {}, {}, Reader(), {}
    for person in candidates:
        rng = context.rng("identification", person.pk)
        state = _state(rng)
        chosen[person.pk] = _categories(person, categories, rng, reader, limits)
        recent = {"investigation": (1, 8), "notice": (3, 9)}  # on notice since yesterday at most
        applied = TODAY - datetime.timedelta(days=rng.randint(*recent.get(state, (20, 300))))
        case = Identification(
            person=person, region_id=person.region_id, state=state,
            origin=Origin.APPLICATION if rng.random() < 0.7 else Origin.DISCOVERY, applied_on=applied,
            situation="家庭收入低，本人长期未能就业。", investigation="" if state == "investigation" else "经入户调查，情况属实。",
        )  # fmt: skip
        if state not in ("investigation", "rejected"):
            case.notice_starts_on = applied + datetime.timedelta(days=2)
            case.notice_ends_on = add_working_days(case.notice_starts_on, 7)
        if state in ("identified", "exited"):
            case.identified_on = min(
                TODAY, case.notice_ends_on + datetime.timedelta(days=rng.randint(2, 8))
            )
        if state == "exited":
            case.exited_on = min(
                TODAY, case.identified_on + datetime.timedelta(days=rng.randint(30, 200))
            )
            case.exit_reason = rng.choice(
                [ExitReason.STABLE_EMPLOYMENT] * 3 + [ExitReason.NOT_ELIGIBLE, ExitReason.REFUSED]
            )
        role = {"investigation": "coordinator", "notice": "coordinator", "on_hold": "coordinator",
                "township_review": "reviewer", "county_identification": "approver"}.get(state)  # fmt: skip
        if role:
            case.assignee = staff.of(role, person.region_id, fallback=False)
            case.due_on = (
                add_working_days(case.notice_ends_on, 1)
                if state == "notice"
                else TODAY + datetime.timedelta(days=rng.randint(-3, 5))
            )
        if case.identified_on:
            key = (prefix_of(person.region_id, Level.COUNTY), case.identified_on.year)
            counters[key] = counters.get(key, 0) + 1
            number = card_number(
                county=key[0],
                year=key[1],
                sequence=counters[key],
                pattern="{county}{year}{sequence:06d}",
            )
            extras[person.pk] = Card(region_id=person.region_id, number=number, issued_on=case.identified_on,
                                     issued_by_id=issuers[code_of_prefix(key[0])])  # fmt: skip
        cases.append(case)
    _save(context, cases, extras, chosen, staff)
    for (county, year), last in counters.items():
        NumberSequence.objects.update_or_create(
            series=CARDS, issuer=county, year=year, defaults={"last": last}
        )
    context.log(f"Created {len(cases)} identifications of hard-to-employ persons.")


def _events(case, staff, content_type) -> list[WorkflowEvent]:
    coordinator = staff.of("coordinator", case.region_id)
    actors = {"notice": coordinator, "township_review": coordinator, "county_identification": staff.of("reviewer", case.region_id),
              "identified": staff.of("approver", case.region_id)}  # fmt: skip
    at = datetime.datetime.combine(case.applied_on, datetime.time(9, 30), datetime.UTC)

    def event(transition, before, after, when, actor, comment=""):
        return WorkflowEvent(content_type=content_type, object_id=case.pk, region_id=case.region_id, transition=transition,
                             from_state=before, to_state=after, actor=actor, at=when, comment=comment)  # fmt: skip

    events = [event("create", "", "investigation", at, coordinator)]
    if case.state == "rejected":
        return [
            *events,
            event(
                "reject_first", "investigation", "rejected", at, coordinator, "经调查不符合认定条件"
            ),
        ]
    last = (
        "identified"
        if case.state == "exited"
        else ("notice" if case.state == "on_hold" else case.state)
    )
    days = {
        "notice": case.notice_starts_on,
        "township_review": case.notice_ends_on and add_working_days(case.notice_ends_on, 1),
        "identified": case.identified_on,
    }
    for before, after in itertools.pairwise(PATH[: PATH.index(last) + 1]):
        day = days.get(after) or at.date() + datetime.timedelta(days=1)
        at = datetime.datetime.combine(day, datetime.time(10, 0), datetime.UTC)
        events.append(event(TRANSITIONS[after], before, after, at, actors[after]))
    if case.state == "on_hold":
        events.append(
            event(
                "object",
                "notice",
                "on_hold",
                at + datetime.timedelta(days=2),
                coordinator,
                "群众反映其有经营收入",
            )
        )
    if case.state == "exited":
        when = datetime.datetime.combine(case.exited_on, datetime.time(15, 0), datetime.UTC)
        events.append(
            event("exit", "identified", "exited", when, coordinator, case.get_exit_reason_display())
        )
    return events


@transaction.atomic
def _save(context, cases, cards, chosen, staff) -> None:
    Identification.objects.bulk_create(cases, batch_size=5000)
    Through = Identification.categories.through
    Through.objects.bulk_create(
        [Through(identification_id=case.pk, category_id=category.pk)
         for case in cases for category in chosen[case.person_id]],
        batch_size=5000,
    )  # fmt: skip
    content_type = ContentType.objects.get_for_model(Identification)
    WorkflowEvent.objects.bulk_create(
        [event for case in cases for event in _events(case, staff, content_type)], batch_size=5000
    )
    Attachment.objects.bulk_create(
        [Attachment(identification=case, region_id=case.region_id, title="困难情况证明", file=EVIDENCE,
                    uploaded_by=staff.of("coordinator", case.region_id), category=_proved(chosen[case.person_id]))
         for case in cases if case.investigation],
        batch_size=5000,
    )  # fmt: skip
    Objection.objects.bulk_create(
        [Objection(identification=case, region_id=case.region_id, received_on=case.notice_starts_on + datetime.timedelta(days=2),
                   content="群众反映其有经营收入", recorded_by=staff.of("coordinator", case.region_id))
         for case in cases if case.state == "on_hold"],
    )  # fmt: skip
    for case in cases:
        if case.person_id in cards:
            cards[case.person_id].identification = case
    Card.objects.bulk_create(cards.values(), batch_size=5000)
    _plans(context, [case for case in cases if case.state in ("identified", "exited")], staff)


def _proved(categories):
    """The category the demo evidence proves: the one the ledger cannot check, if any."""
    return next(
        (category for category in categories if category.rule == CategoryRule.EVIDENCE), None
    )


def _plans(context, cases, staff) -> None:
    plans, measures, services = [], [], []
    for case in cases:
        rng = context.rng("plan", case.pk)
        worker = staff.of("coordinator", case.region_id)
        if rng.random() < 0.1 and case.state == "identified":
            continue  # a plan still to be made
        plan = Plan(identification=case, region_id=case.region_id, goals="半年内实现就业，优先推荐社区周边岗位。",
                    agreement_signed_on=case.identified_on + datetime.timedelta(days=rng.randint(1, 10)), created_by=worker)  # fmt: skip
        plan.agreement_signed_on = min(plan.agreement_signed_on, TODAY)
        plans.append(plan)
        for kind, description in rng.sample(MEASURES, 2):
            due = TODAY + datetime.timedelta(days=rng.randint(-25, 40))
            done = (due < TODAY and rng.random() < 0.6) or case.state == "exited"
            measures.append(Measure(plan=plan, region_id=case.region_id, kind=kind, description=description, responsible=worker,
                                    due_on=due, done_on=min(due, TODAY) if done else None, result="已落实" if done else ""))  # fmt: skip
        last = case.exited_on or TODAY
        for _ in range(rng.randint(1, 3)):
            on = case.identified_on + datetime.timedelta(
                days=rng.randint(0, max(0, (last - case.identified_on).days))
            )
            kind, description = rng.choice(MEASURES)
            services.append(AssistanceService(identification=case, region_id=case.region_id, kind=kind, on=on, worker=worker,
                                    content=description, result="本人表示愿意参加"))  # fmt: skip
    Plan.objects.bulk_create(plans, batch_size=5000)
    Measure.objects.bulk_create(measures, batch_size=5000)
    AssistanceService.objects.bulk_create(services, batch_size=5000)


def _households(context, staff) -> None:
    """The re-check finds the zero-employment households; each appeared when its last member
    lost work (the demo office began tracking 90 days ago). Some are identified and supported."""
    newest = ZeroHousehold.objects.aggregate(top=Max("pk"))["top"] or 0
    totals = households.recheck(TODAY)
    found = ZeroHousehold.objects.filter(pk__gt=newest)
    last_change = (
        Person.objects.filter(household=OuterRef("household")).values("household")
        .annotate(last=Max("status_since")).values("last")
    )  # fmt: skip
    found.update(appeared_on=Greatest(Subquery(last_change), TODAY - datetime.timedelta(days=90)))
    days = PARAMETERS["assistance.days_investigation"].default
    found.update(
        due_on=ExpressionWrapper(
            F("appeared_on") + datetime.timedelta(days=days), output_field=DateField()
        )
    )
    months = PARAMETERS["assistance.placement_limit_months"].default
    groups = {}  # (state, identification date) -> case ids
    for pk, appeared_on in found.values_list("pk", "appeared_on"):
        rng = context.rng("household", pk)
        roll = rng.random()
        if roll < 0.6 and appeared_on < TODAY - datetime.timedelta(days=10):
            state = HouseholdState.SUPPORTED if rng.random() < 0.7 else HouseholdState.IDENTIFIED
            identified_on = min(TODAY, appeared_on + datetime.timedelta(days=rng.randint(5, 12)))
            groups.setdefault((state, identified_on), []).append(pk)
        elif roll < 0.8:
            state = rng.choice((HouseholdState.TOWNSHIP_REVIEW, HouseholdState.COUNTY_REVIEW))
            groups.setdefault((state, None), []).append(pk)
    for (state, identified_on), ids in groups.items():
        values = {
            "state": state,
            "investigation": "入户调查：成员均失业或无非农就业，家庭收入情况已核实。",
        }
        if identified_on:
            due = add_months(identified_on, months)
            values.update(identified_on=identified_on, placement_due_on=due, due_on=due)
        if state == HouseholdState.SUPPORTED:
            values.update(
                supported_on=identified_on, support_plan="推荐公益性岗位，组织参加技能培训。"
            )
        for start in range(0, len(ids), 5000):
            ZeroHousehold.objects.filter(pk__in=ids[start : start + 5000]).update(**values)
    # the worker responsible for a supported household is its community's first coordinator, and
    # the household's step is theirs (the work list): read once, written in bulk
    coordinators = dict(
        User.objects.filter(is_active=True, roles__code="coordinator")
        .order_by("-pk").values_list("org__region_id", "pk")
    )  # fmt: skip
    supported = list(found.filter(state=HouseholdState.SUPPORTED).only("pk", "region_id"))
    for case in supported:
        case.responsible_id = case.assignee_id = coordinators.get(case.region_id)
    ZeroHousehold.objects.bulk_update(supported, ["responsible", "assignee"], batch_size=2000)
    context.log(f"Zero-employment households: {totals['appeared']} found.")
