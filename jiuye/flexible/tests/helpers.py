"""Records the flexible-employment tests build on."""

import datetime
from decimal import Decimal

from jiuye.assistance.models import Category, Identification
from jiuye.flexible import services
from jiuye.flexible.choices import WorkForm


def identify(person, on: datetime.date):
    """Make ``person`` an identified hard-to-employ person (an assistance target) from ``on``."""
    case = Identification.objects.create(
        person=person, region_id=person.region_id,
        state="identified", origin="application", applied_on=on, identified_on=on,
    )  # fmt: skip
    case.categories.add(Category.objects.get(province="37", code="long_term"))
    return case


def register(actor, person, *, started_on, contribution="900", insured=True, **fields):
    values = {"form": WorkForm.PLATFORM, "work": "外卖配送", "place": "历下区", **fields}
    return services.flexible_register(
        actor=actor, person=person, started_on=started_on, insured=insured,
        insured_since=started_on if insured else None,
        contribution=Decimal(contribution) if insured else None, **values,
    )  # fmt: skip
