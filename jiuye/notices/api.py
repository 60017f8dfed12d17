"""The API of documents between levels: notices (``/api/v1/notices/notices/``, sent by POST),
their receipts (``/api/v1/notices/receipts/``: read at ``…/{id}/read/``, replied at
``…/{id}/reply/``) and reports (``/api/v1/notices/reports/``, acknowledged at
``…/{id}/acknowledge/``). The same jurisdiction as the pages (``models``)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from jiuye.core.api import EditableScopedViewSet
from jiuye.core.drf import ViewPermission
from jiuye.notices import services
from jiuye.notices.filters import NoticeFilter, ReceiptFilter, ReportFilter
from jiuye.notices.models import Notice, Receipt, Report
from jiuye.regions.choices import OrgKind
from jiuye.regions.models import Region, ServiceOrg

PARSERS = [JSONParser, MultiPartParser, FormParser]


def _files(attachments) -> list[dict]:
    return [{"id": each.pk, "title": each.title} for each in attachments]


class NoticeSerializer(serializers.ModelSerializer):
    kinds = serializers.ListField(
        child=serializers.CharField(), write_only=True, required=False,
        help_text=format_lazy("{}{}", gettext_lazy("接收层级（机构类别）："), ", ".join(OrgKind.values)),
    )  # fmt: skip
    regions = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), many=True, write_only=True, required=False,
        help_text=gettext_lazy("接收区域（区划代码，须在本机构下级）"),
    )  # fmt: skip
    orgs = serializers.PrimaryKeyRelatedField(
        queryset=ServiceOrg.objects.all(), many=True, write_only=True, required=False,
        help_text=gettext_lazy("另选的接收机构"),
    )  # fmt: skip
    file = serializers.FileField(
        write_only=True, required=False, help_text=gettext_lazy("附件（可选）")
    )
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = ["id", "region", "org", "title", "number", "body", "targets", "reply_required",
                  "reply_by", "sent_by", "sent_at", "kinds", "regions", "orgs", "file",
                  "attachments"]  # fmt: skip
        read_only_fields = ["region", "org", "targets", "sent_by", "sent_at"]

    def validate_kinds(self, kinds):
        wrong = [kind for kind in kinds if kind not in OrgKind.values]
        if wrong:
            raise serializers.ValidationError(
                _("没有这种机构类别：%(kinds)s") % {"kinds": _("、").join(wrong)}
            )
        return kinds

    def get_attachments(self, notice) -> list[dict]:
        return _files(notice.attachments.all())


class ReceiptSerializer(serializers.ModelSerializer):
    notice_title = serializers.CharField(source="notice.title", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    status = serializers.CharField(read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Receipt
        fields = ["id", "notice", "notice_title", "org", "org_name", "region", "status", "read_at",
                  "read_by", "reply", "replied_at", "replied_by", "attachments"]  # fmt: skip
        read_only_fields = fields

    def get_attachments(self, receipt) -> list[dict]:
        return _files(receipt.attachments.all())


class NoticeReplySerializer(serializers.Serializer):
    reply = serializers.CharField()
    file = serializers.FileField(required=False, help_text=gettext_lazy("回复附件（可选）"))


class ReportSerializer(serializers.ModelSerializer):
    to_org = serializers.PrimaryKeyRelatedField(queryset=ServiceOrg.objects.all())
    file = serializers.FileField(
        write_only=True, required=False, help_text=gettext_lazy("附件（可选）")
    )
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "region", "org", "to_org", "title", "body", "sent_by", "sent_at",
                  "acknowledged_at", "acknowledged_by", "comment", "file", "attachments"]  # fmt: skip
        read_only_fields = ["region", "org", "sent_by", "sent_at", "acknowledged_at",
                            "acknowledged_by", "comment"]  # fmt: skip

    def get_attachments(self, report) -> list[dict]:
        return _files(report.attachments.all())


class AcknowledgeSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True)


class NoticeViewSet(mixins.CreateModelMixin, EditableScopedViewSet):
    """Notices the user reads: those sent from the jurisdiction and those sent to the user's
    office. POST sends one from the user's office to the levels (``kinds``), regions and
    offices chosen below it; a receipt is made for each office it reaches."""

    queryset = Notice.objects.all()
    serializer_class = NoticeSerializer
    filterset_class = NoticeFilter
    parser_classes = PARSERS

    def scope(self, queryset):
        return queryset.with_sender().prefetch_related("attachments")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        file = data.pop("file", None)
        serializer.instance = services.notice_send(
            actor=self.request.user, files=[file] if file else [], **data
        )


class ReceiptViewSet(EditableScopedViewSet):
    """Receipts: the sending side reads every receipt of its notices, an office its own. The
    receiving office records its reading (``…/read/``) and its reply (``…/reply/``)."""

    queryset = Receipt.objects.all()
    serializer_class = ReceiptSerializer
    filterset_class = ReceiptFilter

    def scope(self, queryset):
        return queryset.with_notice().prefetch_related("attachments").order_by("pk")

    def _answer(self, request, receipt):
        receipt.refresh_from_db()
        return Response(ReceiptSerializer(receipt, context={"request": request}).data)

    @extend_schema(request=None, responses=ReceiptSerializer)
    @action(detail=True, methods=["post"], permission_classes=[ViewPermission])
    def read(self, request, pk=None):
        receipt = self.get_object()
        services.receipt_read(actor=request.user, receipt=receipt)
        return self._answer(request, receipt)

    @extend_schema(request=NoticeReplySerializer, responses=ReceiptSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoticeReplySerializer,
            permission_classes=[ViewPermission], parser_classes=PARSERS)  # fmt: skip
    def reply(self, request, pk=None):
        receipt = self.get_object()
        data = NoticeReplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.receipt_reply(actor=request.user, receipt=receipt, **data.validated_data)
        return self._answer(request, receipt)


class ReportViewSet(mixins.CreateModelMixin, EditableScopedViewSet):
    """Reports sent up from the jurisdiction (the levels above read them). POST sends one from
    the user's office to an office above it; the office it was sent to acknowledges it
    (``…/acknowledge/``)."""

    queryset = Report.objects.all()
    serializer_class = ReportSerializer
    filterset_class = ReportFilter
    parser_classes = PARSERS

    def scope(self, queryset):
        return queryset.with_parties().prefetch_related("attachments")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        file = data.pop("file", None)
        serializer.instance = services.report_send(
            actor=self.request.user, files=[file] if file else [], **data
        )

    @extend_schema(request=AcknowledgeSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], serializer_class=AcknowledgeSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def acknowledge(self, request, pk=None):
        report = self.get_object()
        data = AcknowledgeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_acknowledge(actor=request.user, report=report, **data.validated_data)
        report.refresh_from_db()
        return Response(ReportSerializer(report, context={"request": request}).data)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("notices/notices", NoticeViewSet, basename="notices-notice")
    router.register("notices/receipts", ReceiptViewSet, basename="notices-receipt")
    router.register("notices/reports", ReportViewSet, basename="notices-report")
