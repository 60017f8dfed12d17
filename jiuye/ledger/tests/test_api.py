import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from jiuye.conftest import BACKEND, VILLAGE_A, VILLAGE_B
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


def test_the_masked_list_does_not_give_the_birth_date_that_would_unmask_the_number(inspector):
    row = api(inspector).get("/api/v1/persons/").json()["results"][0]
    assert row["birth_date"] is None and isinstance(row["age"], int)


def test_an_update_needs_the_version_it_was_read_at(coordinator):
    client = api(coordinator)
    person = Person.objects.visible_to(coordinator).first()
    response = client.patch(f"/api/v1/persons/{person.pk}/", {"address": "新地址"}, format="json")
    assert response.status_code == 400 and "version" in response.json()
    response = client.patch(
        f"/api/v1/persons/{person.pk}/",
        {"address": "新地址", "version": person.version},
        format="json",
    )
    assert response.status_code == 200
    response = client.patch(
        f"/api/v1/persons/{person.pk}/",
        {"address": "再改", "version": person.version},
        format="json",
    )
    assert response.status_code == 400 and "已被他人修改" in str(response.json())


def test_a_status_change_with_an_unknown_transfer_destination_is_refused(coordinator):
    person = Person.objects.visible_to(coordinator).first()
    response = api(coordinator).post(
        f"/api/v1/persons/{person.pk}/statuses/",
        {
            "status": "transferred",
            "since": "2026-11-01",
            "employer": "北京市",
            "transfer_destination": "moon",
        },
        format="json",
    )
    assert response.status_code == 400 and "transfer_destination" in response.json()


def test_the_status_of_a_person_on_a_date_and_the_count_of_a_region_on_a_date(
    coordinator, sibling_approver
):
    person = Person.objects.visible_to(coordinator).filter(status="unemployed").first()
    client = api(coordinator)
    record = client.get(
        f"/api/v1/persons/{person.pk}/status-on/", {"date": person.status_since.isoformat()}
    ).json()
    assert record["record"]["status"] == "unemployed"
    before = client.get(f"/api/v1/persons/{person.pk}/status-on/", {"date": "1900-01-01"}).json()
    assert before == {"date": "1900-01-01", "record": None}
    count = client.get(
        "/api/v1/statistics/status-count/", {"region": VILLAGE_A, "date": "2026-11-01"}
    ).json()
    assert count["count"] >= 1 and count["status"] == "unemployed"
    assert (
        api(sibling_approver)
        .get("/api/v1/statistics/status-count/", {"region": VILLAGE_A, "date": "2026-11-01"})
        .status_code
        == 404
    )
    assert (
        client.get("/api/v1/statistics/status-count/", {"region": "12", "date": "x"}).status_code
        == 400
    )


def test_api_lists_run_a_fixed_number_of_queries(coordinator, reviewer, django_assert_num_queries):
    client = api(reviewer)
    client.get("/api/v1/persons/")
    with django_assert_num_queries(9):
        assert len(client.get("/api/v1/persons/", {"page_size": 5}).json()["results"]) == 5
    with django_assert_num_queries(9):
        assert len(client.get("/api/v1/persons/", {"page_size": 60}).json()["results"]) == 60


def test_a_number_of_another_jurisdiction_gets_the_forms_answer_not_the_frameworks(
    coordinator, sibling_coordinator, login
):
    """Not the framework's unique-field message: the app's own, which names nobody."""
    body = "37010219930303123"
    api(sibling_coordinator).post("/api/v1/persons/", {
        "name": "外辖区人", "id_number": body + check_character(body), "region": VILLAGE_B,
        "ethnicity": "01", "status": "unemployed", "status_since": "2026-01-05",
    }, format="json")  # fmt: skip
    data = {"name": "接口人", "id_number": body + check_character(body), "region": VILLAGE_A,
            "ethnicity": "01", "status": "unemployed", "status_since": "2026-01-05"}  # fmt: skip
    refused = api(coordinator).post("/api/v1/persons/", data, format="json")
    form = login(coordinator).post(reverse("ledger:add"), data)
    assert refused.status_code == 400 and form.status_code == 200
    answer = refused.json()["id_number"]
    assert answer == form.context["form"].errors["id_number"]
    assert "其他辖区" in answer[0] and "外辖区人" not in answer[0]
