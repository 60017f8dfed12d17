import pytest
from django.urls import reverse
from django.utils import timezone

from jiuye.conftest import VILLAGE_A, VILLAGE_B
from jiuye.jobs.tests.helpers import employer, resident
from jiuye.ledger.models import Person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_the_whole_job_introduction_through_the_api(coordinator, approver, finance, login):
    api = login(coordinator)
    person = resident(coordinator, "接口求职者")

    def post(url, data, status=201):
        response = api.post(url, data, content_type="application/json")
        assert response.status_code == status, response.content.decode()
        return response.json()

    company = {"credit_code": "91370102MA3C4XKE6X", "name": "接口公司", "industry": "80", "region": VILLAGE_A,
               "address": "接口路1号", "contact_name": "张", "contact_phone": "0531-86000002"}  # fmt: skip
    refused = post("/api/v1/employers/", company, status=400)
    assert "统一社会信用代码" in refused["credit_code"][0]
    company = post("/api/v1/employers/", {**company, "credit_code": "91370102MA3C4XKE6Q"})
    vacancy = post("/api/v1/vacancies/", {
        "employer": company["id"], "title": "接口保安", "occupation": "4-07-05-01", "posts": 1,
        "wage_min": "3000", "wage_max": "4000", "region": VILLAGE_A,
    })  # fmt: skip
    assert vacancy["status"] == "open" and vacancy["valid_until"]
    seeker = post(
        "/api/v1/seekers/",
        {"person": person.pk, "occupations": ["4-07-05-01"], "wage_expected": "3500"},
    )

    matches = api.get(f"/api/v1/seekers/{seeker['id']}/matches/").json()
    top = next(match for match in matches if match["vacancy"]["id"] == vacancy["id"])
    assert top["score"] == 90 and top["reasons"][0] == {
        "points": 40,
        "reason": "职业相同：4-07-05-01 保安员",
    }
    ranked = api.get(f"/api/v1/vacancies/{vacancy['id']}/matches/").json()
    assert any(row["seeker"] == seeker["id"] and row["score"] == 90 for row in ranked)

    referral = post("/api/v1/referrals/", {"seeker": seeker["id"], "vacancy": vacancy["id"]})
    assert referral["state"] == "referred" and referral["number"].startswith("JS")
    assert "不能重复推荐" in str(
        post("/api/v1/referrals/", {"seeker": seeker["id"], "vacancy": vacancy["id"]}, 400)
    )
    hired = post(f"/api/v1/referrals/{referral['id']}/hire/",
                 {"hired_on": TODAY().isoformat(), "contract_months": 12, "social_insurance": True}, status=200)  # fmt: skip
    assert hired["state"] == "hired"
    assert Person.objects.get(pk=person.pk).status == "employed_unit"
    assert api.get(f"/api/v1/vacancies/{vacancy['id']}/").json()["status"] == "filled"

    claim = post(
        "/api/v1/claims/prepare/", {"kind": "job_introduction", "month": TODAY().isoformat()}
    )
    assert (
        claim["count"] == 1
        and claim["total"] == "200.00"
        and claim["lines"][0]["person"] == person.pk
    )
    post(f"/api/v1/claims/{claim['id']}/transitions/", {"transition": "submit"}, status=200)
    api = login(approver)
    post(f"/api/v1/claims/{claim['id']}/transitions/", {"transition": "hr_approve"}, status=200)
    assert "不能执行" in str(post(f"/api/v1/claims/{claim['id']}/transitions/",
                                  {"transition": "finance_approve"}, status=403))  # fmt: skip
    api = login(finance)
    done = post(
        f"/api/v1/claims/{claim['id']}/transitions/", {"transition": "finance_approve"}, status=200
    )
    assert done["state"] == "approved"


def test_the_reference_data_and_the_public_endpoint(client, coordinator, login):
    assert client.get("/api/v1/public/vacancies/").status_code == 200  # no login
    assert client.get("/api/v1/occupations/").status_code == 401
    api = login(coordinator)
    small = api.get("/api/v1/occupations/", {"level": 3, "page_size": 1000}).json()
    assert small["count"] == 450
    assert api.get("/api/v1/occupations/?level=1").json()["count"] == 8
    assert api.get("/api/v1/occupations/?level=2").json()["count"] == 79
    industries = api.get("/api/v1/industries/").json()
    assert (
        len([row for row in industries if row["section"] is None]) == 20 and len(industries) == 117
    )


def test_seekers_change_their_wishes_and_are_registered_once(coordinator, login):
    api = login(coordinator)
    person = resident(coordinator, "接口改意向")
    seeker = api.post("/api/v1/seekers/", {"person": person.pk, "occupations": ["4-07-05-01"]},
                      content_type="application/json").json()  # fmt: skip
    again = api.post("/api/v1/seekers/", {"person": person.pk, "occupations": ["4-07-05-01"]},
                     content_type="application/json")  # fmt: skip
    assert again.status_code == 400 and "已有有效的求职登记" in again.json()["person"][0]
    changed = api.patch(f"/api/v1/seekers/{seeker['id']}/", {"places": ["370103000000"], "version": seeker["version"]},
                        content_type="application/json")  # fmt: skip
    assert changed.status_code == 200 and changed.json()["places"] == ["370103000000"]
    assert changed.json()["occupations"] == ["4-07-05-01"]
    negative = api.patch(f"/api/v1/seekers/{seeker['id']}/", {"wage_expected": "-1", "version": changed.json()["version"]},
                         content_type="application/json")  # fmt: skip
    assert negative.status_code == 400


def test_a_credit_code_of_another_jurisdiction_gets_the_forms_answer_not_the_frameworks(
    coordinator, sibling_coordinator, login
):
    held = employer(sibling_coordinator, name="外辖区物业公司", region_code=VILLAGE_B)
    company = {"credit_code": held.credit_code, "name": "接口公司", "industry": "80", "region": VILLAGE_A,
               "address": "接口路1号", "contact_name": "张", "contact_phone": "0531-86000002"}  # fmt: skip
    refused = login(coordinator).post(
        "/api/v1/employers/", company, content_type="application/json"
    )
    form = login(coordinator).post(reverse("jobs:employer-add"), company)
    assert refused.status_code == 400 and form.status_code == 200
    answer = refused.json()["credit_code"]
    assert answer == form.context["form"].errors["credit_code"]
    assert "一个单位只登记一次" in answer[0]
