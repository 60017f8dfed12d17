"""The API of office performance: rankings and an office's score explained item by item, the
schemes and the commendations; the same jurisdiction rules as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from jiuye.core.api import ScopedViewSet
from jiuye.performance import periods
from jiuye.performance.choices import OfficeLevel
from jiuye.performance.models import Commendation, Item, Scheme
from jiuye.performance.scoring import Score, office_score, ranking
from jiuye.performance.views import office_region
from jiuye.regions.selectors import asked_region


class ItemSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Item
        fields = ["id", "indicator", "per", "label", "weight", "method", "target", "order"]


class SchemeSerializer(serializers.ModelSerializer):
    items = ItemSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = ["id", "name", "year", "level", "region", "note", "items"]


class SchemeViewSet(ScopedViewSet):
    """The schemes that apply in your jurisdiction (the province's and your counties' own)."""

    queryset = Scheme.objects.all()
    serializer_class = SchemeSerializer

    def get_queryset(self):
        return Scheme.objects.readable_by(self.request.user).prefetch_related("items")


class CommendationSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name", read_only=True)
    worker_name = serializers.CharField(source="worker.name", read_only=True, allow_null=True)

    class Meta:
        model = Commendation
        fields = ["id", "honoree", "office", "office_name", "worker", "worker_name", "region",
                  "period", "reason", "commended_by", "commended_on"]  # fmt: skip


class CommendationViewSet(ScopedViewSet):
    """Commendations of offices and workers in your jurisdiction."""

    queryset = Commendation.objects.all()
    serializer_class = CommendationSerializer

    def scope(self, queryset):
        return queryset.select_related("office", "worker")


class QuerySerializer(serializers.Serializer):
    region = serializers.CharField(required=False, help_text=_("区划代码，默认您的辖区"))
    level = serializers.ChoiceField(choices=OfficeLevel.choices, required=False,
                                    help_text=_("4 街道（乡镇），5 社区（村）"))  # fmt: skip
    period = serializers.CharField(required=False, help_text=_("2026 或 2026-Q3，默认上一季度"))

    def validate_period(self, value):
        try:
            return periods.Period.parse(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


def score_data(score: Score) -> dict:
    return {
        "region": score.region.code, "name": score.region.name, "score": str(score.total),
        "full": str(score.weight), "rank": score.rank, "of": score.of,
        "previous_rank": score.previous, "movement": score.movement,
        "scheme": score.scheme.pk if score.scheme else None,
        "items": [{"indicator": part.item.indicator, "label": part.item.label,
                   "weight": str(part.item.weight), "value": None if part.value is None else str(part.value),
                   "target": None if part.target is None else str(part.target),
                   "points": str(part.points), "words": part.words} for part in score.parts],
    }  # fmt: skip


class PerformanceView(APIView):
    permission_classes = [IsAuthenticated]

    def question(self, request):
        if not request.user.has_perm("performance.view_score"):
            raise PermissionDenied
        query = QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return data, data.get("period") or periods.last_ended(timezone.localdate())


class RankingView(PerformanceView):
    """The offices of a region ranked by score (``?region=370102000000&level=4&period=2026-Q3``),
    each with its items explained and the movement since the previous period."""

    @extend_schema(parameters=[QuerySerializer], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        data, period = self.question(request)
        region = asked_region(request.user, data.get("region"))
        try:
            found = ranking(
                request.user, region, int(data.get("level") or OfficeLevel.TOWNSHIP), period
            )
        except DjangoValidationError as error:
            raise ValidationError({"level": error.messages}) from None
        return Response({"region": region.code, "level": found.level.value, "period": period.key,
                         "offices": [score_data(score) for score in found.scores]})  # fmt: skip


class OfficeView(PerformanceView):
    """An office's score of a period (``?period=2026-Q3``), item by item, ranked among its
    siblings."""

    @extend_schema(parameters=[QuerySerializer], responses=OpenApiTypes.OBJECT)
    def get(self, request, code):
        _data, period = self.question(request)
        region = office_region(request.user, code)
        return Response(
            {"period": period.key, **score_data(office_score(request.user, region, period))}
        )


def routes(router) -> None:
    router.register("performance/schemes", SchemeViewSet, basename="performance-scheme")
    router.register("performance/commendations", CommendationViewSet, basename="commendation")


urlpatterns = [
    path("performance/ranking/", RankingView.as_view(), name="api-performance-ranking"),
    path("performance/offices/<str:code>/", OfficeView.as_view(), name="api-performance-office"),
]
