"""Demo data of documents between levels, through the real services, in every state:

- the province sends a notice to every community and village office of the scale (at
  ``large`` some 70,000 receipts, made in bulk); most have not read it yet;
- the city (济南市) sends to all its streets and townships a notice that asked for a reply by a
  date now past: some replied (one late), some read without replying, some not read at all
  (overdue); and to its counties a notice that needs no reply, read by one;
- the first county of each of the scale's regions sends to the communities of its first
  township a notice whose reply is due in ten days: one replied with a file, one read;
- a township reports to its county (acknowledged with a comment), a community to its
  township (awaiting acknowledgement), the county to the city (awaiting).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.core.scoping import subtree_q
from jiuye.notices.models import Notice, Receipt, Report
from jiuye.notices.services import (
    notice_send,
    receipt_read,
    receipt_reply,
    report_acknowledge,
    report_send,
)
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, city, prefix_of
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User


def seed(context) -> None:
    if Notice.objects.exists():
        return
    now = timezone.now()
    province = User.objects.get(username="province-37")
    notice_send(
        actor=province, title="关于开展年度基层就业服务平台信息核查的通知", number="鲁人社函〔2026〕31号",
        body="请各社区（村）劳动保障服务站于月底前核对本辖区人员台账信息，确保信息准确完整。",
        kinds=[OrgKind.VILLAGE_STATION],
    )  # fmt: skip
    _city(context, now)
    counties = Region.objects.filter(level=Level.COUNTY).order_by("code")
    for prefix in context.scale.prefixes:
        _county(counties.filter(subtree_q("code", prefix)).first())
    context.log(f"  {Notice.objects.count()} notices, {Receipt.objects.count()} receipts, "
                f"{Report.objects.count()} reports")  # fmt: skip


def _first_user(org: ServiceOrg, role: str) -> User:
    return User.objects.filter(org=org, roles__code=role).order_by("username").first()


def _backdate(notice: Notice, days: int, **values) -> None:
    """Demo data has no past: move a notice's sending back (its history is not recorded)."""
    Notice.objects.filter(pk=notice.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=days), **values
    )


def _city(context, now) -> None:
    city = User.objects.get(username="city-3701")
    notice = notice_send(
        actor=city, title="关于报送街道（乡镇）就业服务窗口建设情况的通知", number="济人社字〔2026〕12号",
        body="请各街道（乡镇）劳动保障服务中心报送服务窗口建设情况、人员配备和经费保障情况。",
        kinds=[OrgKind.TOWNSHIP_CENTRE], reply_required=True,
        reply_by=timezone.localdate() + datetime.timedelta(days=1),
        files=[SimpleUploadedFile("窗口建设情况表.xlsx", b"PK demo")],
    )  # fmt: skip
    receipts = list(notice.receipts.select_related("org").order_by("region_id"))
    for index, receipt in enumerate(receipts):
        reviewer = _first_user(receipt.org, "reviewer")
        if reviewer is None or index % 3 == 2:
            continue  # not read: overdue
        receipt_read(actor=reviewer, receipt=receipt)
        if index % 3 == 0:
            receipt_reply(actor=reviewer, receipt=receipt,
                          reply="本街道服务窗口已按标准建设，配备专职工作人员3名。")  # fmt: skip
    _backdate(notice, 20, reply_by=timezone.localdate() - datetime.timedelta(days=5))
    receipts = Receipt.objects.filter(notice=notice)
    receipts.filter(read_at__isnull=False).update(read_at=now - datetime.timedelta(days=15))
    replied = receipts.filter(replied_at__isnull=False).order_by("region_id")
    replied.update(replied_at=now - datetime.timedelta(days=8))
    late = replied.first()
    if late is not None:  # one replied after the deadline
        Receipt.objects.filter(pk=late.pk).update(replied_at=now - datetime.timedelta(days=2))

    plain = notice_send(
        actor=city, title="转发省人力资源社会保障厅关于做好就业援助月活动的通知",
        body="请各县（市、区）结合实际认真组织开展就业援助月活动。", kinds=[OrgKind.COUNTY_AGENCY],
    )  # fmt: skip
    first = plain.receipts.select_related("org").order_by("region_id").first()
    if first is not None:
        receipt_read(actor=_first_user(first.org, "approver"), receipt=first)
    _backdate(plain, 10)


def _county(county: Region) -> None:
    approver = User.objects.get(username=f"approver-{prefix_of(county.code)}")
    offices = ServiceOrg.objects.within(county.prefix).filter(is_active=True).order_by("region_id")
    township = offices.filter(kind=OrgKind.TOWNSHIP_CENTRE).first()
    notice = notice_send(
        actor=approver, title="关于开展零就业家庭动态清零核查的通知",
        body="请各社区劳动保障服务站核查辖区零就业家庭情况，并于期限内回复核查结果。",
        regions=[township.region], kinds=[OrgKind.VILLAGE_STATION], reply_required=True,
        reply_by=timezone.localdate() + datetime.timedelta(days=10),
    )  # fmt: skip
    receipts = notice.receipts.select_related("org").order_by("pk")
    replied = receipts.first()
    read = receipts.exclude(pk=replied.pk).first()
    for receipt in filter(None, (replied, read)):
        coordinator = _first_user(receipt.org, "coordinator")
        if coordinator is None:
            continue
        receipt_read(actor=coordinator, receipt=receipt)
        if receipt is replied:
            receipt_reply(actor=coordinator, receipt=receipt, reply="经核查，本社区现有零就业家庭0户。",
                          file=SimpleUploadedFile("核查表.pdf", b"%PDF-1.4 demo"))  # fmt: skip
    _backdate(notice, 3)

    reviewer = _first_user(township, "reviewer")
    county_office = offices.get(region_id=county.code, kind=OrgKind.COUNTY_AGENCY)
    done = report_send(
        actor=reviewer, to_org=county_office, title=f"{township.region.name}第三季度就业工作总结",
        body="本季度新增就业、就业援助和技能培训工作情况。",
        files=[SimpleUploadedFile("季度总结.docx", b"PK demo")],
    )  # fmt: skip
    report_acknowledge(actor=approver, report=done, comment="已阅，请继续做好就业援助工作。")
    village = (
        offices.filter(kind=OrgKind.VILLAGE_STATION).within(prefix_of(township.region_id)).first()
    )
    coordinator = _first_user(village, "coordinator")
    if coordinator is not None:
        report_send(actor=coordinator, to_org=township, title=f"{village.region.name}零就业家庭核查情况",
                    body="本社区零就业家庭核查表见附件。",
                    files=[SimpleUploadedFile("核查表.pdf", b"%PDF-1.4 demo")])  # fmt: skip
    city_office = ServiceOrg.objects.get(region_id=city(county.code), kind=OrgKind.CITY_AGENCY)
    report_send(actor=approver, to_org=city_office, title=f"{county.name}年度就业工作情况报告",
                body="全年城镇新增就业、失业人员再就业和就业困难人员就业情况。")  # fmt: skip
