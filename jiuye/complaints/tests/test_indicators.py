import datetime

import pytest
import time_machine
from django.utils import timezone

from jiuye.complaints.services import complaint_answer, escalate_overdue
from jiuye.complaints.tests.helpers import record
from jiuye.conftest import COUNTY, TOWNSHIP, VILLAGE_A, VILLAGE_B
from jiuye.core import indicators
from jiuye.core.registry import registry
from jiuye.performance.models import Item, Scheme
from jiuye.regions.models import Region

pytestmark = pytest.mark.django_db


def test_the_on_time_rate_counts_answers_by_the_first_deadline_by_region(reviewer, approver):
    township = Region.objects.get(code=TOWNSHIP)
    codes = ["complaints_received", "complaints_on_time", "complaints_on_time_rate",
             "complaints_late"]  # fmt: skip
    wanted = [registry["indicators"][code] for code in codes]
    today = timezone.localdate()
    before = indicators.table(approver, township, wanted, today, today)
    on_time, late, _open = record(reviewer), record(reviewer), record(reviewer, VILLAGE_B)
    complaint_answer(actor=reviewer, complaint=on_time, answer="按时")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=40), tick=False):
        escalate_overdue()
        late.refresh_from_db()
        complaint_answer(actor=approver, complaint=late, answer="升级后答复")
    found = indicators.table(approver, township, wanted, today, today)
    row = {r.region.code: r.values for r in found.rows if r.region}
    before_a = {r.region.code: r.values for r in before.rows if r.region}[VILLAGE_A]
    assert row[VILLAGE_A]["complaints_received"] == before_a["complaints_received"] + 2
    assert row[VILLAGE_A]["complaints_on_time"] == before_a["complaints_on_time"] + 1
    assert row[VILLAGE_A]["complaints_late"] == before_a["complaints_late"] + 1
    assert found.total.values["complaints_on_time_rate"] is not None
    assert all(registry["indicators"][code].report == "performance" for code in codes)


def test_the_demo_schemes_score_the_on_time_rate_with_a_small_weight():
    items = Item.objects.filter(indicator="complaints_on_time_rate")
    assert items.exists()
    assert {item.weight for item in items} == {5}
    for scheme in Scheme.objects.filter(items__in=items).distinct():
        assert scheme.total_weight == 100


def test_the_escalation_goes_township_county_city_and_stops(reviewer):
    complaint = record(reviewer)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=40), tick=False):
        escalate_overdue()
    complaint.refresh_from_db()
    assert complaint.handler.region_id == COUNTY
    with time_machine.travel(timezone.now() + datetime.timedelta(days=80), tick=False):
        escalate_overdue()
    complaint.refresh_from_db()
    assert complaint.handler.region_id == "370100000000" and complaint.escalations == 2
    with time_machine.travel(timezone.now() + datetime.timedelta(days=120), tick=False):
        escalate_overdue()
    complaint.refresh_from_db()
    assert complaint.escalations == 2  # nothing above the city
    assert [e.transition for e in complaint.events.order_by("pk")] == [
        "create",
        "escalate",
        "escalate",
    ]


def test_the_demo_data_has_every_state():
    from jiuye.complaints.models import Complaint

    states = set(Complaint.objects.values_list("state", flat=True))
    assert states == {"received", "handling", "escalated", "answered", "closed"}
    assert Complaint.objects.filter(escalations__gt=0, state="closed").exists() is False
    assert Complaint.objects.filter(escalations__gt=0, state="answered").exists()
