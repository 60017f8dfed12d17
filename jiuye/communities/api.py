"""The API of full-employment communities: standards and their criteria
(``/api/v1/community-standards/``), each community's monthly figures
(``/api/v1/community-months/``), applications with their transitions and submission
(``/api/v1/community-applications/``), titles and re-checks."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from jiuye.communities import services
from jiuye.communities.models import (
    Application,
    CommunityMonth,
    Criterion,
    Recheck,
    RecheckItem,
    Standard,
    Title,
)
from jiuye.core.api import EditableScopedViewSet, ScopedViewSet, WorkflowActionsMixin
from jiuye.core.drf import ViewPermission


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "position", "label", "indicator", "comparison", "threshold", "evidence"]


class StandardSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Standard
        fields = ["id", "name", "kind", "unit", "edition", "rank", "valid_years", "is_target",
                  "is_active", "source", "criteria"]  # fmt: skip


class StandardViewSet(ScopedViewSet):
    """The standards of the province (国家级示范社区、省级星级社区 …) with their criteria."""

    queryset = Standard.objects.all()
    serializer_class = StandardSerializer

    def scope(self, queryset):
        return queryset.prefetch_related("criteria").order_by("kind", "unit", "rank")


class CommunityMonthSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = CommunityMonth
        fields = [
            "id",
            "region",
            "region_name",
            "month",
            "values",
            "met",
            "at_target",
            "computed_at",
        ]


class CommunityMonthViewSet(ScopedViewSet):
    """The figures of each community and village at the end of each month (the month under
    way: at the last nightly run), and the standards met. Filter with ``?month=2026-11-01``
    and ``?region=<12-digit code>``."""

    queryset = CommunityMonth.objects.all()
    serializer_class = CommunityMonthSerializer

    def scope(self, queryset):
        params = self.request.query_params
        if params.get("month"):
            queryset = queryset.filter(month=params["month"])
        if params.get("region"):
            queryset = queryset.filter(region_id=params["region"])
        return queryset.select_related("region").order_by("region_id", "month")


class ApplicationSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Application
        fields = ["id", "round", "region", "region_name", "standard", "self_assessment", "state",
                  "state_label", "due_on", "submitted_on", "values", "decided_on"]  # fmt: skip
        read_only_fields = fields


class NoInput(serializers.Serializer):
    pass


class ApplicationViewSet(WorkflowActionsMixin, EditableScopedViewSet):
    """Applications for a title: ``…/submit/`` submits one (its figures are frozen),
    ``…/transitions/`` reviews, recommends, decides, returns or rejects."""

    queryset = Application.objects.all()
    serializer_class = ApplicationSerializer
    item_name = "application"

    def scope(self, queryset):
        return queryset.with_related()

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], permission_classes=[ViewPermission])
    def submit(self, request, pk=None):
        return self.act(request, NoInput, services.application_submit)


class TitleSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    standard_name = serializers.CharField(source="standard.name", read_only=True)

    class Meta:
        model = Title
        fields = ["id", "region", "region_name", "standard", "standard_name", "state", "granted_on",
                  "valid_until", "revoked_on", "revoke_reason"]  # fmt: skip


class TitleViewSet(ScopedViewSet):
    queryset = Title.objects.all()
    serializer_class = TitleSerializer

    def scope(self, queryset):
        return queryset.with_related()


class RecheckItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = RecheckItem
        fields = ["title", "region", "values", "passed", "reasons"]


class RecheckSerializer(serializers.ModelSerializer):
    items = serializers.SerializerMethodField()

    class Meta:
        model = Recheck
        fields = ["id", "name", "kind", "on", "sample_percent", "items"]

    def get_items(self, recheck) -> list[dict]:
        user = self.context["request"].user
        items = RecheckItem.objects.visible_to(user).filter(recheck=recheck)
        return RecheckItemSerializer(items, many=True).data


class RecheckViewSet(ScopedViewSet):
    """Re-check campaigns and, of each, the titles of the user's jurisdiction it re-checked."""

    queryset = Recheck.objects.all()
    serializer_class = RecheckSerializer


def routes(router) -> None:
    router.register("community-standards", StandardViewSet, basename="community-standard")
    router.register("community-months", CommunityMonthViewSet, basename="community-month")
    router.register("community-applications", ApplicationViewSet, basename="community-application")
    router.register("community-titles", TitleViewSet, basename="community-title")
    router.register("community-rechecks", RecheckViewSet, basename="community-recheck")
