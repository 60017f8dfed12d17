"""Records the training tests build on: a designated institution, its courses, registered
unemployed residents and their referrals."""

import datetime
import itertools

from stdnum.cn import uscc

from jiuye.conftest import VILLAGE_A
from jiuye.core import workflow
from jiuye.jobs.models import Occupation
from jiuye.jobs.tests.helpers import resident, user
from jiuye.regions.models import Region
from jiuye.registration.choices import RegistrationKind
from jiuye.registration.services import registration_apply
from jiuye.training import services
from jiuye.training.choices import CourseKind

_codes = itertools.count(1)


def credit_code(county="370102") -> str:
    """A well-formed unified social credit code (52: a private non-enterprise unit)."""
    body = f"52{county}MK{next(_codes):07d}"
    return body + uscc.calc_check_digit(body + "0")


def institution(approver, *, region_code="370102000000", since=None, **fields):
    values = {
        "name": f"历下第{next(_codes)}职业培训学校", "address": "历下区经十路1号",
        "contact_name": "李校长", "contact_phone": "0531-86001234",
        "designated_from": since or datetime.date(2020, 1, 1), **fields,
    }  # fmt: skip
    return services.institution_create(
        actor=approver, region=Region.objects.get(code=region_code), credit_code=credit_code(),
        **values,
    )  # fmt: skip


def course(approver, school, *, starts_on, days=30, kind=CourseKind.VOCATIONAL, **fields):
    values = {
        "title": "保安员培训班" if kind == CourseKind.VOCATIONAL else "SYB创业培训班",
        "hours": 100, "capacity": 20, "place": "学校2号教室",
        "occupation": Occupation.objects.get(code="4-07-05-01") if kind == CourseKind.VOCATIONAL else None,
        **fields,
    }  # fmt: skip
    return services.course_create(actor=approver, institution=school, kind=kind,
                                  starts_on=starts_on, ends_on=starts_on + datetime.timedelta(days=days),
                                  **values)  # fmt: skip


def registered_unemployed(coordinator, name, *, region_code=VILLAGE_A):
    """A working-age resident whose unemployment registration the county approved."""
    person = resident(coordinator, name, region_code=region_code)
    registration = registration_apply(actor=coordinator, person=person, kind=RegistrationKind.UNEMPLOYMENT,
                                      unemployed_since=person.status_since, cause="resigned")  # fmt: skip
    township = region_code[:9]
    for transition, actor in (
        ("first_approve", coordinator),
        ("report", user(f"reviewer-{township}")),
        ("approve", user(f"approver-{region_code[:6]}")),
    ):
        workflow.fire(registration, transition, actor=actor)
    return person
