"""Demo data of job introduction: employers in every county, open vacancies across the
province (about one per 50 residents), job seekers among the residents who are out of work
(about one per 10 residents where there are enough), and at the tiny and small scales a few
referrals of each outcome, with the job-introduction claims that follow from the hires."""

import datetime
import itertools

from django.db.models import Case, When
from stdnum.cn import uscc

from jiuye.core import workflow
from jiuye.core.seeding import fast_insert, next_id, reset_sequences
from jiuye.jobs import reference
from jiuye.jobs.choices import Availability
from jiuye.jobs.matching import vacancies_for
from jiuye.jobs.models import Employer, Industry, Occupation, Referral, Seeker, Vacancy
from jiuye.jobs.services import priority_flags, referral_create, referral_hire, referral_not_hired
from jiuye.jobs.subsidy import KIND
from jiuye.ledger.choices import EMPLOYED, Education, LabourStatus
from jiuye.ledger.models import Person, working_age_q
from jiuye.ledger.seeding import TODAY
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.codes import Level, code_of_prefix, prefix_of
from jiuye.regions.models import Region
from jiuye.staff.models import User
from jiuye.subsidies.models import Claim
from jiuye.subsidies.services import claim_prepare

EMPLOYER_WORDS = [
    "华信",
    "鲁新",
    "泰和",
    "金泉",
    "宏远",
    "恒通",
    "齐鲁",
    "海岱",
    "银河",
    "天成",
    "瑞丰",
    "佳禾",
]
EMPLOYER_KINDS = ["物业服务有限公司", "家政服务有限公司", "食品有限公司", "机械制造有限公司", "物流有限公司",
                  "商贸有限公司", "餐饮管理有限公司", "建筑工程有限公司", "电子科技有限公司", "纺织有限公司"]  # fmt: skip
REFERRING_TOWNSHIPS = 6
REFERRED_PER_TOWNSHIP = 4  # one of each outcome
# Who does not seek work: the employed (farmers aside: rural labour seeking non-farm work),
# students, retirees and those unable to work.
NOT_SEEKING = {*EMPLOYED, LabourStatus.STUDENT, LabourStatus.RETIRED, LabourStatus.UNABLE} - {
    LabourStatus.FARMING
}


def credit_code(county: str, n: int) -> str:
    """A well-formed unified social credit code of a company of ``county`` (91 = enterprise)."""
    body = f"91{county}{n:09d}"
    return body + uscc.calc_check_digit(body + "0")


def seed(context) -> None:
    reference.load(Occupation, Industry)  # a flushed test database lost the migration's rows
    if Employer.objects.exists():
        return
    occupations = list(Occupation.objects.filter(level=4).values_list("code", "name"))
    industries = list(Industry.objects.filter(section__isnull=False).values_list("code", flat=True))
    employers = _employers(context, industries)
    _vacancies(context, employers, occupations)
    _seekers(context, occupations)
    if context.scale.name != "large":
        _referrals(context)


def _employers(context, industries) -> dict[str, list[int]]:
    """Employers per township: about one per 200 residents, at least one per county."""
    first = next_id(Employer)
    rows, by_county = [], {}
    counties = Region.objects.none()
    for prefix in context.scale.prefixes:
        counties |= Region.objects.within(prefix).filter(level=Level.COUNTY)
    per_county = max(context.scale.residents // 200 // max(counties.count(), 1), 3)
    for county in counties.order_by("code"):
        townships = dict(
            Region.objects.within(county.prefix)
            .filter(level=Level.TOWNSHIP)
            .values_list("code", "name")
        )
        if not townships:
            continue
        for n in range(per_county):
            rng = context.rng("employer", county.code, n)
            region = rng.choice(sorted(townships))
            name = f"{county.name.rstrip('区县市')}{rng.choice(EMPLOYER_WORDS)}{rng.choice(EMPLOYER_KINDS)}"
            pk = first + len(rows)
            rows.append({
                "id": pk, "region_id": region, "credit_code": credit_code(county.prefix, pk),
                "name": f"{name}（{n + 1}）" if n >= len(EMPLOYER_WORDS) else name,
                "industry_id": rng.choice(industries), "address": f"{county.name}{townships[region]}{n + 1}号",
                "contact_name": "人事部", "contact_phone": f"0531-8{pk:07d}"[:13],
            })  # fmt: skip
            by_county.setdefault(county.code, []).append((pk, region))
    fast_insert(Employer, rows)
    reset_sequences(Employer)
    context.log(f"  {len(rows)} employers")
    return by_county


def _vacancies(context, employers, occupations) -> None:
    first = next_id(Vacancy)
    creator = (
        User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.order_by("pk").first()
    )
    count = context.scale.residents // 50
    counties = sorted(employers)
    rows = []
    for n in range(count):
        rng = context.rng("vacancy", n)
        employer, region = rng.choice(employers[counties[n % len(counties)]])
        low = rng.choice([2200, 2500, 2800, 3000, 3500, 4000, 4500, 5000, 6000])
        code, name = rng.choice(occupations)
        rows.append({
            "id": first + n, "employer_id": employer, "region_id": region, "title": name, "occupation_id": code, "posts": rng.randint(1, 10), "wage_min": low,
            "wage_max": low + rng.choice([500, 1000, 1500, 2000, 3000]),
            "education": rng.choice(["", "", Education.JUNIOR, Education.HIGH_SCHOOL, Education.COLLEGE, Education.BACHELOR]),
            "availability": rng.choice([Availability.FULL_TIME] * 4 + [Availability.PART_TIME]),
            "valid_until": TODAY + datetime.timedelta(days=rng.randint(60, 365)), "state": "open",
            "registered_on": TODAY - datetime.timedelta(days=rng.randint(0, 60)), "registered_by_id": creator.pk,
        })  # fmt: skip
    for start in range(0, len(rows), 10_000):
        fast_insert(Vacancy, rows[start : start + 10_000])
    reset_sequences(Vacancy)
    context.log(f"  {len(rows)} vacancies")


def _seekers(context, occupations) -> None:
    """Job seekers among the residents out of work and the farmers (one in ten residents at
    most), those out of work first."""
    wanted = context.scale.residents // 10
    first = next_id(Seeker)
    rows, wishes = [], []
    through = Seeker.occupations.through
    working_age = working_age_q(
        TODAY, **working_age_limits(code_of_prefix(context.scale.prefixes[0]), TODAY)
    )
    for prefix in context.scale.prefixes:
        people = (
            Person.objects.within(prefix).exclude(status__in=NOT_SEEKING).filter(working_age)
            .order_by(Case(When(status=LabourStatus.FARMING, then=1), default=0), "id")
            .values_list("id", "region_id")
        )  # fmt: skip
        for person_id, region_id in itertools.islice(
            people.iterator(chunk_size=5000), wanted - len(rows)
        ):
            rng = context.rng("seeker", person_id)
            pk = first + len(rows)
            codes = sorted({code for code, _name in rng.sample(occupations, rng.randint(1, 3))})
            rows.append({
                "id": pk, "person_id": person_id, "region_id": region_id, "wish_codes": f" {' '.join(codes)} ",
                "place_codes": f" {prefix_of(region_id, Level.COUNTY)} " if rng.random() < 0.3 else "",
                "wage_expected": rng.choice([None, 2500, 3000, 3500, 4000, 5000]),
                "availability": Availability.EITHER, "available_from": TODAY, "status": "active",
                "registered_on": TODAY - datetime.timedelta(days=rng.randint(0, 120)),
            })  # fmt: skip
            wishes += [{"seeker_id": pk, "occupation_id": code} for code in codes]
    for start in range(0, len(rows), 10_000):
        fast_insert(Seeker, rows[start : start + 10_000])
    next_through = next_id(through)
    fast_insert(
        through, [{"id": next_through + n, **row} for n, row in enumerate(wishes)], batch_size=5000
    )
    reset_sequences(Seeker, through)
    Seeker.objects.filter(pk__gte=first).update(**priority_flags())
    context.log(f"  {len(rows)} job seekers")


def _referrals(context) -> None:
    """In a few townships, referrals of a few seekers through the real workflow: one
    awaiting the answer, one interviewed, one not hired, one hired (with insurance), whose
    office's job-introduction claim of the month is then prepared (a draft)."""
    reviewers = User.objects.filter(roles__code="reviewer", is_active=True, org__isnull=False)
    for reviewer in reviewers.order_by("org__region_id")[:REFERRING_TOWNSHIPS]:
        seekers = (
            Seeker.objects.active().within(reviewer.jurisdiction_prefix).filter(referrals__isnull=True)
            .select_related("person").order_by("pk")[:REFERRED_PER_TOWNSHIP]
        )  # fmt: skip
        for n, seeker in enumerate(seekers):
            matches = vacancies_for(seeker, limit=1)
            if not matches:
                continue
            referral = referral_create(
                actor=reviewer, seeker=seeker, vacancy=matches[0].item, match_score=matches[0].score
            )
            if n == 1:
                workflow.fire(referral, "interview", actor=reviewer)
            elif n == 2:
                referral_not_hired(actor=reviewer, referral=referral, reason="employer_declined")
            elif n == 3:
                referral_hire(actor=reviewer, referral=referral, hired_on=referral.referred_on,
                              contract_months=12, social_insurance=True)  # fmt: skip
                claim_prepare(actor=reviewer, kind=KIND, month=referral.referred_on)
    context.log(
        f"  {Referral.objects.count()} referrals, {Claim.objects.count()} job-introduction claims"
    )
