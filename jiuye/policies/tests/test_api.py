import pytest
from django.utils import timezone

from jiuye.policies.models import Consultation, GoodPractice, Policy
from jiuye.policies.tests.helpers import make

pytestmark = pytest.mark.django_db
API = "/api/v1/policies"


def test_the_county_enters_a_policy_and_finds_it_by_words(approver, login, sibling_approver):
    client = login(approver)
    created = client.post(f"{API}/policies/", {
        "region": "370102000000", "level": "county", "title": "历下区就业见习补贴办法",
        "issuer": "历下区人力资源和社会保障局", "issued_on": "2026-02-01", "effective_from": "2026-02-01",
        "text": "就业见习补贴按当地最低工资标准的60%发放。", "areas": [],
    }, content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    results = client.get(f"{API}/policies/", {"q": "见习补贴"}).json()["results"]
    assert results[0]["id"] == pk and results[0]["rank"] > 0
    assert login(sibling_approver).get(f"{API}/policies/{pk}/").status_code == 404
    client = login(approver)
    stale = client.patch(f"{API}/policies/{pk}/", {"title": "改"}, content_type="application/json")
    assert stale.status_code == 400 and "version" in stale.json()
    changed = client.patch(f"{API}/policies/{pk}/", {"status": "repealed", "effective_until": "2026-12-31",
                                                    "version": 1}, content_type="application/json")  # fmt: skip
    assert changed.status_code == 200 and Policy.objects.get(pk=pk).status == "repealed"


def test_a_consultation_and_a_case_through_the_api(coordinator, approver, login, province_admin):
    policy = make(province_admin, title="接口引用政策")
    client = login(coordinator)
    created = client.post(f"{API}/consultations/", {
        "asked_on": timezone.localdate().isoformat(), "topic": "insurance", "question": "接口问题",
        "answer": "接口答复", "asker_name": "张三", "policies": [policy.pk],
    }, content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    consultation = Consultation.objects.get(pk=created.json()["id"])
    assert consultation.asker_name == "张三" and list(consultation.policies.all()) == [policy]
    case = client.post(f"{API}/practices/", {"org": coordinator.org_id, "title": "接口经验", "text": "正文"},
                       content_type="application/json")  # fmt: skip
    assert case.status_code == 201
    pk = case.json()["id"]
    assert client.post(f"{API}/practices/{pk}/publish/", {"published": True},
                       content_type="application/json").status_code == 403  # fmt: skip
    published = login(approver).post(f"{API}/practices/{pk}/publish/", {"published": True},
                                     content_type="application/json")  # fmt: skip
    assert published.status_code == 200 and published.json()["published"] is True
    assert GoodPractice.objects.get(pk=pk).published
