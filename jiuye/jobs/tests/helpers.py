"""Records the job-introduction tests build on: residents, employers, vacancies, seekers."""

import datetime
import itertools

from jiuye.conftest import VILLAGE_A
from jiuye.jobs import services
from jiuye.jobs.models import Industry, Occupation
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.regions.models import Region
from jiuye.registration.tests.helpers import register_unemployed
from jiuye.staff.models import User

_numbers = itertools.count(500)
SIBLING_VILLAGE = "370103002001"  # 纬一路社区 of 市中区, the sibling county


def region(code):
    return Region.objects.get(code=code)


def occupation(code):
    return Occupation.objects.get(code=code)


def resident(
    actor, name, *, region_code=VILLAGE_A, born="19900307", sex=1, household=False, **fields
):
    """A working-age resident, unemployed since 2025; alone in a new household if asked (and
    then registered as unemployed: a zero-employment household)."""
    serial = next(_numbers) * 2 + (sex == 1)  # odd: male, even: female
    body = f"{region_code[:6]}{born}{serial % 1000:03d}"
    person, _ = ledger.person_create(
        actor=actor, id_number=body + check_character(body), name=name, region=region(region_code),
        status=fields.pop("status", LabourStatus.UNEMPLOYED), status_since=datetime.date(2025, 3, 2), **fields,
    )  # fmt: skip
    if household:
        ledger.household_create(actor=actor, head=person, address=f"{name}家")
        if person.status == LabourStatus.UNEMPLOYED:  # registered: a zero-employment household
            register_unemployed(person, actor, on=person.status_since)
    return person


def employer(actor, name="历下样本物业有限公司", code="91370102MA3C4XKE6Q", region_code=VILLAGE_A):
    return services.employer_create(
        actor=actor, region=region(region_code), credit_code=code, name=name,
        industry=Industry.objects.get(code="80"), address="解放路1号", contact_name="王经理",
        contact_phone="0531-86000001",
    )  # fmt: skip


def vacancy(actor, employer, *, code="4-07-05-01", region_code=VILLAGE_A, **fields):
    values = {"title": "保安员", "posts": 2, "wage_min": 3000, "wage_max": 4000, **fields}
    return services.vacancy_create(
        actor=actor,
        employer=employer,
        region=region(region_code),
        occupation=occupation(code),
        **values,
    )


def seeker(actor, person, *codes, **fields):
    return services.seeker_register(
        actor=actor, person=person, occupations=[occupation(code) for code in codes or ["4-07-05-01"]],
        **fields,
    )  # fmt: skip


def user(username):
    return User.objects.get(username=username)
