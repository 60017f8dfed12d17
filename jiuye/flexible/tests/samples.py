"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

import datetime
from decimal import Decimal

import time_machine
from django.utils import timezone

from jiuye.flexible.choices import WorkForm
from jiuye.flexible.models import Check, FlexibleJob
from jiuye.flexible.services import check_record, flexible_register
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.services import person_create


def build(samples):
    """A resident of village A of its own (the shared sample person stays as the other lines
    of work need them), registered as flexibly employed some 200 days ago and checked once
    since, so that a check is due again (the "核实到期" list shows it)."""
    body = "37010219780915" + "431"
    person, _warnings = person_create(
        actor=samples.user, id_number=body + check_character(body), name="甲村灵活样本员",
        region=samples.region, status=LabourStatus.UNEMPLOYED, status_since=datetime.date(2025, 1, 5),
    )  # fmt: skip
    today = timezone.localdate()
    with time_machine.travel(today - datetime.timedelta(days=200), tick=False):
        job = flexible_register(
            actor=samples.user, person=person, form=WorkForm.PLATFORM, work="甲村样本外卖配送",
            place="历下区", started_on=timezone.localdate(), insured=True,
            insured_since=timezone.localdate(), contribution=Decimal("900.00"),
        )  # fmt: skip
    with time_machine.travel(today - datetime.timedelta(days=190), tick=False):
        check = check_record(actor=samples.user, job=job, checked_on=timezone.localdate(),
                             still_working=True, still_insured=True, note="甲村样本核实")  # fmt: skip
    return {FlexibleJob: (job, "甲村样本外卖配送"), Check: (check, "甲村样本核实")}, {}
