"""The API of supervision: inspections with their findings (``/api/v1/supervision/
inspections/``, a finding added at ``…/{id}/findings/``) and the findings
(``/api/v1/supervision/findings/``), replied at ``…/{id}/reply/`` and followed up at
``…/{id}/follow-up/``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from jiuye.core.api import EditableScopedViewSet, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.regions.models import ServiceOrg
from jiuye.supervision import services
from jiuye.supervision.filters import FindingFilter, InspectionFilter
from jiuye.supervision.models import Finding, Inspection


class FindingSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(read_only=True)
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = ["id", "inspection", "region", "area", "problem", "requirement", "fix_by", "state",
                  "state_label", "due_on", "reply", "replied_on", "follow_up", "followed_up_on",
                  "attachments"]  # fmt: skip
        read_only_fields = ["inspection", "region", "state", "due_on", "reply", "replied_on",
                            "follow_up", "followed_up_on"]  # fmt: skip
        extra_kwargs = {"fix_by": {"required": False, "help_text": _("不填则按政策参数的默认期限")}}

    def get_attachments(self, finding) -> list[dict]:
        return [{"id": each.pk, "title": each.title} for each in finding.attachments.all()]


class InspectionSerializer(serializers.ModelSerializer):
    org = serializers.PrimaryKeyRelatedField(queryset=ServiceOrg.objects.none())
    findings = FindingSerializer(many=True, required=False)
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Inspection
        fields = ["id", "org", "by_org", "region", "inspected_on", "inspectors", "scope", "summary",
                  "conclusion", "recorded_by", "recorded_on", "findings", "version"]  # fmt: skip
        read_only_fields = ["by_org", "region", "recorded_by", "recorded_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["org"].queryset = services.inspectable_orgs(request.user)


class ReplySerializer(serializers.Serializer):
    reply = serializers.CharField()
    title = serializers.CharField(required=False, allow_blank=True, max_length=100)
    file = serializers.FileField(required=False, help_text=_("整改材料（可选）"))


class FollowUpSerializer(serializers.Serializer):
    accepted = serializers.BooleanField(help_text=_("true：整改到位，销号；false：退回重新整改"))
    note = serializers.CharField(required=False, allow_blank=True)
    fix_by = serializers.DateField(
        required=False, allow_null=True, help_text=_("退回时的新整改期限")
    )


class InspectionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Inspections (督查) of offices in the jurisdiction, each with its findings. Recorded by
    the inspecting level with its findings; ``…/findings/`` adds one."""

    queryset = Inspection.objects.all()
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilter

    def scope(self, queryset):
        return queryset.with_parties().prefetch_related("findings__attachments")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.inspection_record(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        for fixed in ("org", "findings"):
            data.pop(fixed, None)
        serializer.instance = services.inspection_update(
            actor=self.request.user, inspection=serializer.instance, expected_version=expected,
            **data,
        )  # fmt: skip

    @extend_schema(request=FindingSerializer, responses={201: FindingSerializer})
    @action(detail=True, methods=["post"], serializer_class=FindingSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def findings(self, request, pk=None):
        inspection = self.get_object()
        data = FindingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        finding = services.finding_add(
            actor=request.user, inspection=inspection, **data.validated_data
        )
        return Response(FindingSerializer(finding).data, status=201)


class FindingViewSet(EditableScopedViewSet):
    """Findings of inspections (督查问题) in the jurisdiction. The office inspected replies
    (``…/reply/``, with a file if any); the inspecting office follows up (``…/follow-up/``)."""

    queryset = Finding.objects.all()
    serializer_class = FindingSerializer
    filterset_class = FindingFilter

    def scope(self, queryset):
        return queryset.with_inspection().prefetch_related("attachments").order_by("due_on", "pk")

    def _act(self, request, serializer_class, service):
        finding = self.get_object()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        service(actor=request.user, finding=finding, **data.validated_data)
        finding.refresh_from_db()
        return Response(FindingSerializer(finding).data)

    @extend_schema(request=ReplySerializer, responses=FindingSerializer)
    @action(detail=True, methods=["post"], serializer_class=ReplySerializer,
            permission_classes=[ViewPermission], parser_classes=[JSONParser, MultiPartParser, FormParser])  # fmt: skip
    def reply(self, request, pk=None):
        return self._act(request, ReplySerializer, services.finding_reply)

    @extend_schema(request=FollowUpSerializer, responses=FindingSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up", serializer_class=FollowUpSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def follow_up(self, request, pk=None):
        return self._act(request, FollowUpSerializer, services.finding_follow_up)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("supervision/inspections", InspectionViewSet, basename="supervision-inspection")
    router.register("supervision/findings", FindingViewSet, basename="supervision-finding")
