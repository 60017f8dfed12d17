import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from jiuye.assistance import services
from jiuye.assistance.models import Category, Identification
from jiuye.assistance.tests.test_households import evidence, zero_couple
from jiuye.assistance.tests.test_identification import identified
from jiuye.conftest import BACKEND, VILLAGE_A
from jiuye.registration.tests.test_registration import approved

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def api(user):
    client = APIClient()
    client.force_login(user, backend=BACKEND)
    return client


def test_the_api_takes_a_case_from_application_to_identification(coordinator, reviewer, approver):
    person = approved(coordinator, reviewer, approver).person
    client = api(coordinator)
    category = Category.objects.get(province="37", code="other")
    with time_machine.travel(TODAY() - datetime.timedelta(days=21), tick=False):
        created = client.post("/api/v1/identifications/", {"person": person.pk, "categories": [category.pk],
                                                           "origin": "discovery"}, format="json")  # fmt: skip
        assert created.status_code == 201, created.json()
        case = created.json()
        url = f"/api/v1/identifications/{case['id']}/"
        refused = client.post(url + "transitions/", {"transition": "first_approve"}, format="json")
        assert refused.status_code == 400 and {"investigation", "attachments"} <= set(
            refused.json()
        )
        stale = client.patch(
            url, {"investigation": "入户核实", "version": case["version"] + 5}, format="json"
        )
        assert stale.status_code == 400
        assert (
            client.patch(
                url, {"investigation": "入户核实", "version": case["version"]}, format="json"
            ).status_code
            == 200
        )
        upload = client.post(url + "attachments/", {"title": "证明", "category": category.pk,
                                                    "file": SimpleUploadedFile("a.pdf", b"%PDF")},
                             format="multipart")  # fmt: skip
        assert upload.status_code == 200
        assert (
            client.post(
                url + "transitions/", {"transition": "first_approve"}, format="json"
            ).json()["state"]
            == "notice"
        )
        held = client.post(
            url + "objections/", {"content": "有人反映其有收入"}, format="json"
        ).json()
        assert held["state"] == "on_hold"
        again = client.post(
            url + "objection-decision/", {"upheld": False, "outcome": "核实无收入"}, format="json"
        )
        assert again.json()["state"] == "notice"
    client = api(coordinator)  # a new session: the one of three weeks ago has expired
    assert (
        client.post(url + "transitions/", {"transition": "end_notice"}, format="json").status_code
        == 200
    )
    api(reviewer).post(url + "transitions/", {"transition": "report"}, format="json")
    answer = (
        api(approver).post(url + "transitions/", {"transition": "identify"}, format="json").json()
    )
    assert answer["state"] == "identified" and answer["card_number"].startswith("370102")

    cards = client.get("/api/v1/cards/").json()["results"]
    card = next(c for c in cards if c["number"] == answer["card_number"])
    assert card["valid"] is True and card["categories"] == category.name


def test_plans_measures_services_and_the_exit_through_the_api(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    client = api(coordinator)
    plan = client.post(
        "/api/v1/plans/", {"identification": case.pk, "goals": "半年内就业"}, format="json"
    )
    assert plan.status_code == 201, plan.json()
    plan = plan.json()
    updated = client.patch(f"/api/v1/plans/{plan['id']}/", {"agreement_signed_on": TODAY().isoformat(),
                                                           "version": plan["version"]}, format="json")  # fmt: skip
    assert updated.json()["agreement_signed_on"] == TODAY().isoformat()
    measure = client.post("/api/v1/measures/", {"plan": plan["id"], "kind": "job_referral", "description": "推荐岗位",
                                                "responsible": coordinator.pk,
                                                "due_on": TODAY().isoformat()}, format="json")  # fmt: skip
    assert measure.status_code == 201, measure.json()
    mine = client.get("/api/v1/measures/", {"mine": 1}).json()["results"]
    assert [m["description"] for m in mine] == ["推荐岗位"]
    done = client.post(f"/api/v1/measures/{measure.json()['id']}/done/", {"done_on": TODAY().isoformat(),
                                                                         "result": "已推荐"}, format="json")  # fmt: skip
    assert done.json()["done_on"] == TODAY().isoformat()
    service = client.post("/api/v1/services/", {"identification": case.pk, "kind": "home_visit",
                                                "on": TODAY().isoformat(), "content": "上门回访"}, format="json")  # fmt: skip
    assert service.status_code == 201 and service.json()["worker"] == coordinator.pk
    assert len(client.get("/api/v1/services/", {"identification": case.pk}).json()["results"]) == 1
    exited = client.post(f"/api/v1/identifications/{case.pk}/exit/", {"reason": "stable_employment",
                                                                     "on": TODAY().isoformat(),
                                                                     "comment": "已就业"}, format="json")  # fmt: skip
    assert (
        exited.json()["state"] == "exited" and exited.json()["exit_reason"] == "stable_employment"
    )

    verify = APIClient().get(f"/api/v1/cards/verify/{case.card.token}/")
    assert verify.status_code == 200 and verify.json() == {
        "valid": False,
        "categories": case.category_names,
    }


def test_zero_households_and_the_dashboard_through_the_api(
    coordinator, sibling_coordinator, reviewer, approver
):
    household, _people, case = zero_couple(coordinator)
    client = api(coordinator)
    rows = client.get("/api/v1/zero-households/", {"region": VILLAGE_A, "page_size": 1000}).json()[
        "results"
    ]
    row = next(r for r in rows if r["household"] == household.pk)
    assert row["head_name"] == "王户主" and row["state"] == "appeared" and row["days_open"] == 0
    url = f"/api/v1/zero-households/{row['id']}/"
    investigation = {"investigation": "入户核实", "version": row["version"]}
    assert (
        api(sibling_coordinator)
        .post(url + "investigation/", investigation, format="json")
        .status_code
        == 404
    )
    assert (
        client.post(url + "investigation/", investigation, format="json").json()["investigation"]
        == "入户核实"
    )
    refused = client.post(url + "transitions/", {"transition": "submit"}, format="json")
    assert refused.status_code == 400 and "attachments" in refused.json()
    services.household_attachment_add(
        actor=coordinator, case=case, title="收入证明", file=evidence()
    )
    assert (
        client.post(url + "transitions/", {"transition": "submit"}, format="json").json()["state"]
        == "township_review"
    )
    api(reviewer).post(url + "transitions/", {"transition": "report"}, format="json")
    assert (
        api(approver)
        .post(url + "transitions/", {"transition": "identify"}, format="json")
        .json()["state"]
        == "identified"
    )
    support = client.post(
        url + "support/", {"support_plan": "推荐岗位", "responsible": coordinator.pk}, format="json"
    )
    assert support.json()["state"] == "supported"

    board = api(approver).get("/api/v1/statistics/assistance/").json()
    assert board["region"] == "370102000000" and board["total"]["households"] >= 1
    assert {child["region"] for child in board["children"]} >= {"370102001000"}
    assert (
        api(approver).get("/api/v1/statistics/assistance/", {"region": "370103000000"}).status_code
        == 404
    )


def test_an_application_for_a_sibling_s_resident_is_refused(
    coordinator, sibling_coordinator, reviewer, approver
):
    person = approved(coordinator, reviewer, approver).person
    category = Category.objects.get(province="37", code="other")
    answer = api(sibling_coordinator).post("/api/v1/identifications/", {"person": person.pk, "categories": [category.pk]},
                                           format="json")  # fmt: skip
    assert answer.status_code == 400 and "person" in answer.json()
    assert not Identification.objects.filter(person=person).exists()


def test_a_worker_of_another_jurisdiction_is_refused_as_responsible_like_an_unknown_id(
    coordinator, sibling_coordinator, reviewer, approver
):
    """The answer does not tell which staff ids exist."""
    case = identified(coordinator, reviewer, approver)
    client = api(coordinator)
    plan = client.post("/api/v1/plans/", {"identification": case.pk, "goals": "半年内就业"},
                       format="json").json()  # fmt: skip
    answers = []
    for worker in (sibling_coordinator.pk, 999_999):
        refused = client.post("/api/v1/measures/", {"plan": plan["id"], "kind": "job_referral",
                                                    "description": "推荐岗位", "responsible": worker,
                                                    "due_on": TODAY().isoformat()}, format="json")  # fmt: skip
        assert refused.status_code == 400
        answers.append(refused.json())
    assert answers[0] == answers[1] == {"responsible": [str(services.NOT_A_CASE_WORKER)]}
