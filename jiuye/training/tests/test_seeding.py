import pytest

from jiuye.core.models import WorkflowEvent
from jiuye.core.seeding import SCALES
from jiuye.subsidies.models import ClaimLine
from jiuye.training.models import Course, Enrolment, Institution, Need
from jiuye.training.selectors import course_employment

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_institutions_per_county_and_trainees_in_every_state():
    for prefix in SCALES["tiny"].prefixes:
        assert Institution.objects.within(prefix).count() == 2
        assert Course.objects.within(prefix).count() == 8
    states = set(Enrolment.objects.values_list("state", flat=True))
    assert states == {"referred", "attending", "completed", "dropped"}
    assert Enrolment.objects.filter(state="completed").exclude(certificate_number="").exists()
    assert Enrolment.objects.filter(appraisal_result="passed").exclude(appraisal_level="").exists()
    assert set(Need.objects.values_list("state", flat=True)) == {"open", "met"}
    enrolment = Enrolment.objects.filter(state="completed").first()
    assert [event.transition for event in enrolment.events] == ["create", "attend", "complete"]
    assert WorkflowEvent.objects.filter(transition="drop").exists()


def test_the_demo_has_training_claims_and_employment_after_training():
    assert ClaimLine.objects.filter(kind="training_vocational").exists()
    assert ClaimLine.objects.filter(kind="training_startup").exists()
    employed = [
        row["employed"]
        for lesson in Course.objects.filter(enrolments__state="completed").distinct()
        for row in course_employment(lesson)
    ]
    assert sum(employed) > 0
