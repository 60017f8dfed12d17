"""The API of zero-employment households and of the assistance dashboard."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from jiuye.assistance import services
from jiuye.assistance.dashboard import dashboard
from jiuye.assistance.filters import ZeroHouseholdFilter
from jiuye.assistance.models import Identification, ZeroHousehold
from jiuye.core.api import ScopedViewSet, WorkflowActionsMixin
from jiuye.core.drf import ViewPermission
from jiuye.regions.models import Region
from jiuye.regions.selectors import jurisdiction_root
from jiuye.staff.models import User


class ZeroHouseholdSerializer(serializers.ModelSerializer):
    days_open = serializers.SerializerMethodField()
    head_name = serializers.CharField(read_only=True, help_text=_("户主姓名"))
    members = serializers.PrimaryKeyRelatedField(
        source="household.members", many=True, read_only=True
    )

    class Meta:
        model = ZeroHousehold
        fields = ["id", "household", "head_name", "members", "kind", "state", "region", "appeared_on", "days_open",
                  "investigation", "identified_on", "placement_due_on", "due_on", "version", "supported_on", "support_plan", "responsible", "ended_on", "stable_since", "closed_on"]  # fmt: skip

    def get_days_open(self, case) -> int:
        return case.days_open()


class SupportSerializer(serializers.Serializer):
    support_plan = serializers.CharField()
    # any active worker; the service checks they work for the case's community, township or county
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        error_messages={"does_not_exist": services.NOT_A_CASE_WORKER},
    )


class InvestigationSerializer(serializers.Serializer):
    investigation = serializers.CharField()
    version = serializers.IntegerField(help_text=_("读取时的版本号"))


class ZeroHouseholdViewSet(WorkflowActionsMixin, ScopedViewSet):
    """Zero-employment households found from the ledger (open ones unless ``?state=``):
    ``…/investigation/`` (the community's investigation), ``…/transitions/`` (submit, report,
    identify, return, reject: 认定一户) and ``…/support/`` (扶持一户)."""

    queryset = ZeroHousehold.objects.all()
    serializer_class = ZeroHouseholdSerializer
    filterset_class = ZeroHouseholdFilter
    item_name = "case"

    def scope(self, queryset):
        queryset = (
            queryset.with_head_name()
            .prefetch_related("household__members")
            .order_by("appeared_on", "id")
        )
        return (
            queryset
            if self.request.query_params.get("state") or self.action != "list"
            else queryset.open()
        )

    @extend_schema(request=InvestigationSerializer, responses=ZeroHouseholdSerializer)
    @action(detail=True, methods=["post"], serializer_class=InvestigationSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def investigation(self, request, pk=None):
        case = self.get_object()
        data = InvestigationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.household_investigate(actor=request.user, case=case, investigation=data.validated_data["investigation"],
                                       expected_version=data.validated_data["version"])  # fmt: skip
        return self.answer(request, case)

    @extend_schema(request=SupportSerializer, responses=ZeroHouseholdSerializer)
    @action(detail=True, methods=["post"], serializer_class=SupportSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def support(self, request, pk=None):
        case = self.get_object()
        data = SupportSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.household_support(actor=request.user, case=case, **data.validated_data)
        return self.answer(request, case)


class DashboardView(APIView):
    """The assistance figures of a region and of each region below it: ``?region=``."""

    permission_classes = [ViewPermission]
    queryset = Identification.objects.none()  # for the permission: assistance.view_identification

    @extend_schema(parameters=[OpenApiParameter("region", str)], responses=None)
    def get(self, request):
        code = request.query_params.get("region")
        region = (
            get_object_or_404(Region.objects.visible_to(request.user), code=code) if code
            else jurisdiction_root(request.user)
        )  # fmt: skip
        if region is None:
            return Response({"detail": _("未找到，或不在您的管辖范围内。")}, status=404)
        board = dashboard(request.user, region)
        return Response({
            "region": region.code, "date": board["today"], "limit_months": board["limit"], "total": board["total"],
            "children": [{"region": child.code, "name": child.name, **row} for child, row in board["children"]],
            "categories": [{"id": category.pk, "name": category.name, "identified": n}
                           for category, n in board["categories"]],
            "exits": {value: n for value, _label, n in board["exits"]},
        })  # fmt: skip
