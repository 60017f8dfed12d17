"""Demo and benchmark data of entrepreneurship services (see ``jiuye.core.seeding``).

About one would-be entrepreneur per 125 residents, among the working-age residents out of
work, each with one to three services; one in four has a loan disbursed in the past year with
its schedule and repayments (most on time, some extended, some overdue, some repaid, some
not micro-profit). At the tiny and small scales a few applications also go through the real
workflow, so every step of the process is on show; at ``large`` everything is plain rows."""

import datetime
import itertools
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from jiuye.core import workflow
from jiuye.core.models import WorkflowEvent
from jiuye.core.seeding import fast_insert, next_id, reset_sequences
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person, working_age_q
from jiuye.ledger.seeding import TODAY
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.codes import Level, code_of_prefix, prefix_of
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import User
from jiuye.startups import schedule
from jiuye.startups.models import Entrepreneur, Instalment, Loan, Repayment, StartupService
from jiuye.startups.services import loan_apply, loan_bank_approve

TRADES = ["早餐店", "便利店", "家政服务", "快递代收点", "理发店", "水果店", "电商网店", "农家乐",
          "汽车美容", "小吃店", "服装加工", "养殖场", "蔬菜种植", "维修服务", "培训工作室"]  # fmt: skip
RATES = [Decimal("4.35"), Decimal("4.75"), Decimal("5.22")]
GUARANTORS = ["市创业担保中心", "县（区）创业担保中心", "信用社区联保"]
PER_RESIDENTS = 125


@transaction.atomic  # one commit: SQLite would otherwise sync the disk after every row
def seed(context) -> None:
    if Entrepreneur.objects.exists():
        return
    people = _people(context)
    coordinators = _coordinators(context)
    entrepreneurs = _entrepreneurs(context, people, coordinators)
    _loans(context, entrepreneurs, coordinators)
    if context.scale.name != "large":
        _workflow_loans(context)


def _people(context) -> list[tuple[int, str]]:
    """Working-age residents out of work, spread evenly over the scale's regions."""
    wanted = max(context.scale.residents // PER_RESIDENTS, 8)
    working_age = working_age_q(
        TODAY, **working_age_limits(code_of_prefix(context.scale.prefixes[0]), TODAY)
    )
    chosen = []
    for prefix in context.scale.prefixes:
        people = Person.objects.within(prefix).filter(working_age, status=LabourStatus.UNEMPLOYED)
        step = max(people.count() // (wanted // len(context.scale.prefixes)), 1)
        rows = people.order_by("id").values_list("id", "region_id").iterator(chunk_size=5000)
        chosen += list(itertools.islice(rows, 0, None, step))
    return chosen[:wanted]


def _coordinators(context) -> dict[str, int]:
    """The village coordinator of each village, else any staff account (the superuser)."""
    found = {}
    for prefix in context.scale.prefixes:
        found.update(
            User.objects.within(prefix).filter(roles__code="coordinator")
            .values_list("org__region_id", "pk").order_by()
        )  # fmt: skip
    return found


def _fallback_user() -> int:
    user = User.objects.filter(is_superuser=True).order_by("pk").first() or User.objects.first()
    return user.pk


def _entrepreneurs(context, people, coordinators) -> list[dict]:
    first, service_id = next_id(Entrepreneur), next_id(StartupService)
    rows, services = [], []
    fallback = _fallback_user()
    for n, (person_id, region_id) in enumerate(people):
        rng = context.rng("entrepreneur", person_id)
        registered = TODAY - datetime.timedelta(days=rng.randint(30, 400))
        trade = rng.choice(TRADES)
        rows.append({
            "id": first + n, "person_id": person_id, "region_id": region_id, "trade": trade,
            "idea": f"打算开办{trade}", "registered_on": registered,
            "state": "started" if n % 4 == 0 else rng.choice(["intending"] * 5 + ["gave_up"]),
            "started_on": registered + datetime.timedelta(days=rng.randint(20, 25)) if n % 4 == 0 else None,
            "jobs_created": rng.choice([0, 1, 2, 2, 3, 5, 8]) if n % 4 == 0 else 0,
        })  # fmt: skip
        by = coordinators.get(region_id, fallback)
        kinds = ["project", "premises", "guidance"][: rng.randint(1, 3)]
        for k, kind in enumerate(kinds):
            services.append({
                "id": service_id + len(services), "entrepreneur_id": first + n, "region_id": region_id,
                "kind": kind, "on": registered + datetime.timedelta(days=7 * (k + 1)), "by_id": by,
                "details": {"project": f"推荐{trade}项目", "premises": "协调落实经营场所",
                            "guidance": "开业指导"}[kind],
            })  # fmt: skip
    fast_insert(Entrepreneur, rows)
    fast_insert(StartupService, services)
    reset_sequences(Entrepreneur, StartupService)
    context.log(f"  {len(rows)} would-be entrepreneurs, {len(services)} services")
    return rows


def _loans(context, entrepreneurs, coordinators) -> None:
    """Disbursed loans of every fourth started entrepreneur, with schedules and repayments:
    mostly on time; every 7th extended, every 5th overdue, every 6th repaid."""
    orgs = dict(ServiceOrg.objects.filter(region_id__in={row["region_id"] for row in entrepreneurs})
                .values_list("region_id", "pk").order_by("region_id", "-pk"))  # fmt: skip
    loan_id, instalment_id, repayment_id = next_id(Loan), next_id(Instalment), next_id(Repayment)
    loans, instalments, repayments, events = [], [], [], []
    loan_type = ContentType.objects.get_for_model(Loan)
    fallback = _fallback_user()
    for n, row in enumerate(row for row in entrepreneurs if row["state"] == "started"):
        if row["region_id"] not in orgs:
            continue
        rng = context.rng("loan", row["person_id"])
        kind = (
            "repaid"
            if n % 6 == 5
            else "overdue"
            if n % 5 == 4
            else "extended"
            if n % 7 == 6
            else "repaying"
        )
        term = 12 if kind in ("repaid", "extended") else 24
        disbursed = TODAY - datetime.timedelta(
            days=rng.randint(400, 420) if kind == "repaid" else rng.randint(60, 340)
        )
        amount, rate = Decimal(rng.choice([30000, 50000, 80000, 100000])), rng.choice(RATES)
        pk, by = loan_id + len(loans), coordinators.get(row["region_id"], fallback)
        plan = schedule.instalments(amount, rate, disbursed, term)
        extended = 0
        if kind == "extended" and plan[-1]["due_on"] > TODAY - datetime.timedelta(days=31):
            extended = 6
            plan[-1]["principal"] = Decimal("0.00")
            plan += schedule.instalments(
                amount, rate, disbursed, extended, offset=term, extension=True
            )
        missed = None
        for item in plan:
            paid = item["due_on"] <= TODAY and (kind != "overdue" or missed is None)
            if (
                kind == "overdue"
                and item["due_on"] <= TODAY
                and missed is None
                and item["number"] >= 2
            ):
                missed, paid = item["number"], False
            paid_on = item["due_on"] if paid else None
            instalments.append({
                "id": instalment_id + len(instalments), "loan_id": pk, "region_id": row["region_id"], **item,
                "paid_amount": item["principal"] + item["interest"] if paid else Decimal("0"), "paid_on": paid_on,
            })  # fmt: skip
            if paid:
                repayments.append({"id": repayment_id + len(repayments), "loan_id": pk, "region_id": row["region_id"],
                                   "paid_on": paid_on, "amount": item["principal"] + item["interest"],
                                   "recorded_by_id": by})  # fmt: skip
        repaid = all(item["due_on"] <= TODAY for item in plan) and kind != "overdue"
        applied = disbursed - datetime.timedelta(days=30)
        state = (
            "repaid"
            if repaid
            else "repaying"
            if any(i["due_on"] <= TODAY for i in plan)
            else "disbursed"
        )
        loans.append({
            "id": pk, "person_id": row["person_id"], "entrepreneur_id": row["id"], "region_id": row["region_id"],
            "org_id": orgs[row["region_id"]], "applied_on": applied, "partners": 1, "amount": amount,
            "term_months": term, "project": row["trade"], "micro_profit": n % 3 != 2, "guarantee_kind": "agency",
            "guarantor": rng.choice(GUARANTORS), "bank": "农村商业银行", "contract_number": f"XD{disbursed:%Y}{pk:06d}",
            "annual_rate": rate, "disbursed_on": disbursed, "ends_on": plan[term - 1]["due_on"],
            "extended_months": extended, "extended_until": plan[-1]["due_on"] if extended else None,
            "extension_reason": "受疫情影响经营困难" if extended else "",
            "repaid_on": plan[-1]["due_on"] if repaid else None, "state": state,
            "state_entered_at": _at(disbursed), "due_on": None,
        })  # fmt: skip
        for transition, to_state, day in (
            ("create", "applied", applied),
            ("disburse", "disbursed", disbursed),
        ):
            events.append({"content_type_id": loan_type.pk, "object_id": pk, "region_id": row["region_id"],
                           "transition": transition, "from_state": "" if transition == "create" else "approved",
                           "to_state": to_state, "actor_id": by, "at": _at(day), "comment": ""})  # fmt: skip
    event_id = next_id(WorkflowEvent)
    events = [{"id": event_id + n, **event} for n, event in enumerate(events)]
    fast_insert(Loan, loans)
    for start in range(0, len(instalments), 10_000):
        fast_insert(Instalment, instalments[start : start + 10_000])
    for start in range(0, len(repayments), 10_000):
        fast_insert(Repayment, repayments[start : start + 10_000])
    fast_insert(WorkflowEvent, events)
    reset_sequences(Loan, Instalment, Repayment, WorkflowEvent)
    context.log(f"  {len(loans)} disbursed loans, {len(instalments)} instalments")


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)


def _workflow_loans(context) -> None:
    """In village A's township and the sibling county, applications through the real
    workflow, stopped at each step: applied, returned, county review, bank review, approved,
    refused, withdrawn."""
    steps = {
        "applied": [],
        "returned": [("township_return", "reviewer", "材料不全，请补充营业执照")],
        "county_review": [("township_approve", "reviewer", "")],
        "bank_review": [("township_approve", "reviewer", ""), ("county_approve", "approver", "")],
        "approved": [("township_approve", "reviewer", ""), ("county_approve", "approver", ""), ("bank", "approver", "")],
        "refused": [("township_approve", "reviewer", ""), ("county_refuse", "approver", "担保条件不足")],
        "withdrawn": [("withdraw", "coordinator", "申请人放弃")],
    }  # fmt: skip
    taken = set(Loan.objects.values_list("person_id", flat=True))
    for coordinator in User.objects.filter(roles__code="coordinator").filter(
        org__region_id__in=["370102001002", "370103002001"]
    ):
        village = coordinator.org.region_id
        actors = {
            "coordinator": coordinator,
            "reviewer": User.objects.get(username=f"reviewer-{prefix_of(village, Level.TOWNSHIP)}"),
            "approver": User.objects.get(username=f"approver-{prefix_of(village, Level.COUNTY)}"),
        }
        people = (
            Person.objects.filter(region_id=village).exclude(pk__in=taken)
            .exclude(status__in=[LabourStatus.STUDENT, LabourStatus.RETIRED, LabourStatus.UNABLE])
            .order_by("pk")
        )  # fmt: skip
        for (state, transitions), person in zip(steps.items(), people, strict=False):
            rng = context.rng("workflow-loan", person.pk)
            loan = loan_apply(
                actor=coordinator, person=person, project=rng.choice(TRADES), micro_profit=True,
                amount=Decimal(rng.choice([50000, 80000, 100000])), term_months=24,
                guarantee_kind="agency", guarantor=rng.choice(GUARANTORS),
            )  # fmt: skip
            for transition, role, comment in transitions:
                if transition == "bank":
                    loan_bank_approve(actor=actors[role], loan=loan, bank="农村商业银行",
                                      contract_number=f"XD{loan.pk:08d}", annual_rate=RATES[0],
                                      disbursed_on=loan.applied_on + datetime.timedelta(days=20))  # fmt: skip
                else:
                    workflow.fire(loan, transition, actor=actors[role], comment=comment)
            assert loan.state == state, (loan.state, state)
    context.log(f"  {Loan.objects.count()} loans in all")
