import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.conftest import VILLAGE_A, VILLAGE_B
from jiuye.supervision.models import Finding, Inspection
from jiuye.supervision.services import finding_reply
from jiuye.supervision.tests.helpers import inspect, office, township_office
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def late(reviewer):
    """The township inspected village A 40 days ago; the deadline has passed."""
    with time_machine.travel(TODAY() - datetime.timedelta(days=40), tick=False):
        return inspect(reviewer, problems=("页面超期问题",)).findings.get()


@pytest.mark.parametrize(
    ("name", "queries"), [("supervision:list", 10), ("supervision-inspection-list", 11)]
)
def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_a_page(
    name, queries, approver, login, django_assert_num_queries
):
    browser = login(approver)
    browser.get(reverse(name))  # the first request of the session
    with django_assert_num_queries(queries):
        few = browser.get(reverse(name))
    for n in range(20):
        inspect(approver, problems=(f"列表问题{n}", "另一个问题"), inspectors=f"列表督查员{n}")
    with django_assert_num_queries(queries):
        many = browser.get(reverse(name))
    assert few.status_code == many.status_code == 200
    assert "列表督查员5" in many.content.decode()
    assert rows_shown(few) < rows_shown(many)


def test_the_list_filters_by_the_findings_area_state_and_lateness(late, approver, login):
    inspect(approver, office(VILLAGE_B), inspectors="乙村督查员")
    browser = login(approver)

    def shown(query):
        return {
            i.pk for i in browser.get(reverse("supervision:list") + query).context["object_list"]
        }

    assert late.inspection_id in shown("?overdue=true")
    assert late.inspection_id not in shown("?overdue=false")
    assert late.inspection_id in shown("?state=open&area=work")
    assert late.inspection_id not in shown("?state=replied")
    assert late.inspection_id not in shown("?area=funds")
    assert late.inspection_id not in shown(f"?region={VILLAGE_B}")
    assert late.inspection_id in shown(f"?region={VILLAGE_A}")


def test_the_export_lists_the_findings_of_the_filtered_inspections(late, approver, login):
    response = login(approver).get(
        reverse("supervision:export") + f"?overdue=true&region={VILLAGE_A}"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert "页面超期问题" in [row[7] for row in rows]
    assert {(row[2], row[10], row[11]) for row in rows} == {(VILLAGE_A, "待整改", "是")}


def test_the_county_records_an_inspection_with_its_findings_on_one_form(approver, login):
    org = township_office()
    form = {
        "org": org.pk, "inspected_on": TODAY(), "inspectors": "张三、李四", "scope": "平台建设",
        "summary": "", "conclusion": "criticised",
        "findings-TOTAL_FORMS": 3, "findings-INITIAL_FORMS": 0,
        "findings-0-area": "funds", "findings-0-problem": "经费未到位", "findings-0-requirement": "落实经费",
        "findings-1-area": "staff", "findings-1-problem": "人员不足", "findings-1-requirement": "补充人员",
        "findings-1-fix_by": TODAY() + datetime.timedelta(days=10),
    }  # fmt: skip
    response = login(approver).post(reverse("supervision:add") + f"?org={org.pk}", form)
    inspection = Inspection.objects.get(inspectors="张三、李四")
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    assert [f.area for f in inspection.findings.order_by("pk")] == ["funds", "staff"]
    assert inspection.findings.get(area="staff").fix_by == TODAY() + datetime.timedelta(days=10)
    assert inspection.conclusion == "criticised" and inspection.region_id == org.region_id


def test_a_finding_form_error_keeps_the_form(approver, login):
    form = {"org": township_office().pk, "inspected_on": TODAY(), "inspectors": "张三", "scope": "平台",
            "conclusion": "ordinary", "findings-TOTAL_FORMS": 1, "findings-INITIAL_FORMS": 0,
            "findings-0-area": "funds", "findings-0-problem": "经费未到位"}  # fmt: skip
    response = login(approver).post(reverse("supervision:add"), form)
    assert response.status_code == 200 and "经费未到位" in response.content.decode()
    assert not Inspection.objects.filter(inspectors="张三").exists()


def test_the_office_replies_with_a_file_that_only_its_jurisdiction_downloads(
    late, coordinator, sibling_coordinator, approver, sibling_approver, login
):
    page = login(coordinator).get(late.get_absolute_url()).content.decode()
    assert "反馈整改情况" in page and "提交复核" not in page
    response = login(coordinator).post(
        reverse("supervision:finding-reply", args=[late.pk]),
        {"reply": "已补齐", "title": "补齐的记录", "file": SimpleUploadedFile("记录.pdf", b"%PDF-1.4 x")},
    )  # fmt: skip
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.state == "replied"
    attachment = late.attachments.get()
    url = reverse("supervision:attachment", args=[attachment.pk])
    assert login(approver).get(url).status_code == 200
    assert login(coordinator).get(url).status_code == 200
    assert login(sibling_coordinator).get(url).status_code == 404
    assert login(sibling_approver).get(url).status_code == 404


def test_the_follow_up_form_is_shown_to_the_inspecting_office_only(
    late, coordinator, reviewer, approver, login
):
    finding_reply(actor=coordinator, finding=late, reply="已补齐")
    assert "提交复核" in login(reviewer).get(late.get_absolute_url()).content.decode()
    assert "提交复核" not in login(approver).get(late.get_absolute_url()).content.decode()
    response = login(reviewer).post(
        reverse("supervision:finding-follow-up", args=[late.pk]),
        {"accepted": "0", "note": ""},
        follow=True,
    )
    assert "退回重新整改须写明理由" in response.content.decode()
    login(reviewer).post(
        reverse("supervision:finding-follow-up", args=[late.pk]), {"accepted": "1"}
    )
    assert Finding.objects.get(pk=late.pk).state == "closed"


def test_a_sibling_county_gets_404_on_every_page_of_an_inspection(late, sibling_approver, login):
    browser = login(sibling_approver)
    for url in (
        reverse("supervision:inspection", args=[late.inspection_id]),
        reverse("supervision:edit", args=[late.inspection_id]),
        reverse("supervision:finding", args=[late.pk]),
        reverse("supervision:office", args=[late.inspection.org_id]),
        reverse("supervision-inspection-detail", args=[late.inspection_id]),
        reverse("supervision-finding-detail", args=[late.pk]),
    ):
        assert browser.get(url).status_code == 404, url
    assert "页面超期问题" not in browser.get(reverse("supervision:list")).content.decode()


def test_the_office_page_shows_its_open_findings_and_its_inspections(late, approver, login):
    page = login(approver).get(reverse("supervision:office", args=[office().pk])).content.decode()
    assert "页面超期问题" in page and "已超期" in page and late.inspection.by_org.name in page


def test_both_home_pages_show_what_is_due(late, coordinator, reviewer, login):
    page = login(coordinator).get(reverse("home")).content.decode()
    assert "督查问题待整改" in page and "页面超期问题" in page
    page = login(reviewer).get(reverse("home")).content.decode()
    assert (
        "督查问题待复核或已超期" in page and "页面超期问题" in page
    )  # late: the township watches it
    finding_reply(actor=coordinator, finding=late, reply="已补齐")
    assert (
        "页面超期问题"
        not in login(coordinator).get(reverse("home")).content.decode().split("督查问题待整改")[-1]
    )
    assert "页面超期问题" in login(reviewer).get(reverse("home")).content.decode()


def test_above_the_county_the_form_offers_the_townships_and_the_office_chosen(
    city_officer, approver, login
):
    def offered(user, query=""):
        form = login(user).get(reverse("supervision:add") + query).context["form"]
        return set(form.fields["org"].queryset)

    assert office() in offered(approver) and township_office() in offered(approver)
    assert township_office() in offered(city_officer) and office() not in offered(city_officer)
    assert office() in offered(city_officer, f"?org={office().pk}")
