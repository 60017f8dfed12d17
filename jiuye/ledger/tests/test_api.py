import pytest
from rest_framework.test import APIClient

from jiuye.conftest import BACKEND, VILLAGE_A
from jiuye.core.models import AccessLog
from jiuye.ledger.identity import check_character
from jiuye.ledger.models import Person

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_login(user, backend=BACKEND)
    return client


def test_lists_are_masked_and_a_detail_is_full_for_a_coordinator_and_logged(coordinator):
    client = api(coordinator)
    row = client.get("/api/v1/persons/").json()["results"][0]
    assert "*" in row["id_number"]
    person = Person.objects.get(pk=row["id"])
    detail = client.get(f"/api/v1/persons/{person.pk}/").json()
    assert detail["id_number"] == person.id_number
    assert AccessLog.objects.filter(object_id=person.pk, purpose="API").exists()


def test_an_inspector_reads_the_detail_masked(inspector):
    client = api(inspector)
    row = client.get("/api/v1/persons/").json()["results"][0]
    assert "*" in client.get(f"/api/v1/persons/{row['id']}/").json()["id_number"]


def test_a_person_is_created_and_changes_status_through_the_api(coordinator):
    client = api(coordinator)
    body = "37010219930303123"
    response = client.post(
        "/api/v1/persons/",
        {
            "name": "接口人",
            "id_number": body + check_character(body),
            "region": VILLAGE_A,
            "ethnicity": "01",
            "status": "unemployed",
            "status_since": "2026-01-05",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = client.post(
        f"/api/v1/persons/{pk}/statuses/",
        {
            "status": "employed_unit",
            "since": "2026-04-01",
            "employer": "某公司",
        },
        format="json",
    )
    assert response.status_code == 200
    assert [r["status"] for r in response.json()] == ["unemployed", "employed_unit"]


def test_bad_input_gets_field_errors(coordinator):
    body = "37010219930303123"
    wrong = body + ("1" if check_character(body) != "1" else "2")
    response = api(coordinator).post(
        "/api/v1/persons/",
        {
            "name": "坏号",
            "id_number": wrong,
            "region": VILLAGE_A,
            "ethnicity": "01",
            "status": "unemployed",
            "status_since": "2026-01-05",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "校验位" in response.json()["id_number"][0]
