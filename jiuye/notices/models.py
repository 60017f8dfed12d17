"""Documents between levels (公文与报送, guideline 二十一): notices sent down by an office to
chosen offices of its subtree, each receiving office's receipt (read, replied), and reports
sent up to an office above in the sender's own chain, acknowledged there.

Jurisdiction here has two sides, and each queryset says which:
- a notice belongs to the region of the office that sent it, so that office and the levels
  above it read it (the ordinary subtree rule); an office *below* reads it only when it is
  addressed to it (it has a receipt): not every notice its ancestors sent, and never one of a
  sibling county;
- a receipt is read by the sending side (the notice's subtree rule) and by the receiving
  office itself; only the receiving office changes it (reads, replies);
- a report belongs to the region of the office that sent it, so the offices above it in its
  chain read it by the ordinary rule; only the office it is addressed to acknowledges it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import Evidence, ScopedModel
from jiuye.core.scoping import EVERYTHING, ScopedQuerySet, jurisdiction_prefix, subtree_q


def _own_office(user):
    """The id of the user's office, if the user reaches anything at all (fail closed)."""
    if jurisdiction_prefix(user) is None:
        return None
    return user.org_id


class NoticeQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Notices sent from the user's jurisdiction, and those addressed to the user's office."""
        prefix = jurisdiction_prefix(user)
        if prefix is None:
            return self.none()
        if prefix == EVERYTHING:
            return self.all()
        received = Receipt.objects.filter(org_id=user.org_id).values("notice_id")
        return self.filter(subtree_q("region_id", prefix) | Q(pk__in=received))

    def sent_within(self, user):
        """Notices sent from the user's jurisdiction (发文): by its own office and those below."""
        return super().visible_to(user)

    def with_sender(self):
        return self.select_related("org", "region", "sent_by")

    def with_counts(self, today=None):
        """Each notice's receipts: all, read, replied, and replies past their deadline."""
        today = today or timezone.localdate()
        return self.annotate(
            receipts_count=Count("receipts"),
            read_count=Count("receipts", filter=Q(receipts__read_at__isnull=False)),
            replied_count=Count("receipts", filter=Q(receipts__replied_at__isnull=False)),
            overdue_count=Count(
                "receipts",
                filter=Q(
                    reply_required=True, reply_by__lt=today, receipts__replied_at__isnull=True
                ),
            ),
        )


class Notice(ScopedModel):
    """A notice or file (通知、文件) an office sent down to offices of its subtree. It belongs
    to the region of ``org``, the sending office; ``targets`` says in words whom it was sent
    to; the receipts are the offices it reached."""

    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="notices_sent",
        verbose_name=_("发文机构"),
    )  # fmt: skip
    title = models.CharField(_("标题"), max_length=200)
    number = models.CharField(_("文号"), max_length=60, blank=True)
    body = models.TextField(_("正文"))
    targets = models.TextField(_("发送范围"))
    reply_required = models.BooleanField(_("需要回复"), default=False)
    reply_by = models.DateField(_("回复期限"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("发文人"),
    )  # fmt: skip
    sent_at = models.DateTimeField(_("发文时间"), default=timezone.now)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["region", "sent_at"])]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notices:notice", args=[self.pk])

    @property
    def reply_overdue(self) -> bool:
        """The deadline of the reply has passed (for the receipts not yet replied)."""
        return (
            self.reply_required
            and self.reply_by is not None
            and self.reply_by < timezone.localdate()
        )


class ReceiptQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The receipts of the notices sent from the user's jurisdiction, and the receipts of
        the user's own office."""
        prefix = jurisdiction_prefix(user)
        if prefix is None:
            return self.none()
        if prefix == EVERYTHING:
            return self.all()
        return self.filter(subtree_q("notice__region_id", prefix) | Q(org_id=user.org_id))

    def editable_by(self, user):
        """Only the receiving office reads and replies to its receipt."""
        return self.addressed_to(user)

    def addressed_to(self, user):
        """The receipts of the user's own office (收文): what was sent to it."""
        office = _own_office(user)
        return self.none() if office is None else self.filter(org_id=office)

    def with_notice(self):
        return self.select_related("notice__org", "org", "read_by", "replied_by")

    def unread_first(self):
        return self.order_by(F("read_at").asc(nulls_first=True), "-notice__sent_at", "-pk")

    def unread(self):
        return self.filter(read_at__isnull=True)

    def awaiting_reply(self):
        return self.filter(notice__reply_required=True, replied_at__isnull=True)

    def overdue(self, today=None):
        return self.awaiting_reply().filter(notice__reply_by__lt=today or timezone.localdate())

    def counts(self, today=None) -> dict:
        """How many receipts: all, read, unread, replied, awaiting a reply, overdue (one query)."""
        today = today or timezone.localdate()
        waiting = Q(notice__reply_required=True, replied_at__isnull=True)
        return self.aggregate(
            total=Count("pk"),
            read=Count("pk", filter=Q(read_at__isnull=False)),
            unread=Count("pk", filter=Q(read_at__isnull=True)),
            replied=Count("pk", filter=Q(replied_at__isnull=False)),
            waiting=Count("pk", filter=waiting),
            overdue=Count("pk", filter=waiting & Q(notice__reply_by__lt=today)),
        )


class Receipt(ScopedModel):
    """One receiving office's copy of a notice: when it was first opened and by whom (the read
    receipt), and its reply where the sender asked for one. It carries the receiving office's
    region, as every large table carries its region code."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("通知")
    )
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="receipts",
        verbose_name=_("接收机构"),
    )  # fmt: skip
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("阅读人"),
    )  # fmt: skip
    reply = models.TextField(_("回复内容"), blank=True)
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("回复人"),
    )  # fmt: skip

    objects = ReceiptQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "org"], name="receipt_one_per_office")
        ]
        indexes = [models.Index(fields=["org", "read_at"])]
        verbose_name = _("签收回执")
        verbose_name_plural = _("签收回执")

    def __str__(self):
        return f"{self.notice} → {self.org}"

    def get_absolute_url(self):
        return reverse("notices:notice", args=[self.notice_id])

    @property
    def status(self) -> str:
        """In words: replied (on time or late), overdue, read, unread."""
        notice = self.notice
        if self.replied_at is not None:
            late = notice.reply_by and timezone.localdate(self.replied_at) > notice.reply_by
            return str(_("逾期回复") if late else _("已回复"))
        if notice.reply_overdue:
            return str(_("逾期未回复"))
        return str(_("已阅") if self.read_at else _("未阅"))

    @property
    def is_overdue(self) -> bool:
        return self.replied_at is None and self.notice.reply_overdue


class NoticeAttachmentQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The files of the notices the user reads (``NoticeQuerySet.visible_to``)."""
        return self.filter(notice__in=Notice.objects.visible_to(user).values("pk"))


class NoticeAttachment(Evidence):
    """A file sent with a notice (附件)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")

    objects = NoticeAttachmentQuerySet.as_manager()

    class Meta(Evidence.Meta):
        verbose_name = _("通知附件")
        verbose_name_plural = _("通知附件")

    @property
    def folder(self) -> str:
        return f"notices/{self.notice_id}"


class ReceiptAttachmentQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """The files of the replies the user reads (``ReceiptQuerySet.visible_to``)."""
        return self.filter(receipt__in=Receipt.objects.visible_to(user).values("pk"))


class ReceiptAttachment(Evidence):
    """A file sent with a reply (回复附件)."""

    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="attachments")

    objects = ReceiptAttachmentQuerySet.as_manager()

    class Meta(Evidence.Meta):
        verbose_name = _("回复附件")
        verbose_name_plural = _("回复附件")

    @property
    def folder(self) -> str:
        return f"notices/{self.receipt.notice_id}/replies"


class ReportQuerySet(ScopedQuerySet):
    def with_parties(self):
        return self.select_related("org", "to_org", "region", "sent_by", "acknowledged_by")

    def to_office(self, user):
        """Reports sent to the user's own office (收到的报送)."""
        office = _own_office(user)
        return self.none() if office is None else self.filter(to_org_id=office)

    def awaiting(self):
        return self.filter(acknowledged_at__isnull=True)


class Report(ScopedModel):
    """A report an office sent up (上报材料) to an office of a level above it in its own chain,
    which acknowledges it (签收). It belongs to the sending office's region, so the levels
    above read it by the ordinary rule."""

    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="reports_sent",
        verbose_name=_("报送机构"),
    )  # fmt: skip
    to_org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="reports_received",
        verbose_name=_("报送至"),
    )  # fmt: skip
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("报送人"),
    )  # fmt: skip
    sent_at = models.DateTimeField(_("报送时间"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("签收人"),
    )  # fmt: skip
    comment = models.TextField(_("签收意见"), blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["to_org", "acknowledged_at"])]
        verbose_name = _("上报材料")
        verbose_name_plural = _("上报材料")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notices:report", args=[self.pk])


class ReportAttachment(Evidence):
    """A file sent with a report (seen where the report is: the sender and the levels above)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")

    class Meta(Evidence.Meta):
        verbose_name = _("报送附件")
        verbose_name_plural = _("报送附件")

    @property
    def folder(self) -> str:
        return f"reports/{self.report_id}"
