"""Records the public-welfare post tests build on."""

import datetime
import itertools

from jiuye.assistance.models import Category, Identification
from jiuye.conftest import COUNTY, VILLAGE_A
from jiuye.core.models import PolicyParameter
from jiuye.jobs.tests.helpers import region
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.posts import services

_numbers = itertools.count(720)


def resident(actor, name, *, region_code=VILLAGE_A, born="19900307", sex=1,
             status_since=datetime.date(2025, 3, 2)):  # fmt: skip
    """A working-age resident, unemployed since ``status_since``."""
    serial = next(_numbers) * 2 + (sex == 1)  # odd: male, even: female
    body = f"{region_code[:6]}{born}{serial % 1000:03d}"
    person, _ = ledger.person_create(
        actor=actor, id_number=body + check_character(body), name=name, region=region(region_code),
        status=LabourStatus.UNEMPLOYED, status_since=status_since,
    )  # fmt: skip
    return person


def identified(actor, name, **fields):
    """A resident identified as hard to employ (an assistance target)."""
    person = resident(actor, name, **fields)
    case = Identification.objects.create(
        person=person, region_id=person.region_id, state="identified", origin="application",
        applied_on=datetime.date(2025, 6, 1),
    )  # fmt: skip
    case.categories.add(Category.objects.get(province="37", code="long_term"))
    return person


def override(key, value, region_code=COUNTY):
    """The county sets its own value of a policy parameter."""
    PolicyParameter.objects.create(key=key, value=str(value), region_id=region_code,
                                   effective_from=datetime.date(2020, 1, 1), source="区人社局文件")  # fmt: skip


def post(actor, *, region_code=VILLAGE_A, posts=3, starts_on=datetime.date(2026, 1, 1),
         ends_on=datetime.date(2028, 12, 31), **fields):  # fmt: skip
    values = {
        "unit_name": "解放桥社区居委会",
        "title": "社区保洁员",
        "duties": "公共区域保洁",
        **fields,
    }
    return services.post_create(actor=actor, region=region(region_code), posts=posts,
                                starts_on=starts_on, ends_on=ends_on, **values)  # fmt: skip
