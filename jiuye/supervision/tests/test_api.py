import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.supervision.models import Finding
from jiuye.supervision.tests.helpers import office

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
BASE = "/api/v1/supervision/"


def test_an_inspection_through_the_api_from_its_record_to_the_closing(
    coordinator, approver, sibling_approver, sibling_coordinator, login
):
    def call(user, method, url, data=None, status=200, **kwargs):
        kwargs.setdefault("content_type", "application/json")
        if kwargs["content_type"] is None:  # a form with a file: multipart
            del kwargs["content_type"]
        response = getattr(login(user), method)(url, data, **kwargs)
        assert response.status_code == status, response.content.decode()
        return response.json()

    data = {"org": office().pk, "inspected_on": TODAY().isoformat(), "inspectors": "接口督查员",
            "scope": "接口督查", "findings": [{"area": "platform", "problem": "接口问题", "requirement": "接口要求"}]}  # fmt: skip
    assert "org" in call(sibling_approver, "post", BASE + "inspections/", data, status=400)
    inspection = call(approver, "post", BASE + "inspections/", data, status=201)
    finding = inspection["findings"][0]
    assert finding["state"] == "open" and finding["fix_by"] == finding["due_on"]

    url = f"{BASE}inspections/{inspection['id']}/"
    assert "version" in call(approver, "patch", url, {"conclusion": "commended"}, status=400)
    patched = call(
        approver, "patch", url, {"conclusion": "commended", "version": inspection["version"]}
    )
    assert patched["conclusion"] == "commended"
    added = call(approver, "post", url + "findings/", {"area": "funds", "problem": "接口经费", "requirement": "专账"},
                 status=201)  # fmt: skip
    assert added["state"] == "open"

    finding_url = f"{BASE}findings/{finding['id']}/"
    call(sibling_coordinator, "post", finding_url + "reply/", {"reply": "越权"}, status=404)
    call(approver, "post", finding_url + "reply/", {"reply": "代为反馈"}, status=403)
    replied = call(coordinator, "post", finding_url + "reply/", status=200, content_type=None,
                   data={"reply": "已整改", "title": "接口材料",
                         "file": SimpleUploadedFile("fix.pdf", b"%PDF-1.4")})  # fmt: skip
    assert replied["state"] == "replied" and replied["attachments"][0]["title"] == "接口材料"
    call(sibling_approver, "post", finding_url + "follow-up/", {"accepted": True}, status=404)
    assert "note" in call(
        approver, "post", finding_url + "follow-up/", {"accepted": False}, status=400
    )
    closed = call(approver, "post", finding_url + "follow-up/", {"accepted": True, "note": "到位"})
    assert closed["state"] == "closed"
    assert Finding.objects.get(pk=finding["id"]).events.count() == 3

    listed = call(coordinator, "get", BASE + "findings/?state=open&area=funds")
    assert [row["id"] for row in listed["results"]] == [added["id"]]
    assert (
        call(sibling_approver, "get", BASE + f"findings/?inspection={inspection['id']}")["count"]
        == 0
    )
