import pytest
from django.urls import reverse

from jiuye.complaints.models import Complaint
from jiuye.complaints.tests.helpers import record
from jiuye.conftest import SIBLING_COUNTY, VILLAGE_A

pytestmark = pytest.mark.django_db


def test_the_street_records_and_handles_a_complaint_through_the_api(reviewer, login):
    api = login(reviewer)
    created = api.post(reverse("complaint-list"), {
        "channel": "window", "about": "worker", "region": VILLAGE_A, "worker_name": "某协管员",
        "name": "接口投诉人", "phone": "13700001111", "content": "接口投诉内容",
    }, content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["state"] == "received" and len(created.json()["receipt"]) == 12
    api.post(reverse("complaint-transitions", args=[pk]), {"transition": "handle"},
             content_type="application/json")  # fmt: skip
    noted = api.post(reverse("complaint-notes", args=[pk]), {"text": "接口办理记录"},
                     content_type="application/json")  # fmt: skip
    assert noted.status_code == 200 and noted.json()["notes"][0]["text"] == "接口办理记录"
    answered = api.post(reverse("complaint-answer", args=[pk]), {"answer": "接口答复"},
                        content_type="application/json")  # fmt: skip
    assert answered.json()["state"] == "answered"
    closed = api.post(reverse("complaint-close", args=[pk]), {"satisfaction": "basic"},
                      content_type="application/json")  # fmt: skip
    assert closed.json()["state"] == "closed"
    assert Complaint.objects.get(pk=pk).satisfaction == "basic"


def test_the_api_refuses_a_region_outside_the_jurisdiction_and_online_as_a_channel(reviewer, login):
    api = login(reviewer)
    body = {"channel": "window", "about": "office", "region": SIBLING_COUNTY, "name": "某人",
            "phone": "13700001111", "content": "内容"}  # fmt: skip
    assert (
        api.post(reverse("complaint-list"), body, content_type="application/json").status_code
        == 400
    )
    body.update(region=VILLAGE_A, channel="online")
    assert (
        api.post(reverse("complaint-list"), body, content_type="application/json").status_code
        == 400
    )


def test_a_sibling_county_gets_404_and_the_county_may_not_answer_the_streets(
    reviewer, approver, sibling_approver, login
):
    complaint = record(reviewer)
    url = reverse("complaint-answer", args=[complaint.pk])
    assert (
        login(sibling_approver).get(reverse("complaint-detail", args=[complaint.pk])).status_code
        == 404
    )
    assert (
        login(sibling_approver)
        .post(url, {"answer": "x"}, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        login(approver).post(url, {"answer": "x"}, content_type="application/json").status_code
        == 403
    )
