import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jiuye.conftest import COUNTY, SIBLING_COUNTY, TOWNSHIP, VILLAGE_A, VILLAGE_B
from jiuye.core.scoping import subtree_q
from jiuye.notices.models import Notice, Receipt, Report
from jiuye.notices.services import (
    notice_send,
    receipt_read,
    receipt_reply,
    report_acknowledge,
    report_send,
)
from jiuye.notices.tests.helpers import TODAY, county_office, office, pdf, send
from jiuye.regions.choices import OrgKind
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db


def test_a_notice_reaches_the_levels_chosen_within_the_regions_chosen(approver):
    """The county sends to the communities of one street: those, and nothing else."""
    notice = send(
        approver, kinds=[OrgKind.VILLAGE_STATION], regions=[Region.objects.get(code=TOWNSHIP)]
    )
    villages = ServiceOrg.objects.filter(subtree_q("region_id", "370102001"),
                                         kind=OrgKind.VILLAGE_STATION, is_active=True)  # fmt: skip
    receipts = notice.receipts.all()
    assert {r.org_id for r in receipts} == set(villages.values_list("pk", flat=True))
    assert all(r.region_id == r.org.region_id and r.read_at is None for r in receipts)
    # made in bulk, each with its history row
    assert Receipt.history.filter(notice_id=notice.pk, history_type="+").count() == len(receipts)
    assert notice.targets == "解放路街道的社区（村）劳动保障服务站"


def test_picked_offices_join_the_levels_and_a_level_alone_is_the_whole_subtree(approver):
    picked = office(VILLAGE_A)
    notice = send(approver, kinds=[OrgKind.TOWNSHIP_CENTRE], orgs=[picked])
    kinds = set(notice.receipts.values_list("org__kind", flat=True))
    assert kinds == {OrgKind.TOWNSHIP_CENTRE, OrgKind.VILLAGE_STATION}
    townships = ServiceOrg.objects.filter(
        subtree_q("region_id", "370102"), kind=OrgKind.TOWNSHIP_CENTRE
    )
    assert notice.receipts.count() == townships.count() + 1


def test_a_notice_goes_only_below_the_sending_office(approver, reviewer, coordinator):
    with pytest.raises(ValidationError) as error:
        send(approver, regions=[Region.objects.get(code=SIBLING_COUNTY)])
    assert "regions" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        send(approver, regions=[Region.objects.get(code=COUNTY)])  # its own region is not below
    assert "regions" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        send(approver, orgs=[county_office(SIBLING_COUNTY)])
    assert "orgs" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        send(reviewer, orgs=[county_office()])  # up is a report, not a notice
    assert "orgs" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        send(approver)
    assert "kinds" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        send(coordinator, kinds=[OrgKind.VILLAGE_STATION])  # a community has no office below
    assert not Notice.objects.filter(title="测试通知").exists()


def test_a_reply_needs_a_deadline_from_today_and_a_file_of_an_allowed_type(approver):
    with pytest.raises(ValidationError) as error:
        notice_send(actor=approver, title="无期限", body="正文", kinds=[OrgKind.TOWNSHIP_CENTRE],
                    reply_required=True)  # fmt: skip
    assert "reply_by" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        send(approver, days=-1, kinds=[OrgKind.TOWNSHIP_CENTRE])
    assert "reply_by" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        send(approver, kinds=[OrgKind.TOWNSHIP_CENTRE],
             files=[SimpleUploadedFile("run.exe", b"MZ")])  # fmt: skip
    assert "file" in error.value.message_dict
    assert not Notice.objects.filter(title="测试通知").exists()


def test_the_receipts_of_a_notice_to_every_village_are_made_in_bulk(province_admin):
    """A few statements per batch of rows (SQLite takes fewer rows to a statement than
    PostgreSQL), never one per office."""
    send(province_admin, kinds=[OrgKind.CITY_AGENCY])  # the account's roles and office, once
    with CaptureQueriesContext(connection) as sending:
        notice = send(province_admin, kinds=[OrgKind.VILLAGE_STATION])
    receipts = notice.receipts.count()
    assert receipts > 100
    assert len(sending) < receipts / 10


def test_the_first_opening_is_the_read_receipt(approver, coordinator):
    receipt = send(approver, orgs=[office(VILLAGE_A)]).receipts.get()
    with time_machine.travel(TODAY() + datetime.timedelta(days=1), tick=False):
        receipt_read(actor=coordinator, receipt=receipt)
    first = Receipt.objects.get(pk=receipt.pk)
    receipt_read(actor=coordinator, receipt=first)
    again = Receipt.objects.get(pk=receipt.pk)
    assert again.read_by == coordinator and again.read_at == first.read_at
    assert again.history.count() == 2  # created, read


def test_only_the_receiving_office_reads_and_replies(
    approver, coordinator, sibling_coordinator, reviewer
):
    receipt = send(approver, orgs=[office(VILLAGE_A)]).receipts.get()
    for other in (sibling_coordinator, reviewer, approver):
        with pytest.raises(PermissionDenied):
            receipt_read(actor=other, receipt=receipt)
        with pytest.raises(PermissionDenied):
            receipt_reply(actor=other, receipt=receipt, reply="代回复")
    assert Receipt.objects.get(pk=receipt.pk).read_at is None


def test_a_reply_reads_the_notice_is_given_once_and_only_where_asked(approver, coordinator):
    receipt = send(approver, orgs=[office(VILLAGE_A)]).receipts.get()
    with pytest.raises(ValidationError) as error:
        receipt_reply(actor=coordinator, receipt=receipt, reply="  ")
    assert "reply" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        receipt_reply(actor=coordinator, receipt=receipt, reply="已办",
                      file=SimpleUploadedFile("x.zip", b"PK"))  # fmt: skip
    assert "file" in error.value.message_dict
    receipt_reply(actor=coordinator, receipt=receipt, reply="已办理", file=pdf("回复.pdf"))
    done = Receipt.objects.get(pk=receipt.pk)
    assert done.read_by == done.replied_by == coordinator and done.status == "已回复"
    assert done.attachments.get().title == "回复.pdf"
    with pytest.raises(ValidationError):
        receipt_reply(actor=coordinator, receipt=done, reply="再次回复")
    plain = send(approver, days=None, orgs=[office(VILLAGE_A)]).receipts.get()
    with pytest.raises(ValidationError):
        receipt_reply(actor=coordinator, receipt=plain, reply="无需回复的")


def test_a_reply_not_given_by_the_deadline_is_overdue_and_a_late_one_says_so(approver, coordinator):
    notice = send(approver, days=2, kinds=[OrgKind.VILLAGE_STATION],
                  regions=[Region.objects.get(code=TOWNSHIP)])  # fmt: skip
    receipts = Receipt.objects.filter(notice=notice)
    assert receipts.counts()["overdue"] == 0
    later = TODAY() + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False):
        counts = receipts.counts()
        assert counts["overdue"] == counts["total"] == counts["waiting"]
        mine = receipts.get(org__region_id=VILLAGE_A)
        assert mine.status == "逾期未回复" and mine.is_overdue
        receipt_reply(actor=coordinator, receipt=mine, reply="迟到的回复")
        assert Receipt.objects.get(pk=mine.pk).status == "逾期回复"
        assert receipts.counts()["overdue"] == counts["total"] - 1


def test_a_report_goes_up_its_own_chain_and_is_acknowledged_there_once(
    coordinator, reviewer, approver
):
    with pytest.raises(ValidationError) as error:
        report_send(actor=coordinator, to_org=office("370102002000"), title="错报", body="内容")
    assert "to_org" in error.value.message_dict  # a sibling street is not above
    with pytest.raises(ValidationError) as error:
        report_send(actor=reviewer, to_org=office(VILLAGE_A), title="下报", body="内容")
    assert "to_org" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        report_send(actor=coordinator, to_org=county_office(), title="空报")
    assert "body" in error.value.message_dict

    report = report_send(actor=coordinator, to_org=county_office(), title="社区报告",
                         files=[pdf("报告.pdf")])  # fmt: skip
    assert report.region_id == VILLAGE_A and report.attachments.count() == 1
    with pytest.raises(PermissionDenied):
        report_acknowledge(actor=reviewer, report=report)  # reads it, but it was not sent to it
    report_acknowledge(actor=approver, report=report, comment="已收悉")
    done = Report.objects.get(pk=report.pk)
    assert done.acknowledged_by == approver and done.comment == "已收悉"
    with pytest.raises(ValidationError):
        report_acknowledge(actor=approver, report=done)


def test_reports_are_read_up_the_chain_and_not_by_a_sibling(coordinator, reviewer, approver, sibling_approver,
                                                          sibling_coordinator):  # fmt: skip
    report = report_send(actor=coordinator, to_org=office(TOWNSHIP), title="报街道", body="内容")
    for user in (coordinator, reviewer, approver):
        assert Report.objects.visible_to(user).filter(pk=report.pk).exists()
    for user in (sibling_approver, sibling_coordinator):
        assert not Report.objects.visible_to(user).filter(pk=report.pk).exists()
    assert list(Report.objects.to_office(reviewer).filter(pk=report.pk)) == [report]
    assert not Report.objects.to_office(approver).filter(pk=report.pk).exists()


def test_an_account_without_an_office_sees_no_notice(approver):
    send(approver, orgs=[office(VILLAGE_A)])
    nobody = User.objects.create(username="no-office", name="无机构")
    assert not Notice.objects.visible_to(nobody).exists()
    assert not Receipt.objects.visible_to(nobody).exists()
    assert not Receipt.objects.addressed_to(nobody).exists()
    assert VILLAGE_B  # the sibling village's office is never a receiver here
