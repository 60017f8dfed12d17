import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
PASSWORD = "jiuye-demo"


def token_client(username):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def test_a_token_is_issued_for_a_username_and_password():
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "approver-370102", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert set(response.json()) == {"token"} and len(response.json()["token"]) == 40


def test_wrong_credentials_get_a_json_error():
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "approver-370102", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


def test_missing_fields_get_a_json_error_per_field():
    response = APIClient().post("/api/v1/auth/token/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_without_a_token_the_api_answers_401():
    response = APIClient().get("/api/v1/regions/")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_bad_token_answers_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert client.get("/api/v1/regions/").status_code == 401


def test_a_region_of_the_sibling_county_is_404_for_the_county_approver():
    client = token_client("approver-370102")
    assert client.get("/api/v1/regions/370102000000/").status_code == 200
    response = client.get("/api/v1/regions/370103000000/")
    assert response.status_code == 404
    assert "管辖范围" in response.json()["detail"]


def test_a_malformed_region_code_in_the_url_is_404():
    client = token_client("approver-370102")
    assert client.get("/api/v1/regions/37010200000/").status_code == 404
    assert client.get("/api/v1/regions/abc/").status_code == 404


def test_children_of_a_region_are_listed_with_the_parent_filter():
    client = token_client("reviewer-370102001")
    body = client.get("/api/v1/regions/?parent=370102001000&page_size=1000").json()
    codes = [row["code"] for row in body["results"]]
    assert body["count"] == len(codes) == 5  # 解放路街道 has five communities
    assert "370102001002" in codes and all(
        code.startswith("370102001") and code != "370102001000" for code in codes
    )
    first = body["results"][0]
    assert set(first) >= {
        "code",
        "name",
        "level",
        "level_label",
        "kind",
        "kind_label",
        "parent",
        "is_urban",
    }


def test_a_parent_outside_the_jurisdiction_gives_an_empty_list():
    client = token_client("reviewer-370102001")
    body = client.get("/api/v1/regions/?parent=370103001000").json()
    assert body["count"] == 0


def test_a_malformed_parent_code_is_a_400_with_a_message():
    client = token_client("reviewer-370102001")
    response = client.get("/api/v1/regions/?parent=3701-02")
    assert response.status_code == 400
    assert "12位数字" in response.json()["parent"][0]


def test_a_coordinator_sees_only_their_community_in_the_api():
    client = token_client("coordinator-370102001002")
    assert [row["code"] for row in client.get("/api/v1/regions/").json()["results"]] == [
        "370102001002"
    ]
    orgs = client.get("/api/v1/organisations/").json()["results"]
    assert [org["region"] for org in orgs] == ["370102001002"]
    staff = client.get("/api/v1/staff/").json()["results"]
    assert [member["username"] for member in staff] == ["coordinator-370102001002"]
    assert staff[0]["roles"] == ["coordinator"] and staff[0]["certificates"]


def test_organisations_and_staff_are_scoped_and_filterable():
    client = token_client("approver-370102")
    orgs = client.get("/api/v1/organisations/?region=370102001000&page_size=1000").json()
    assert orgs["count"] > 1 and all(
        org["region"].startswith("370102001") for org in orgs["results"]
    )
    staff = client.get("/api/v1/staff/?role=reviewer&page_size=1000").json()
    assert staff["count"] == len(staff["results"]) > 0
    assert all(
        "reviewer" in member["roles"] and member["region"].startswith("370102")
        for member in staff["results"]
    )
    sibling = client.get("/api/v1/staff/?region=370103000000").json()
    assert sibling["count"] == 0


def test_the_openapi_schema_and_docs_need_a_login():
    assert APIClient().get("/api/schema/").status_code == 401
    client = token_client("approver-370102")
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/regions/{code}/" in paths and "/api/v1/auth/token/" in paths
    assert client.get("/api/docs/", HTTP_ACCEPT="text/html").status_code == 200


def test_the_docs_page_loads_nothing_from_outside():
    client = token_client("approver-370102")
    page = client.get("/api/docs/", HTTP_ACCEPT="text/html").content.decode()
    assert "http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page
