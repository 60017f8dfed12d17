"""Writes of documents between levels: sending a notice down (one receipt per receiving office,
in bulk), reading and replying to it, sending a report up and acknowledging it."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from jiuye.core import history
from jiuye.core.scoping import subtree_q
from jiuye.core.services import check_evidence, check_scope, require, save_new
from jiuye.notices.models import (
    Notice,
    NoticeAttachment,
    Receipt,
    ReceiptAttachment,
    Report,
    ReportAttachment,
)
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import ancestors, contains, prefix_of
from jiuye.regions.models import Region, ServiceOrg


def _office(actor) -> ServiceOrg:
    if actor.org_id is None or not actor.org.is_active:
        raise PermissionDenied(_("您的账号没有所属机构，不能收发公文。"))
    return actor.org


def offices_below(org: ServiceOrg):
    """The active offices a notice of ``org`` may reach: those of the regions below its own."""
    return (
        ServiceOrg.objects.within(prefix_of(org.region_id))
        .exclude(region_id=org.region_id)
        .filter(is_active=True)
    )


def offices_above(org: ServiceOrg):
    """The active offices ``org`` reports to: those of the regions above it in its own chain."""
    above = [code for code in ancestors(org.region_id) if code != org.region_id]
    return ServiceOrg.objects.filter(region_id__in=above, is_active=True)


def _check_files(files) -> list:
    files = [file for file in files or () if file]
    for file in files:
        check_evidence(file)
    return files


def _attach(model, files, *, actor, region_id, **parent) -> None:
    for file in files:
        attachment = model(region_id=region_id, title=file.name[-100:], file=file,
                           uploaded_by=actor, **parent)  # fmt: skip
        attachment._history_user = actor
        attachment.save()


def receivers(
    org: ServiceOrg, *, kinds: Iterable[str] = (), regions: Iterable[Region] = (),
    orgs: Iterable[ServiceOrg] = (),
) -> list[tuple[int, str]]:  # fmt: skip
    """The (id, region) of the offices a notice of ``org`` reaches: the offices of the ``kinds``
    (levels) chosen in the ``regions`` chosen (all kinds when none is chosen; the whole
    subtree when no region is), and the ``orgs`` picked one by one; all below ``org``."""
    kinds, regions, orgs = list(kinds), list(regions), list(orgs)
    own = prefix_of(org.region_id)
    outside = [r.name for r in regions if r.code == org.region_id or not contains(own, r.code)]
    if outside:
        raise ValidationError({"regions": _t("%(names)s不在本机构的下级范围内。")
                               % {"names": _t("、").join(outside)}})  # fmt: skip
    below = offices_below(org)
    picked = {each.pk for each in orgs}
    if picked - set(below.filter(pk__in=picked).values_list("pk", flat=True)):
        raise ValidationError({"orgs": _("所选机构不在本机构的下级范围内。")})
    if not (kinds or regions or picked):
        raise ValidationError({"kinds": _("请选择接收的层级、区域或机构。")})
    chosen = Q(pk__in=picked)
    if kinds or regions:
        part = Q(kind__in=kinds) if kinds else Q()
        if regions:
            within = Q()
            for region in regions:
                within |= subtree_q("region_id", prefix_of(region.code))
            part &= within
        chosen |= part
    found = list(below.filter(chosen).order_by("region_id", "pk").values_list("pk", "region_id"))
    if not found:
        raise ValidationError({"kinds": _("所选范围内没有接收机构。")})
    return found


def describe_targets(kinds, regions, orgs) -> str:
    """Whom a notice was sent to, in words (kept with the notice)."""
    parts = []
    if kinds or regions:
        levels = _t("、").join(str(OrgKind(kind).label) for kind in kinds) or _t("各级机构")
        where = _t("、").join(region.name for region in regions) or _t("全辖区")
        parts.append(_t("%(where)s的%(levels)s") % {"where": where, "levels": levels})
    if orgs:
        parts.append(_t("另选：%(names)s") % {"names": _t("、").join(org.name for org in orgs)})
    return _t("；").join(parts)


@transaction.atomic
def notice_send(
    *, actor, title: str, body: str, number: str = "", kinds: Iterable[str] = (),
    regions: Iterable[Region] = (), orgs: Iterable[ServiceOrg] = (), reply_required: bool = False,
    reply_by: datetime.date | None = None, files=(),
) -> Notice:  # fmt: skip
    """Send a notice from the actor's office to the offices below it that were chosen
    (``receivers``): one receipt each, made in bulk with their history."""
    require(actor, "notices.add_notice")
    org = _office(actor)
    if reply_required and reply_by is None:
        raise ValidationError({"reply_by": _("需要回复时请填写回复期限。")})
    if reply_required and reply_by < timezone.localdate():
        raise ValidationError({"reply_by": _("回复期限不能早于今天。")})
    files = _check_files(files)
    kinds, regions, orgs = list(kinds), list(regions), list(orgs)
    found = receivers(org, kinds=kinds, regions=regions, orgs=orgs)
    notice = save_new(Notice(
        region_id=org.region_id, org=org, title=title.strip(), number=number.strip(),
        body=body.strip(), targets=describe_targets(kinds, regions, orgs),
        reply_required=reply_required, reply_by=reply_by if reply_required else None,
        sent_by=actor,
    ), actor=actor)  # fmt: skip
    history.bulk_create(
        [Receipt(notice=notice, org_id=pk, region_id=region) for pk, region in found], actor=actor
    )
    _attach(NoticeAttachment, files, actor=actor, region_id=notice.region_id, notice=notice)
    return notice


def receipt_of(user, notice: Notice) -> Receipt | None:
    """The receipt of the user's own office for ``notice``, if it was sent to it."""
    return Receipt.objects.addressed_to(user).filter(notice=notice).first()


@transaction.atomic
def receipt_read(*, actor, receipt: Receipt) -> Receipt:
    """Record that the receiving office opened the notice (the first opening only: who, when)."""
    check_scope(Receipt.objects.editable_by(actor), receipt)
    if receipt.read_at is not None:
        return receipt
    locked = _locked(receipt)
    if locked.read_at is None:
        history.change(locked, actor=actor, read_at=timezone.now(), read_by=actor)
    return locked


def _locked(record):
    """``record`` read again under its row's lock (PostgreSQL; SQLite has one writer at a
    time): two people of an office opening or replying at once, the second sees the first."""
    return type(record).objects.select_for_update().get(pk=record.pk)


@transaction.atomic
def receipt_reply(*, actor, receipt: Receipt, reply: str, file=None) -> Receipt:
    """The receiving office's reply to a notice that asked for one, with a file if any."""
    require(actor, "notices.reply_receipt")
    check_scope(Receipt.objects.editable_by(actor), receipt)
    if not receipt.notice.reply_required:
        raise ValidationError(_("该通知无需回复。"))
    if not reply.strip():
        raise ValidationError({"reply": _("请填写回复内容。")})
    files = _check_files([file])
    locked = _locked(receipt)
    if locked.replied_at is not None:
        raise ValidationError(_("本机构已回复该通知，不能重复回复。"))
    now, values = timezone.now(), {}
    if locked.read_at is None:
        values = {"read_at": now, "read_by": actor}
    history.change(locked, actor=actor, reply=reply.strip(), replied_at=now, replied_by=actor,
                   **values)  # fmt: skip
    receipt.refresh_from_db()
    _attach(ReceiptAttachment, files, actor=actor, region_id=receipt.region_id, receipt=receipt)
    return receipt


@transaction.atomic
def report_send(*, actor, to_org: ServiceOrg, title: str, body: str = "", files=()) -> Report:
    """Send a report (with files) from the actor's office up to an office above it."""
    require(actor, "notices.add_report")
    org = _office(actor)
    if to_org is None or not offices_above(org).filter(pk=to_org.pk).exists():
        raise ValidationError({"to_org": _("只能报送至本机构上级的机构。")})
    files = _check_files(files)
    if not files and not body.strip():
        raise ValidationError({"body": _("请填写内容或上传附件。")})
    report = save_new(Report(region_id=org.region_id, org=org, to_org=to_org, title=title.strip(),
                             body=body.strip(), sent_by=actor), actor=actor)  # fmt: skip
    _attach(ReportAttachment, files, actor=actor, region_id=report.region_id, report=report)
    return report


def may_acknowledge(user, report: Report) -> bool:
    return (
        user.has_perm("notices.acknowledge_report")
        and user.org_id == report.to_org_id
        and report.acknowledged_at is None
    )


@transaction.atomic
def report_acknowledge(*, actor, report: Report, comment: str = "") -> Report:
    """The office the report was sent to acknowledges it (签收), with a comment if any."""
    require(actor, "notices.acknowledge_report")
    check_scope(Report.objects.visible_to(actor), report)
    if actor.org_id != report.to_org_id:
        raise PermissionDenied(_("只有报送至的机构可以签收。"))
    locked = _locked(report)
    if locked.acknowledged_at is not None:
        raise ValidationError(_("该报送已签收。"))
    history.change(locked, actor=actor, acknowledged_at=timezone.now(), acknowledged_by=actor,
                   comment=comment.strip())  # fmt: skip
    report.refresh_from_db()
    return report
