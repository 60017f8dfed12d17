"""A resident due a visit in three lines of work: a registered unemployed person never
contacted since registering (2025), alone in a zero-employment household, an assistance
target with a plan measure due today."""

import datetime

from django.utils import timezone

from jiuye.assistance.services import measure_add, plan_create
from jiuye.flexible.tests.helpers import identify
from jiuye.jobs.tests.helpers import resident


def due_resident(actor, name, **fields):
    person = resident(actor, name, household=True, address=f"{name}路3号", **fields)
    case = identify(person, timezone.localdate() - datetime.timedelta(days=10))
    plan = plan_create(actor=actor, identification=case, goals="走访测试目标")
    measure = measure_add(actor=actor, plan=plan, kind="home_visit", description=f"{name}上门了解求职意向",
                          responsible=actor, due_on=timezone.localdate())  # fmt: skip
    return person, measure
