from django.utils import timezone

from jiuye.assessment.choices import Grade
from jiuye.assessment.models import Assessment, Round
from jiuye.conftest import COUNTY, SIBLING_COUNTY


def test_the_demo_has_a_round_in_every_state_and_a_flagged_worker(db):
    year = timezone.localdate().year
    states = dict(Round.objects.values_list("region_id", "year").annotate().values_list("year", "state")
                  .filter(region_id=COUNTY))  # fmt: skip
    assert states == {year - 2: "closed", year - 1: "closed", year: "scoring"}
    assert Round.objects.get(region_id=SIBLING_COUNTY, year=year - 1).state == "grading"
    flagged = Assessment.objects.get(flagged=True)
    assert flagged.round.region_id == COUNTY and flagged.round.year == year - 1
    assert (
        Assessment.objects.get(worker=flagged.worker, round__year=year - 2).grade
        == Grade.INCOMPETENT
    )
