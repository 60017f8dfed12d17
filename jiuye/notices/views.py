from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.excel import sheet_response
from jiuye.core.exporting import Column
from jiuye.core.scoping import jurisdiction_prefix
from jiuye.core.views import (
    EvidenceDownloadView,
    PagedListMixin,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
)
from jiuye.notices import services
from jiuye.notices.filters import NoticeFilter, NoticeReceiptFilter, ReceiptFilter, ReportFilter
from jiuye.notices.forms import AcknowledgeForm, NoticeForm, ReplyForm, ReportForm
from jiuye.notices.models import (
    Notice,
    NoticeAttachment,
    Receipt,
    ReceiptAttachment,
    Report,
    ReportAttachment,
)
from jiuye.regions.codes import contains

RECEIPTS_PER_PAGE = 50


class NoticeListView(ScopedListView):
    """Notices sent (发文) from the user's jurisdiction, with how many offices have read and
    replied to each and how many replies are late."""

    model = Notice
    scope_method = "sent_within"
    filterset_class = NoticeFilter
    template_name = "notices/notice_list.html"
    export_name, export_file = _("发文"), "notices"
    export_columns = [
        Column(_("发文时间"), "sent_at"), Column(_("标题"), "title", 40), Column(_("文号"), "number", 20),
        Column(_("发文机构"), "org.name", 24), Column(_("区划代码"), "region_id", 14),
        Column(_("回复期限"), "reply_by"), Column(_("接收机构"), "receipts_count"), Column(_("已阅"), "read_count"),
        Column(_("已回复"), "replied_count"), Column(_("逾期未回复"), "overdue_count"),
    ]  # fmt: skip
    sort_fields = {"sent_at": "sent_at", "reply_by": "reply_by"}
    default_sort = "-sent_at"

    def scope(self, queryset):
        return queryset.with_sender().with_counts()


class InboxView(ScopedListView):
    """Notices received (收文) by the user's office, the unread first."""

    model = Receipt
    scope_method = "addressed_to"
    filterset_class = ReceiptFilter
    template_name = "notices/inbox.html"
    export_name, export_file = _("收文"), "inbox"
    export_columns = [
        Column(_("标题"), "notice.title", 40), Column(_("文号"), "notice.number", 20),
        Column(_("发文机构"), "notice.org.name", 24), Column(_("发文时间"), "notice.sent_at"),
        Column(_("回复期限"), "notice.reply_by"),
        Column(_("收文机构"), "org.name", 24), Column(_("区划代码"), "region_id", 14),
        Column(_("阅读时间"), "read_at"), Column(_("回复时间"), "replied_at"),
    ]  # fmt: skip

    def scope(self, queryset):
        return queryset.with_notice().unread_first()

    def get_context_data(self, **kwargs):
        counts = Receipt.objects.addressed_to(self.request.user).counts()
        return super().get_context_data(counts=counts, today=timezone.localdate(), **kwargs)


class NoticeCreateView(ServiceFormMixin, generic.FormView):
    """Send a notice down to chosen levels, regions or offices of the sender's subtree."""

    form_class = NoticeForm
    permission_required = "notices.add_notice"
    template_name = "notices/notice_form.html"
    success_message = _("通知已发出。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form):
        return services.notice_send(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


def is_sender_side(user, notice: Notice) -> bool:
    """The user's jurisdiction holds the sending office (it reads every receipt)."""
    prefix = jurisdiction_prefix(user)
    return prefix is not None and contains(prefix, notice.region_id)


class NoticeDetailView(PagedListMixin, ScopedDetailView):
    """A notice: its text and files. Opened by the receiving office, it records the read
    receipt and offers the reply; the sending side sees every receipt, by state and region."""

    model = Notice
    template_name = "notices/notice_detail.html"

    def scope(self, queryset):
        return queryset.with_sender().prefetch_related("attachments")

    def get_object(self, queryset=None):
        notice = super().get_object(queryset)
        receipt = services.receipt_of(self.request.user, notice)
        if receipt is not None:
            receipt = services.receipt_read(actor=self.request.user, receipt=receipt)
            receipt.notice = notice
        self.receipt = receipt
        return notice

    @cached_property
    def receipts(self):
        return Receipt.objects.visible_to(self.request.user).filter(notice=self.object)

    def get_context_data(self, **kwargs):
        user, notice, receipt = self.request.user, self.object, self.receipt
        context = {"receipt": receipt, "today": timezone.localdate(), "sender_side": False}
        if receipt is not None:
            context["reply_attachments"] = list(receipt.attachments.all())
            if (notice.reply_required and receipt.replied_at is None
                    and user.has_perm("notices.reply_receipt")):  # fmt: skip
                context["reply_form"] = ReplyForm()
        if is_sender_side(user, notice):
            found = NoticeReceiptFilter(self.request.GET, queryset=self.receipts)
            rows = found.qs if found.is_valid() else self.receipts.none()
            rows = (
                rows.select_related("org", "region", "read_by", "replied_by")
                .prefetch_related("attachments")
                .order_by("region_id", "pk")
            )
            paginator = Paginator(rows, RECEIPTS_PER_PAGE)
            page = paginator.get_page(self.request.GET.get("page"))
            page_rows = page.object_list
            context.update(sender_side=True, filter=found, counts=self.receipts.counts(),
                           paginator=paginator, page_obj=page, rows=page_rows)  # fmt: skip
        return super().get_context_data(**context, **kwargs)


class ReceiptExportView(ScopedDetailView):
    """The receipts of a notice (who has read, not read, replied, is late) as an Excel file,
    those of the state and region chosen."""

    model = Notice

    def get(self, request, *args, **kwargs):
        notice = self.get_object()
        receipts = Receipt.objects.visible_to(request.user).filter(notice=notice)
        found = NoticeReceiptFilter(request.GET, queryset=receipts)
        chosen = found.qs if found.is_valid() else receipts.none()
        chosen = chosen.select_related("org", "region", "read_by", "replied_by")
        heads = [_("接收机构"), _("区划代码"), _("区划"), _("状态"), _("阅读时间"), _("阅读人"),
                 _("回复时间"), _("回复人"), _("回复内容")]  # fmt: skip
        return sheet_response(f"notice-{notice.pk}", notice.title, heads,
                              (_row(r, notice) for r in chosen.order_by("region_id", "pk")),
                              widths={0: 30, 1: 14, 2: 16, 3: 12, 4: 18, 6: 18, 8: 40})  # fmt: skip


def _row(receipt: Receipt, notice: Notice) -> list:
    receipt.notice = notice  # its status reads the notice's deadline
    return [
        receipt.org.name, receipt.region_id, receipt.region.name, receipt.status,
        _local(receipt.read_at), receipt.read_by.name if receipt.read_by else "",
        _local(receipt.replied_at), receipt.replied_by.name if receipt.replied_by else "",
        receipt.reply,
    ]  # fmt: skip


def _local(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


class ReplyView(ServiceActionView):
    """The receiving office's reply to a notice (with a file if any)."""

    model = Receipt
    form_class = ReplyForm
    permission_required = "notices.reply_receipt"
    service, record = staticmethod(services.receipt_reply), "receipt"
    done = _("已回复。")


class NoticeAttachmentView(EvidenceDownloadView):
    """A notice's file: served to the sending side and the offices it was sent to."""

    model = NoticeAttachment


class ReceiptAttachmentView(EvidenceDownloadView):
    """A reply's file: served to the sending side and the office that replied."""

    model = ReceiptAttachment


class ReportListView(ScopedListView):
    """Reports sent up (上报材料) from the user's jurisdiction: its own office's and those of
    the offices below it."""

    model = Report
    filterset_class = ReportFilter
    template_name = "notices/report_list.html"
    export_name, export_file = _("上报材料"), "reports"
    export_columns = [
        Column(_("报送时间"), "sent_at"), Column(_("标题"), "title", 40), Column(_("报送机构"), "org.name", 24),
        Column(_("区划代码"), "region_id", 14), Column(_("报送至"), "to_org.name", 24),
        Column(_("签收时间"), "acknowledged_at"),
    ]  # fmt: skip
    sort_fields = {"sent_at": "sent_at"}
    default_sort = "-sent_at"
    received = False

    def scope(self, queryset):
        return queryset.with_parties()

    def get_context_data(self, **kwargs):
        return super().get_context_data(received=self.received, **kwargs)


class ReportReceivedView(ReportListView):
    """Reports sent to the user's own office (收到的报送), those awaiting acknowledgement first."""

    scope_method = "to_office"
    received = True
    sort_fields = {"sent_at": "sent_at", "acknowledged_at": "acknowledged_at"}
    default_sort = "acknowledged_at"


class ReportCreateView(ServiceFormMixin, generic.FormView):
    """Send a report (with files) up to an office above in the sender's own chain."""

    form_class = ReportForm
    permission_required = "notices.add_report"
    template_name = "notices/report_form.html"
    success_message = _("已报送。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form):
        return services.report_send(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class ReportDetailView(ScopedDetailView):
    """A report, its files, and its acknowledgement; the office it was sent to acknowledges
    it here."""

    model = Report
    template_name = "notices/report_detail.html"

    def scope(self, queryset):
        return queryset.with_parties().prefetch_related("attachments")

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = AcknowledgeForm() if services.may_acknowledge(user, self.object) else None
        return super().get_context_data(acknowledge_form=form, **kwargs)


class AcknowledgeView(ServiceActionView):
    model = Report
    form_class = AcknowledgeForm
    permission_required = "notices.acknowledge_report"
    service, record = staticmethod(services.report_acknowledge), "report"
    done = _("已签收。")


class ReportAttachmentView(EvidenceDownloadView):
    """A report's file: served to the sending office and the levels above it."""

    model = ReportAttachment
