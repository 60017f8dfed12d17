"""Demo and benchmark data of training: two designated institutions in every county, each
with four courses (one finished some seven months ago, one four months ago, one running and
one to come), trainees referred by their community in every state (completed with
certificates and appraisals, dropped, attending, referred), training needs open and met,
some trainees employed after their course, the referral subsidies the institutions paid the
referring offices for their earliest course (the later ones still owed), and at the tiny and small scales the training
claims of a few offices. The same rows per county at every scale: proportionate."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from stdnum.cn import uscc

from jiuye.core import parameters
from jiuye.core.models import WorkflowEvent
from jiuye.core.seeding import fast_insert, next_id, reset_sequences
from jiuye.jobs.models import Occupation, Seeker
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person
from jiuye.ledger.seeding import TODAY
from jiuye.ledger.services import status_change
from jiuye.regions.codes import Level, prefix_of, township
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User
from jiuye.subsidies.services import claim_prepare
from jiuye.training.choices import CertificateKind, CourseKind
from jiuye.training.models import Course, Enrolment, Institution, Need, ReferralPayment
from jiuye.training.selectors import REFERRAL_SUBSIDY
from jiuye.training.subsidy import STARTUP, VOCATIONAL

SCHOOL_WORDS = ["职业技能培训学校", "职业培训学校", "技工学校", "创业培训中心"]
TRADES = ["4-07-05-01", "4-10-01-01", "4-03-02-01", "4-10-01-03", "6-29-01-01", "4-01-02-01",
          "4-10-05-01", "6-28-01-02"]  # fmt: skip
PER_COURSE = 6
OPEN_NEEDS_PER_COUNTY = 12
EMPLOYMENT_COUNTIES = 6  # counties whose trainees' later employment goes through the ledger
CLAIMING_OFFICES = 6
# (kind, start and end in days from TODAY, the state its trainees are in)
COURSES = [
    (CourseKind.VOCATIONAL, -240, -210, "completed"),
    (CourseKind.STARTUP, -130, -120, "completed"),
    (CourseKind.VOCATIONAL, -10, 20, "attending"),
    (CourseKind.VOCATIONAL, 15, 45, "referred"),
]


def _day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def _credit_code(county: str, n: int) -> str:
    body = f"52{county}MJ{n:07d}"
    return body + uscc.calc_check_digit(body + "0")


def seed(context) -> None:
    if Institution.objects.exists():
        return
    known = set(Occupation.objects.filter(code__in=TRADES).values_list("code", flat=True))
    trades = [code for code in TRADES if code in known] or list(
        Occupation.objects.filter(level=4).values_list("code", flat=True)[:8]
    )
    counties = Region.objects.none()
    for prefix in context.scale.prefixes:
        counties |= Region.objects.within(prefix).filter(level=Level.COUNTY)
    plan = _plan(context, counties.order_by("code"), trades)
    _insert(context, plan)
    if plan["completed"]:
        _employment(context, plan)
    if context.scale.name != "large":
        _claims(context, plan)


def _plan(context, counties, trades) -> dict:
    """Rows of institutions, courses, needs and enrolments, with ids chosen here."""
    ids = {model: next_id(model) for model in (Institution, Course, Need, Enrolment)}
    rows = {"institutions": [], "courses": [], "needs": [], "enrolments": [], "completed": []}
    for county in counties:
        people = list(
            Seeker.objects.active().within(county.prefix).filter(person__enrolments__isnull=True)
            .order_by("pk").values_list("person_id", "region_id")[: 2 * len(COURSES) * PER_COURSE + OPEN_NEEDS_PER_COUNTY]
        )  # fmt: skip
        if not people:
            continue
        for n in range(2):
            rng = context.rng("institution", county.code, n)
            pk = ids[Institution] + len(rows["institutions"])
            rows["institutions"].append({
                "id": pk, "region_id": county.code, "credit_code": _credit_code(county.prefix, pk),
                "name": f"{county.name}{rng.choice(['华育', '鲁匠', '泉城', '齐鲁', '明德', '恒通'])}{SCHOOL_WORDS[n]}",
                "address": f"{county.name}{rng.choice(['经十路', '文化路', '工业北路', '和平路'])}{rng.randint(1, 300)}号",
                "contact_name": "教务处", "contact_phone": f"0531-8{pk:07d}"[:13],
                "designated_from": datetime.date(TODAY.year - 2, 1, 1), "active": True,
            })  # fmt: skip
            for m, (kind, start, end, state) in enumerate(COURSES):
                course_id = ids[Course] + len(rows["courses"])
                trade = rng.choice(trades) if kind == CourseKind.VOCATIONAL else None
                hours = 80 if kind == CourseKind.STARTUP else rng.choice([60, 90, 120])
                rows["courses"].append({
                    "id": course_id, "region_id": county.code, "institution_id": pk, "kind": kind,
                    "occupation_id": trade, "title": _title(kind, trade, m), "starts_on": _day(start),
                    "ends_on": _day(end), "hours": hours, "capacity": PER_COURSE + 10,
                    "place": f"{county.name}培训基地{n + 1}号楼", "published": True,
                })  # fmt: skip
                for k in range(PER_COURSE):
                    if not people:
                        break
                    person_id, region_id = people.pop(0)
                    _trainee(context, rows, ids, course_id, kind, trade, hours, start, end, state, k,
                             person_id, region_id)  # fmt: skip
        for person_id, region_id in people[:OPEN_NEEDS_PER_COUNTY]:
            rng = context.rng("need", person_id)
            kind = rng.choice([CourseKind.VOCATIONAL, CourseKind.VOCATIONAL, CourseKind.STARTUP])
            rows["needs"].append({
                "id": ids[Need] + len(rows["needs"]), "person_id": person_id, "region_id": region_id,
                "kind": kind, "occupation_id": rng.choice(trades) if kind == CourseKind.VOCATIONAL else None,
                "note": rng.choice(["", "希望学一门手艺", "想自己开店", "晚上有时间"]),
                "recorded_on": _day(-rng.randint(1, 60)), "state": "open",
            })  # fmt: skip
    return rows


def _title(kind, trade, m) -> str:
    if kind == CourseKind.STARTUP:
        return "SYB创业培训班"
    names = {"4-07-05-01": "保安员", "4-10-01-01": "育婴员", "4-03-02-01": "中式烹调师",
             "4-10-01-03": "养老护理员", "6-29-01-01": "砌筑工", "4-01-02-01": "营销员",
             "4-10-05-01": "保洁员", "6-28-01-02": "电工"}  # fmt: skip
    return f"{names.get(trade, '职业技能')}培训班（第{m + 1}期）"


def _trainee(
    context, rows, ids, course_id, kind, trade, hours, start, end, state, k, person_id, region_id
):
    """One enrolment in the course's state (one of each course's trainees dropped out of the
    finished ones), and the need it met."""
    rng = context.rng("enrolment", course_id, k)
    enrolment_id = ids[Enrolment] + len(rows["enrolments"])
    need_id = ids[Need] + len(rows["needs"])
    referred_on = _day(start - rng.randint(3, 20))
    rows["needs"].append({
        "id": need_id, "person_id": person_id, "region_id": region_id, "kind": kind, "occupation_id": trade,
        "note": "", "recorded_on": referred_on - datetime.timedelta(days=rng.randint(1, 30)), "state": "met",
    })  # fmt: skip
    row = {
        "id": enrolment_id, "person_id": person_id, "region_id": region_id, "course_id": course_id,
        "need_id": need_id, "referred_on": referred_on, "state": state,
        "kind": kind,  # not a column: which training claim the completion goes to
    }  # fmt: skip
    if state == "completed" and k == PER_COURSE - 1:
        row.update(state="dropped", attended_hours=hours // 4)
    elif state == "completed":
        attended = hours if k < 3 else hours * rng.choice([85, 90, 95]) // 100
        row.update(attended_hours=attended, completed_on=_day(end))
        if k < 4:
            certificate = CertificateKind.TRAINING if kind == CourseKind.STARTUP else (
                CertificateKind.SKILL_LEVEL if k % 2 else CertificateKind.SPECIAL)  # fmt: skip
            row.update(certificate_kind=certificate, certificate_number=f"{course_id:06d}{k:02d}",
                       certificate_issued_on=_day(end + 7))  # fmt: skip
            if kind == CourseKind.VOCATIONAL:
                row.update(appraisal_result="passed", appraisal_level=rng.choice(["5", "4"]))
        else:
            row.update(appraisal_result="failed" if kind == CourseKind.VOCATIONAL else "")
        rows["completed"].append(row)
    elif state == "attending":
        row["attended_hours"] = rng.randint(10, 30)
    rows["enrolments"].append(row)


def _offices(regions) -> tuple[dict, dict]:
    """The office of each region (a village's own, else its township's) and one of its workers."""
    wanted = set(regions) | {township(code) for code in regions}
    orgs = {}
    wanted = sorted(wanted)
    for start in range(0, len(wanted), 900):
        for org_id, region_id in ServiceOrg.objects.filter(
            region_id__in=wanted[start : start + 900], is_active=True
        ).values_list("id", "region_id"):
            orgs.setdefault(region_id, org_id)
    workers = {}
    users = User.objects.filter(org_id__in=set(orgs.values()), is_active=True).order_by("pk")
    for user_id, org_id in users.values_list("id", "org_id"):
        workers.setdefault(org_id, user_id)
    return orgs, workers


def _insert(context, rows) -> None:
    orgs, workers = _offices({row["region_id"] for row in rows["enrolments"] + rows["needs"]})

    def worker(region):
        org = orgs.get(region) or orgs.get(township(region))
        return org, workers.get(org)

    needs = []
    for row in rows["needs"]:
        row["recorded_by_id"] = worker(row["region_id"])[1]
        if row["recorded_by_id"] is not None:
            needs.append(row)
    enrolments, events = [], []
    content_type = ContentType.objects.get_for_model(Enrolment).pk
    event_id = next_id(WorkflowEvent)
    for row in rows["enrolments"]:
        org, actor = worker(row["region_id"])
        if actor is None:
            continue
        row.update(org_id=org, referred_by_id=actor)
        enrolments.append(row)
        steps = [("create", "", "referred", row["referred_on"])]
        if row["state"] != "referred":
            steps.append(
                ("attend", "referred", "attending", row["referred_on"] + datetime.timedelta(days=5))
            )
        if row["state"] in ("completed", "dropped"):
            last = row.get("completed_on") or row["referred_on"] + datetime.timedelta(days=12)
            steps.append(("complete", "attending", "completed", last) if row["state"] == "completed"
                         else ("drop", "attending", "dropped", last))  # fmt: skip
        for transition, source, target, day in steps:
            at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
            events.append({
                "id": event_id + len(events), "content_type_id": content_type, "object_id": row["id"],
                "region_id": row["region_id"], "transition": transition, "from_state": source, "to_state": target,
                "actor_id": actor, "at": at, "comment": "找到工作，退出培训" if transition == "drop" else "",
            })  # fmt: skip
        row["state_entered_at"] = events[-1]["at"]
    rows["completed"] = [row for row in rows["completed"] if "org_id" in row]
    regions = {org: region for region, org in orgs.items()}
    payments = _referral_payments(rows, enrolments, regions)
    fast_insert(Institution, rows["institutions"])
    fast_insert(Course, rows["courses"])
    fast_insert(Need, needs)
    fast_insert(ReferralPayment, payments)
    fast_insert(Enrolment, enrolments)
    fast_insert(WorkflowEvent, events)
    reset_sequences(Institution, Course, Need, ReferralPayment, Enrolment, WorkflowEvent)
    context.log(
        f"  {len(rows['institutions'])} training institutions, {len(rows['courses'])} courses, "
        f"{len(needs)} training needs, {len(enrolments)} enrolments, "
        f"{len(payments)} referral subsidy payments"
    )


def _referral_payments(rows, enrolments, regions) -> list[dict]:
    """The institutions paid each referring office the referral subsidy (guideline 十七) for
    the trainees of their earliest course a month after it ended; those of the later courses
    who took part are still owed. Sets each settled enrolment's payment."""
    courses = {row["id"]: row for row in rows["courses"]}
    institutions = {row["id"]: row for row in rows["institutions"]}
    earliest = _day(COURSES[0][1])
    read, payments, first_id = parameters.Reader(), {}, next_id(ReferralPayment)
    for row in enrolments:
        course = courses[row["course_id"]]
        took_part = row["state"] in ("attending", "completed") or row.get("attended_hours")
        if course["starts_on"] != earliest or not took_part:
            continue
        institution = institutions[course["institution_id"]]
        amount = read(REFERRAL_SUBSIDY, institution["region_id"], course["starts_on"])
        payment = payments.setdefault((institution["id"], row["org_id"]), {
            "id": first_id + len(payments), "institution_id": institution["id"], "org_id": row["org_id"],
            "region_id": regions[row["org_id"]], "paid_on": course["ends_on"] + datetime.timedelta(days=30),
            "amount": Decimal("0.00"), "note": "银行转账", "recorded_on": course["ends_on"] + datetime.timedelta(days=31),
            "recorded_by_id": row["referred_by_id"],
        })  # fmt: skip
        payment["amount"] += amount
        row["referral_payment_id"] = payment["id"]
    return list(payments.values())


def _employment(context, rows) -> None:
    """About half the trainees of the finished courses of a few counties found work within a
    few months, as the ledger records it (the employment rates after 3 and 6 months)."""
    counties = sorted({prefix_of(row["region_id"], Level.COUNTY) for row in rows["completed"]})
    counties = counties[:EMPLOYMENT_COUNTIES]
    chosen = [row for row in rows["completed"] if prefix_of(row["region_id"], Level.COUNTY) in counties
              and context.rng("employed", row["id"]).random() < 0.5]  # fmt: skip
    actors = {
        user.pk: user
        for user in User.objects.filter(pk__in={row["referred_by_id"] for row in chosen})
    }
    people = Person.objects.in_bulk([row["person_id"] for row in chosen])
    for row in chosen:
        person = people[row["person_id"]]
        since = row["completed_on"] + datetime.timedelta(
            days=context.rng("since", row["id"]).randint(20, 160)
        )
        if since > TODAY or since <= person.status_since:
            continue
        status_change(actor=actors[row["referred_by_id"]], person=person, status=LabourStatus.EMPLOYED_UNIT,
                      since=since, employer="经培训后就业", note="培训后就业")  # fmt: skip
    context.log(f"  {len(chosen)} trainees employed after training")


def _claims(context, rows) -> None:
    """The training claims of this month of a few offices whose trainees completed a course."""
    kinds = {CourseKind.VOCATIONAL: VOCATIONAL, CourseKind.STARTUP: STARTUP}
    offices = sorted({(row["org_id"], row["referred_by_id"]) for row in rows["completed"]})[
        :CLAIMING_OFFICES
    ]
    actors = User.objects.in_bulk([actor for _org, actor in offices])
    for org, actor in offices:
        user = actors[actor]
        if not user.has_perm("subsidies.add_claim"):
            continue
        for kind in sorted({row["kind"] for row in rows["completed"] if row["org_id"] == org}):
            claim_prepare(actor=user, kind=kinds[kind], month=TODAY)
