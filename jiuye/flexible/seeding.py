"""Demo and benchmark data of flexible employment: a registration for most residents the
ledger already counts as flexibly employed (plain rows, with their periodic checks, some of
them lapsed), and at the tiny and small scales a few identified hard-to-employ persons of each
county who took up flexible work, registered through the ledger's status change, with their
checks (one lapsed) and the social-insurance subsidy claim of last month prepared (a draft)."""

import datetime

from jiuye.assistance.models import Identification
from jiuye.assistance.seeding import Staff
from jiuye.core.seeding import fast_insert, next_id, reset_sequences
from jiuye.core.workdays import months_before
from jiuye.flexible.choices import WorkForm
from jiuye.flexible.models import Check, FlexibleJob
from jiuye.flexible.subsidy import KIND
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person
from jiuye.ledger.seeding import TODAY
from jiuye.ledger.services import status_change
from jiuye.regions.codes import Level
from jiuye.regions.models import Region
from jiuye.staff.models import User
from jiuye.subsidies.services import claim_prepare

SHARE = 0.6  # of the ledger's flexibly employed who are registered
TARGETS_PER_COUNTY = 3  # identified hard-to-employ persons who take up flexible work (tiny, small)
WORK = {
    WorkForm.PLATFORM: [
        ("外卖配送", "美团、饿了么平台"),
        ("网约车司机", "滴滴出行平台"),
        ("快递揽投", "快递网点"),
    ],
    WorkForm.PART_TIME: [
        ("超市理货（非全日制）", "社区超市"),
        ("钟点工", "居民家庭"),
        ("餐馆帮厨", "社区餐馆"),
    ],
    WorkForm.TEMPORARY: [("建筑零工", "建筑工地"), ("季节性采摘", "果园"), ("装卸搬运", "物流园")],
    WorkForm.SELF_EMPLOYED: [("流动摊贩", "夜市"), ("家电维修", "上门服务"), ("手工编织", "家中")],
    WorkForm.OTHER: [("网络直播带货", "家中"), ("自由撰稿", "家中")],
}
FORMS = [WorkForm.PLATFORM] * 4 + [WorkForm.PART_TIME] * 3 + [WorkForm.TEMPORARY] * 2 + [WorkForm.SELF_EMPLOYED] * 2 + [WorkForm.OTHER]  # fmt: skip
CONTRIBUTIONS = ["780.00", "864.00", "936.00", "1020.00", "1152.00"]


def seed(context) -> None:
    if FlexibleJob.objects.exists():
        return

    staff = Staff()
    jobs, checks = _ledger_registrations(context, staff)
    context.log(f"  {jobs} flexible employment registrations, {checks} checks")
    if context.scale.name != "large":
        _assistance_targets(context, staff)


def _checks(rng, job_id, region, registered_on, last_day, lapse: bool, first_check_id, author):
    """Checks every three months from the registration to ``last_day``; a lapsed registration
    misses those of the last five months."""
    rows, day = [], months_before(registered_on, -3)
    end = months_before(last_day, 5) if lapse else last_day
    while day <= end:
        rows.append({"id": first_check_id + len(rows), "job_id": job_id, "region_id": region,
                     "checked_on": day, "checked_by_id": author, "still_working": True,
                     "still_insured": True, "note": rng.choice(["电话核实", "上门核实", "平台接单记录核实"])})  # fmt: skip
        day = months_before(day + datetime.timedelta(days=rng.randint(-5, 5)), -3)
    return rows


def _row(rng, pk, person_id, region, started_on, registered_on, author, last_check):
    form = rng.choice(FORMS)
    work, place = rng.choice(WORK[form])
    insured = rng.random() < 0.6
    return {
        "id": pk, "person_id": person_id, "region_id": region, "form": form, "work": work, "place": place,
        "started_on": started_on, "monthly_income": rng.choice([None, 2800, 3500, 4200, 5000, 6500]),
        "insured": insured, "insured_since": registered_on if insured else None,
        "contribution": rng.choice(CONTRIBUTIONS) if insured else None,
        "registered_on": registered_on, "registered_by_id": author,
        "next_check_on": months_before(last_check, -3),
    }  # fmt: skip


def _ledger_registrations(context, staff) -> tuple[int, int]:
    first, first_check = next_id(FlexibleJob), next_id(Check)
    jobs, checks = [], []
    for prefix in context.scale.prefixes:
        people = (
            Person.objects.within(prefix).filter(status=LabourStatus.FLEXIBLE)
            .values_list("id", "region_id", "status_since").order_by("id")
        )  # fmt: skip
        for person_id, region, since in people.iterator(chunk_size=10_000):
            rng = context.rng("flexible", person_id)
            if rng.random() >= SHARE:
                continue
            author = staff.of("coordinator", region).pk
            registered_on = max(since, TODAY - datetime.timedelta(days=rng.randint(10, 700)))
            rows = _checks(rng, first + len(jobs), region, registered_on, TODAY, rng.random() < 0.1,
                           first_check + len(checks), author)  # fmt: skip
            last_check = rows[-1]["checked_on"] if rows else registered_on
            jobs.append(
                _row(
                    rng,
                    first + len(jobs),
                    person_id,
                    region,
                    since,
                    registered_on,
                    author,
                    last_check,
                )
            )
            checks += rows
    for start in range(0, len(jobs), 10_000):
        fast_insert(FlexibleJob, jobs[start : start + 10_000])
    for start in range(0, len(checks), 10_000):
        fast_insert(Check, checks[start : start + 10_000])
    reset_sequences(FlexibleJob, Check)
    return len(jobs), len(checks)


def _assistance_targets(context, staff) -> None:
    """A few identified hard-to-employ persons of each county, out of work, now flexibly
    employed: the ledger's status changes through its service; the first of each county has
    let its checks lapse. Then their offices prepare last month's subsidy claim."""
    offices = set()
    for prefix in context.scale.prefixes:
        for county in Region.objects.within(prefix).filter(level=Level.COUNTY).order_by("code"):
            cases = (
                Identification.objects.identified().within(county.prefix)
                .filter(person__status=LabourStatus.UNEMPLOYED, person__flexible_jobs__isnull=True)
                .order_by("pk").values_list("person_id", flat=True)[:TARGETS_PER_COUNTY]
            )  # fmt: skip
            for n, person in enumerate(Person.objects.filter(pk__in=list(cases)).order_by("pk")):
                rng = context.rng("flexible-target", person.pk)
                author = staff.of("coordinator", person.region_id)
                lapsed = n == 0
                started_on = max(
                    person.status_since, TODAY - datetime.timedelta(days=300 if lapsed else 150)
                )
                pk = next_id(FlexibleJob)
                rows = _checks(
                    rng, pk, person.region_id, started_on, TODAY, lapsed, next_id(Check), author.pk
                )
                last_check = rows[-1]["checked_on"] if rows else started_on
                job = _row(
                    rng,
                    pk,
                    person.pk,
                    person.region_id,
                    started_on,
                    started_on,
                    author.pk,
                    last_check,
                )
                job.update(
                    insured=True, insured_since=started_on, contribution=rng.choice(CONTRIBUTIONS)
                )
                fast_insert(FlexibleJob, [job])
                fast_insert(Check, rows)
                status_change(actor=author, person=person, status=LabourStatus.FLEXIBLE, since=started_on,
                              occupation=job["work"], note="灵活就业登记")  # fmt: skip
                if author.has_perm("subsidies.add_claim") and author.org_id:
                    offices.add(author.pk)
    reset_sequences(FlexibleJob, Check)
    last_month = months_before(TODAY.replace(day=1), 1)

    for author in User.objects.filter(pk__in=offices).order_by("pk"):
        claim_prepare(actor=author, kind=KIND, month=last_month)
    context.log(
        f"  flexible work of assistance targets; {len(offices)} subsidy claims of {last_month:%Y-%m}"
    )
