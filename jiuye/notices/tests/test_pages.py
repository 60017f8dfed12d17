import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from jiuye.conftest import SIBLING_COUNTY, TOWNSHIP, VILLAGE_A
from jiuye.core.scoping import subtree_q
from jiuye.notices.models import Notice, Receipt, Report
from jiuye.notices.services import receipt_reply, report_send
from jiuye.notices.tests.helpers import TODAY, county_office, office, pdf, send
from jiuye.regions.choices import OrgKind
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import Role, User
from jiuye.staff.roles import RoleCode
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db


def sheet_text(response) -> str:
    book = load_workbook(io.BytesIO(response.content))
    return "\n".join(str(c) for row in book.active.iter_rows(values_only=True) for c in row if c)


def test_a_city_notice_to_all_its_streets_lists_who_has_not_read_it_and_no_sibling_sees_it(
    city_officer, reviewer, approver, sibling_approver, coordinator, login
):
    """The must-show of issue 12: 济南市 sends to every street and township of the city; one
    street opens it; the city's list of who has not read it names the others; a county that
    was not sent it (the street's own county, the sibling county) and another city see none
    of it."""
    browser = login(city_officer)
    response = browser.post(reverse("notices:add"), {
        "title": "关于报送窗口建设情况的通知", "number": "济人社字〔2026〕99号", "body": "请各街道报送。",
        "kinds": [OrgKind.TOWNSHIP_CENTRE], "reply_required": "on",
        "reply_by": (TODAY() + datetime.timedelta(days=5)).isoformat(), "files": [pdf("情况表.pdf")],
    })  # fmt: skip
    notice = Notice.objects.get(number="济人社字〔2026〕99号")
    assert response.status_code == 302 and response["Location"] == notice.get_absolute_url()
    streets = ServiceOrg.objects.filter(
        subtree_q("region_id", "3701"), kind=OrgKind.TOWNSHIP_CENTRE
    )
    assert notice.receipts.count() == streets.count() > 10
    assert notice.region_id == "370100000000"

    street = login(reviewer).get(notice.get_absolute_url())  # 解放路街道 opens it
    assert street.status_code == 200 and street.context["reply_form"] is not None
    mine = Receipt.objects.get(notice=notice, org__region_id=TOWNSHIP)
    assert mine.read_by == reviewer and not street.context["sender_side"]
    attachment = notice.attachments.get()
    assert (
        login(reviewer).get(reverse("notices:attachment", args=[attachment.pk])).status_code == 200
    )

    page = login(city_officer).get(notice.get_absolute_url() + "?state=unread")
    assert page.context["counts"]["read"] == 1
    assert page.context["counts"]["unread"] == streets.count() - 1
    names = {row.org.name for row in page.context["rows"]}
    assert office(TOWNSHIP).name not in names and office("370102002000").name in names
    export = login(city_officer).get(reverse("notices:export", args=[notice.pk]) + "?state=unread")
    text = sheet_text(export)
    assert office("370102002000").name in text and office(TOWNSHIP).name not in text
    assert "未阅" in text

    another_city = ServiceOrg.objects.create(region_id="370200000000", name="青岛市公共就业和人才服务中心",
                                             kind=OrgKind.CITY_AGENCY)  # fmt: skip
    qingdao = User.objects.create(username="city-3702", name="青岛", org=another_city)
    qingdao.roles.add(Role.objects.get(code=RoleCode.CITY_OFFICER))
    for outsider in (approver, sibling_approver, coordinator, qingdao):
        client = login(outsider)
        assert client.get(notice.get_absolute_url()).status_code == 404
        assert client.get(reverse("notices:export", args=[notice.pk])).status_code == 404
        assert client.get(reverse("notices:attachment", args=[attachment.pk])).status_code == 404
        assert client.get(reverse("notices:reply", args=[mine.pk])).status_code in (404, 405)
        for name in ("notices:inbox", "notices:sent"):
            assert "关于报送窗口建设情况的通知" not in client.get(reverse(name)).content.decode()
        assert client.get(f"/api/v1/notices/notices/{notice.pk}/").status_code == 404
        assert client.get(f"/api/v1/notices/receipts/{mine.pk}/").status_code == 404
        assert notice.pk not in {
            n["id"] for n in client.get("/api/v1/notices/notices/").json()["results"]
        }


@pytest.mark.parametrize(
    ("name", "user", "queries"),
    [("notices:sent", "approver", 10), ("notices:inbox", "coordinator", 11),
     ("notices:reports", "approver", 10), ("notices:reports-received", "approver", 10),
     ("notices-notice-list", "approver", 10), ("notices-receipt-list", "approver", 10),
     ("notices-report-list", "approver", 10)],
)  # fmt: skip
def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_a_page(
    name, user, queries, request, approver, coordinator, login, django_assert_num_queries
):
    browser = login(request.getfixturevalue(user))
    browser.get(reverse(name))  # the first request of the session
    send(approver, title="列表通知0", orgs=[office(VILLAGE_A)], files=[pdf()])
    report_send(
        actor=coordinator, to_org=county_office(), title="列表报送0", body="内容", files=[pdf()]
    )
    with django_assert_num_queries(queries):
        few = browser.get(reverse(name))
    for n in range(1, 12):
        notice = send(approver, title=f"列表通知{n}", orgs=[office(VILLAGE_A)], files=[pdf()])
        receipt_reply(actor=coordinator, receipt=notice.receipts.get(), reply="已办", file=pdf())
        report_send(actor=coordinator, to_org=county_office(), title=f"列表报送{n}", body="内容")
    with django_assert_num_queries(queries):
        many = browser.get(reverse(name))
    assert few.status_code == many.status_code == 200
    assert rows_shown(few) < rows_shown(many)


def test_the_notice_page_of_a_notice_to_every_village_takes_a_fixed_number_of_queries(
    province_admin, login, django_assert_max_num_queries
):
    notice = send(province_admin, kinds=[OrgKind.VILLAGE_STATION])
    browser = login(province_admin)
    browser.get(notice.get_absolute_url())
    with django_assert_max_num_queries(15):
        page = browser.get(notice.get_absolute_url())
    assert len(page.context["rows"]) == 50
    assert page.context["counts"]["unread"] == notice.receipts.count() > 100


def test_the_inbox_shows_the_unread_first_and_what_is_overdue(approver, coordinator, login):
    late = send(approver, title="逾期的通知", days=1, orgs=[office(VILLAGE_A)])
    read = send(approver, title="已阅的通知", days=None, orgs=[office(VILLAGE_A)])
    login(coordinator).get(read.get_absolute_url())
    send(approver, title="新来的通知", days=None, orgs=[office(VILLAGE_A)])
    with time_machine.travel(TODAY() + datetime.timedelta(days=2), tick=False):
        page = login(coordinator).get(reverse("notices:inbox"))
        titles = [receipt.notice.title for receipt in page.context["object_list"]]
        assert titles.index("新来的通知") < titles.index("已阅的通知")
        assert titles.index("逾期的通知") < titles.index("已阅的通知")
        overdue = login(coordinator).get(reverse("notices:inbox") + "?state=overdue")
        assert [r.notice.title for r in overdue.context["object_list"]] == ["逾期的通知"]
        home = login(coordinator).get(reverse("home")).content.decode()
        assert "逾期的通知" in home and "新来的通知" in home and "逾期未回复" in home
        sender = login(approver).get(reverse("home")).content.decode()
        assert "本机构发出的1件通知有逾期未回复的机构" in sender
    assert late.receipts.get().read_at is None


def test_the_sender_reads_the_reply_and_its_file_and_a_sibling_does_not(
    approver, coordinator, sibling_approver, sibling_coordinator, login
):
    notice = send(approver, orgs=[office(VILLAGE_A)])
    browser = login(coordinator)
    page = browser.get(notice.get_absolute_url())
    assert page.context["reply_form"] is not None
    response = browser.post(reverse("notices:reply", args=[page.context["receipt"].pk]),
                            {"reply": "已核查完毕", "file": pdf("核查表.pdf")})  # fmt: skip
    assert response.status_code == 302
    attachment = Receipt.objects.get(notice=notice).attachments.get()
    sender = login(approver).get(notice.get_absolute_url()).content.decode()
    assert "已核查完毕" in sender and "核查表.pdf" in sender
    assert (
        login(approver).get(reverse("notices:reply-attachment", args=[attachment.pk])).status_code
        == 200
    )
    for other in (sibling_approver, sibling_coordinator):
        assert (
            login(other).get(reverse("notices:reply-attachment", args=[attachment.pk])).status_code
            == 404
        )


def test_a_township_reads_only_what_was_sent_to_it_not_all_its_county_sent(
    approver, reviewer, login
):
    send(approver, title="只发社区的通知", kinds=[OrgKind.VILLAGE_STATION],
         regions=[Region.objects.get(code=TOWNSHIP)])  # fmt: skip
    notice = Notice.objects.get(title="只发社区的通知")
    assert login(reviewer).get(notice.get_absolute_url()).status_code == 404
    assert not Notice.objects.visible_to(reviewer).filter(pk=notice.pk).exists()


def test_the_compose_form_offers_only_the_senders_subtree(approver, reviewer, login):
    form = login(approver).get(reverse("notices:add")).context["form"]
    regions = set(form.fields["regions"].queryset.values_list("code", flat=True))
    assert TOWNSHIP in regions and VILLAGE_A in regions
    assert not any(code.startswith(SIBLING_COUNTY[:6]) for code in regions)
    kinds = {value for value, label in form.fields["kinds"].choices}
    assert kinds == {OrgKind.TOWNSHIP_CENTRE, OrgKind.VILLAGE_STATION}
    response = login(approver).post(reverse("notices:add"), {
        "title": "越权", "body": "正文", "regions": [SIBLING_COUNTY]})  # fmt: skip
    assert response.status_code == 200 and response.context["form"].errors["regions"]
    response = login(approver).post(reverse("notices:add"), {"title": "空", "body": "正文"})
    assert "请选择接收的层级、区域或机构。" in response.content.decode()
    street = login(reviewer).get(reverse("notices:add")).context["form"]
    assert {value for value, label in street.fields["kinds"].choices} == {OrgKind.VILLAGE_STATION}


def test_a_report_is_sent_and_acknowledged_on_its_pages(coordinator, reviewer, approver, login):
    response = login(coordinator).post(reverse("notices:report-add"), {
        "to_org": office(TOWNSHIP).pk, "title": "社区季度报告", "body": "", "files": [pdf("报告.pdf")]})  # fmt: skip
    report = Report.objects.get(title="社区季度报告")
    assert response.status_code == 302
    choices = (
        login(coordinator)
        .get(reverse("notices:report-add"))
        .context["form"]
        .fields["to_org"]
        .queryset
    )
    assert set(choices.values_list("region__level", flat=True)) == {1, 2, 3, 4}
    received = login(reviewer).get(reverse("notices:reports-received") + "?acknowledged=false")
    assert report in received.context["object_list"]
    assert login(approver).get(report.get_absolute_url()).context["acknowledge_form"] is None
    page = login(reviewer).get(report.get_absolute_url())
    assert page.context["acknowledge_form"] is not None
    assert "社区季度报告" in login(reviewer).get(reverse("home")).content.decode()
    login(reviewer).post(
        reverse("notices:report-acknowledge", args=[report.pk]), {"comment": "收悉"}
    )
    report.refresh_from_db()
    assert report.acknowledged_by == reviewer and report.comment == "收悉"
    assert (
        login(approver).post(reverse("notices:report-acknowledge", args=[report.pk])).status_code
        == 403
    )
