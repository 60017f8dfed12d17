import pytest
from django.utils import timezone

from jiuye.assessment.models import Round
from jiuye.conftest import COUNTY
from jiuye.core.registry import registry

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assessment/"


@pytest.fixture
def current():
    return Round.objects.get(region_id=COUNTY, year=timezone.localdate().year)


def test_assessments_through_the_api_scoped_and_scored(
    current, coordinator, reviewer, approver, sibling_approver, login, django_assert_max_num_queries
):
    mine = current.assessments.get(worker=coordinator)
    browser = login(approver)
    with django_assert_max_num_queries(12):
        listed = browser.get(f"{BASE}assessments/?round={current.pk}&page_size=100").json()
    assert listed["count"] == current.assessments.count()
    assert (
        login(sibling_approver).get(f"{BASE}assessments/?round={current.pk}").json()["count"] == 0
    )
    assert login(sibling_approver).get(f"{BASE}assessments/{mine.pk}/").status_code == 404
    assert login(sibling_approver).get(f"{BASE}rounds/{current.pk}/").status_code == 404

    url = f"{BASE}assessments/{mine.pk}/"
    answer = login(reviewer).post(url + "score/", {"level": "township", "de": "91", "xiao": "87"},
                                  content_type="application/json")  # fmt: skip
    assert answer.status_code == 200, answer.content
    assert {"level": "township", "de": "91.0"}.items() <= answer.json()["scores"][0].items() or any(
        score["level"] == "township" for score in answer.json()["scores"]
    )
    refused = login(reviewer).post(url + "score/", {"level": "county", "de": "91", "xiao": "87"},
                                   content_type="application/json")  # fmt: skip
    assert refused.status_code == 400
    assert (
        login(coordinator)
        .post(url + "self/", {"text": "接口自评"}, content_type="application/json")
        .json()["self_text"]
        == "接口自评"
    )
    shared = current.assessments.filter(
        worker__position__targets__target__year=current.year
    ).first()
    source = login(approver).get(f"{BASE}assessments/{shared.pk}/").json()["ji_sources"]["shares"]
    assert source and {share["work"] for share in source} <= set(registry["work"])
    moved = login(approver).post(f"{BASE}rounds/{current.pk}/transitions/", {"transition": "grade"},
                         content_type="application/json")  # fmt: skip
    assert moved.status_code == 400  # scores missing
