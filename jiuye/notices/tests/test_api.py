import datetime

import pytest

from jiuye.conftest import TOWNSHIP, VILLAGE_A
from jiuye.notices.models import Notice
from jiuye.notices.tests.helpers import TODAY, county_office, office, pdf

pytestmark = pytest.mark.django_db
BASE = "/api/v1/notices/"


def test_a_notice_and_a_report_through_the_api(
    approver, coordinator, reviewer, sibling_approver, sibling_coordinator, login
):
    def call(user, method, url, data=None, status=200, multipart=False):
        kwargs = {} if multipart else {"content_type": "application/json"}
        response = getattr(login(user), method)(url, data, **kwargs)
        assert response.status_code == status, response.content.decode()
        return response.json()

    data = {"title": "接口通知", "body": "接口正文", "kinds": ["village_station"], "regions": [TOWNSHIP],
            "reply_required": True, "reply_by": (TODAY() + datetime.timedelta(days=3)).isoformat()}  # fmt: skip
    assert "kinds" in call(
        approver, "post", BASE + "notices/", {**data, "kinds": ["nonsense"]}, status=400
    )
    assert "regions" in call(sibling_approver, "post", BASE + "notices/", data, status=400)
    call(coordinator, "post", BASE + "notices/", data, status=403)
    notice = call(approver, "post", BASE + "notices/", data, status=201)
    assert notice["targets"] and Notice.objects.get(pk=notice["id"]).receipts.count() > 1

    receipts = call(coordinator, "get", BASE + f"receipts/?notice={notice['id']}")["results"]
    assert [r["org"] for r in receipts] == [office(VILLAGE_A).pk]
    assert len(call(approver, "get", BASE + f"receipts/?notice={notice['id']}")["results"]) > 1
    mine = receipts[0]
    call(sibling_coordinator, "post", BASE + f"receipts/{mine['id']}/read/", status=404)
    call(approver, "post", BASE + f"receipts/{mine['id']}/read/", status=404)  # not the receiver
    assert (
        call(coordinator, "post", BASE + f"receipts/{mine['id']}/read/")["read_by"]
        == coordinator.pk
    )
    replied = call(coordinator, "post", BASE + f"receipts/{mine['id']}/reply/",
                   {"reply": "接口回复", "file": pdf("接口回复.pdf")}, multipart=True)  # fmt: skip
    assert replied["status"] == "已回复" and replied["attachments"][0]["title"] == "接口回复.pdf"
    assert (
        "unread"
        not in call(approver, "get", BASE + "receipts/?state=replied")["results"][0]["status"]
    )
    call(sibling_approver, "get", BASE + f"notices/{notice['id']}/", status=404)

    report = call(coordinator, "post", BASE + "reports/",
                  {"to_org": county_office().pk, "title": "接口报送", "body": "", "file": pdf("报送.pdf")},
                  status=201, multipart=True)  # fmt: skip
    assert report["attachments"][0]["title"] == "报送.pdf"
    call(reviewer, "post", BASE + f"reports/{report['id']}/acknowledge/", {}, status=403)
    call(sibling_approver, "post", BASE + f"reports/{report['id']}/acknowledge/", {}, status=404)
    done = call(
        approver, "post", BASE + f"reports/{report['id']}/acknowledge/", {"comment": "收到"}
    )
    assert done["acknowledged_by"] == approver.pk and done["comment"] == "收到"
    call(approver, "post", BASE + f"reports/{report['id']}/acknowledge/", {}, status=400)
