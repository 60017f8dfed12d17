import datetime

import pytest
from django.utils import timezone

from jiuye.training.tests.helpers import registered_unemployed

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_the_whole_training_through_the_api(approver, coordinator, sibling_approver, login, client):
    def post(api, url, data, status=201):
        response = api.post(url, data, content_type="application/json")
        assert response.status_code == status, response.content.decode()
        return response.json()

    county = login(approver)
    school = {"name": "接口培训学校", "credit_code": "52370102MJD1234570", "region": "370102000000",
              "address": "接口路", "contact_name": "赵", "contact_phone": "0531-2", "designated_from": "2024-01-01"}  # fmt: skip
    refused = post(county, "/api/v1/training/institutions/", school, status=400)
    assert "统一社会信用代码" in refused["credit_code"][0]
    school = post(
        county, "/api/v1/training/institutions/", {**school, "credit_code": "52370102MJD1234562"}
    )
    start = TODAY() + datetime.timedelta(days=2)
    lesson = post(county, "/api/v1/training/courses/", {
        "institution": school["id"], "kind": "startup", "title": "接口创业班", "starts_on": str(start),
        "ends_on": str(start + datetime.timedelta(days=10)), "hours": 40, "capacity": 1, "place": "接口教室",
    })  # fmt: skip
    assert lesson["region"] == "370102000000"
    person = registered_unemployed(coordinator, "接口参训")
    other = registered_unemployed(coordinator, "接口满额")
    community = login(coordinator)
    need = post(community, "/api/v1/training/needs/", {"person": person.pk, "kind": "startup"})
    assert need["state"] == "open"
    enrolment = post(
        community, "/api/v1/training/enrolments/", {"person": person.pk, "course": lesson["id"]}
    )
    assert enrolment["state"] == "referred" and enrolment["need"] == need["id"]
    full = post(
        community,
        "/api/v1/training/enrolments/",
        {"person": other.pk, "course": lesson["id"]},
        status=400,
    )
    assert "已推荐满额" in full["course"][0]
    url = f"/api/v1/training/enrolments/{enrolment['id']}/"
    post(community, url + "transitions/", {"transition": "attend"}, status=200)
    answer = post(community, url + "attendance/", {"attended_hours": 20}, status=200)
    assert answer["attended_hours"] == 20 and answer["attendance_rate"] == 50
    # the sibling county finds nothing to act on
    outsider = login(sibling_approver)
    for path in ("", "attendance/", "complete/", "certificate/"):
        method = outsider.get if not path else outsider.post
        assert method(url + path).status_code == 404, path
    assert outsider.get(f"/api/v1/training/courses/{lesson['id']}/").status_code == 404
    assert outsider.get(f"/api/v1/training/institutions/{school['id']}/").status_code == 404
    assert outsider.get(f"/api/v1/training/needs/{need['id']}/").status_code == 404
    early = post(login(coordinator), url + "complete/", {"completed_on": str(TODAY()), "attended_hours": 40},
                 status=400)  # fmt: skip
    assert "早于开班日期" in early["completed_on"][0]
