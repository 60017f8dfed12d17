import datetime

import pytest
from django.utils import timezone

from jiuye.flexible.tests.helpers import identify
from jiuye.jobs.tests.helpers import resident
from jiuye.ledger.models import Person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_the_whole_flexible_registration_through_the_api(
    coordinator, sibling_approver, sibling_coordinator, login
):
    person = resident(coordinator, "接口灵活甲")
    identify(person, TODAY())
    api = login(coordinator)

    def call(method, url, data=None, status=200):
        response = getattr(api, method)(url, data, content_type="application/json")
        assert response.status_code == status, response.content.decode()
        return response.json()

    data = {"person": person.pk, "form": "platform", "work": "外卖配送", "place": "历下区",
            "started_on": TODAY().isoformat(), "insured": True, "insured_since": TODAY().isoformat()}  # fmt: skip
    refused = call("post", "/api/v1/flexible-jobs/", data, status=400)
    assert "缴费金额" in refused["contribution"][0]
    job = call("post", "/api/v1/flexible-jobs/", {**data, "contribution": "900"}, status=201)
    assert job["next_check_on"] and Person.objects.get(pk=person.pk).status == "flexible"
    assert "已有未终止" in str(
        call("post", "/api/v1/flexible-jobs/", {**data, "contribution": "900"}, status=400)
    )
    url = f"/api/v1/flexible-jobs/{job['id']}/"
    assert "version" in call("patch", url, {"work": "跑腿"}, status=400)
    job = call("patch", url, {"work": "跑腿", "version": job["version"]})
    assert job["work"] == "跑腿"

    check = call("post", url + "checks/", {"checked_on": TODAY().isoformat(), "still_working": True,
                                           "still_insured": True, "note": "上门核实"}, status=201)  # fmt: skip
    assert check["checked_by"] == coordinator.pk
    assert [row["note"] for row in call("get", url + "checks/")] == ["上门核实"]
    months = call("get", url + "months/")
    assert (
        months[0]["period"] == f"{TODAY():%Y-%m}"
        and months[0]["granted"]
        and months[0]["amount"] == "600.00"
    )

    listed = call("get", "/api/v1/flexible-jobs/?q=接口灵活甲")
    assert [row["id"] for row in listed["results"]] == [job["id"]]

    # another county, and the sibling village: 404, and nothing in their lists
    for other in (sibling_approver, sibling_coordinator):
        other_api = login(other)
        assert other_api.get(url).status_code == 404
        assert other_api.get(url + "checks/").status_code == 404
        assert other_api.get(url + "months/").status_code == 404
        assert other_api.post(url + "end/", {"ended_on": TODAY().isoformat(), "reason": "stopped", "version": 1},
                              content_type="application/json").status_code == 404  # fmt: skip
        assert job["id"] not in [
            row["id"] for row in other_api.get("/api/v1/flexible-jobs/").json()["results"]
        ]
    api = login(coordinator)

    job = call("get", url)
    ended = call("post", url + "end/", {"ended_on": TODAY().isoformat(), "reason": "stopped",
                                        "version": job["version"]})  # fmt: skip
    assert (
        ended["ended_on"] == TODAY().isoformat()
        and Person.objects.get(pk=person.pk).status == "unemployed"
    )


def test_the_api_refuses_insurance_dates_before_the_job_or_after_today_at_their_fields(
    coordinator, login
):
    person = resident(coordinator, "接口灵活乙")
    api = login(coordinator)
    yesterday, tomorrow = TODAY() - datetime.timedelta(days=1), TODAY() + datetime.timedelta(days=1)
    data = {"person": person.pk, "form": "platform", "work": "外卖配送", "place": "历下区",
            "started_on": TODAY().isoformat(), "insured": True, "contribution": "900",
            "insured_since": yesterday.isoformat()}  # fmt: skip
    refused = api.post("/api/v1/flexible-jobs/", data, content_type="application/json")
    assert refused.status_code == 400
    assert "不能早于灵活就业的开始日期" in refused.json()["insured_since"][0]
    job = api.post("/api/v1/flexible-jobs/", {**data, "insured_since": TODAY().isoformat()},
                   content_type="application/json").json()  # fmt: skip
    refused = api.patch(f"/api/v1/flexible-jobs/{job['id']}/",
                        {"insured_until": tomorrow.isoformat(), "version": job["version"]},
                        content_type="application/json")  # fmt: skip
    assert refused.status_code == 400
    assert "停止缴费日期不能晚于今天" in refused.json()["insured_until"][0]
