"""The API of the yearly assessment: the counties' rounds (``/api/v1/assessment/rounds/``,
moved on at ``…/{id}/transitions/``) and the workers' assessments
(``/api/v1/assessment/assessments/``), with the worker's self-assessment at ``…/{id}/self/``,
a level's score at ``…/{id}/score/``, an adjustment of 绩 or 勤 at ``…/{id}/adjust/`` and the
county's decision at ``…/{id}/decide/``. Rounds are opened on the rounds page."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jiuye.assessment import services
from jiuye.assessment.choices import Decision, Dimension, ScorerLevel
from jiuye.assessment.filters import AssessmentFilter, RoundFilter
from jiuye.assessment.models import Assessment, Round, Score
from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin
from jiuye.core.drf import ViewPermission


class RoundSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Round
        fields = ["id", "region", "org", "year", "title", "state", "state_label", "due_on",
                  "weight_de", "weight_qin", "weight_ji", "weight_xiao", "weight_community",
                  "weight_township", "weight_county", "excellent_min", "competent_min", "basic_min",
                  "excellent_share", "visits_expected", "visit_share", "prefilled_at"]  # fmt: skip
        read_only_fields = fields


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["level", "de", "xiao", "note", "scored_by"]


class AssessmentSerializer(serializers.ModelSerializer):
    scores = ScoreSerializer(many=True, read_only=True)
    round_title = serializers.CharField(source="round.title", read_only=True)
    worker_name = serializers.CharField(source="worker.name", read_only=True)
    ji = serializers.DecimalField(max_digits=4, decimal_places=1, read_only=True, allow_null=True)
    qin = serializers.DecimalField(max_digits=4, decimal_places=1, read_only=True, allow_null=True)

    class Meta:
        model = Assessment
        fields = ["id", "round", "round_title", "region", "org", "worker", "worker_name", "position", "self_text", "self_submitted_at",
                  "ji", "ji_auto", "ji_sources", "ji_adjusted", "ji_reason", "qin", "qin_auto",
                  "qin_sources", "qin_adjusted", "qin_reason", "de", "xiao", "scores", "total", "grade",
                  "flagged", "decision", "decision_note", "decided_on"]  # fmt: skip
        read_only_fields = fields


class SelfSerializer(serializers.Serializer):
    text = serializers.CharField()


class ScoreInSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=ScorerLevel.choices)
    de = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=100)
    xiao = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=100)
    note = serializers.CharField(required=False, allow_blank=True)


class AdjustSerializer(serializers.Serializer):
    dimension = serializers.ChoiceField(choices=[Dimension.JI, Dimension.QIN])
    value = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=100,
                                     required=False, allow_null=True, help_text=_("不填则恢复为预填分数"))  # fmt: skip
    reason = serializers.CharField(required=False, allow_blank=True)


class AssessmentDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    note = serializers.CharField()


class RoundViewSet(WorkflowActionsMixin, EditableScopedViewSet):
    """The counties' yearly assessment rounds (年度考核) in the jurisdiction."""

    queryset = Round.objects.all()
    serializer_class = RoundSerializer
    filterset_class = RoundFilter


class AssessmentViewSet(EditableScopedViewSet):
    """The workers' assessments in the jurisdiction, each with its scores and the sources of
    its prefilled 绩 and 勤."""

    queryset = Assessment.objects.all()
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    item_name = "assessment"

    def scope(self, queryset):
        return (
            queryset.select_related("round", "worker").prefetch_related("scores")
            .order_by("round_id", "region_id", "pk")
        )  # fmt: skip

    def act(self, request, serializer_class, service):
        """Run ``service`` on the assessment with the small serializer's data (the service
        checks who may); answer with the assessment as it now is."""
        assessment = self.get_object()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        service(actor=request.user, assessment=assessment, **data.validated_data)
        assessment = self.get_queryset().get(pk=assessment.pk)
        return Response(AssessmentSerializer(assessment, context={"request": request}).data)

    @extend_schema(request=SelfSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], url_path="self", serializer_class=SelfSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def self_assessment(self, request, pk=None):
        return self.act(request, SelfSerializer, services.self_assess)

    @extend_schema(request=ScoreInSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=ScoreInSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def score(self, request, pk=None):
        return self.act(request, ScoreInSerializer, services.score_save)

    @extend_schema(request=AdjustSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=AdjustSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def adjust(self, request, pk=None):
        return self.act(request, AdjustSerializer, services.adjust)

    @extend_schema(request=AssessmentDecisionSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=AssessmentDecisionSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def decide(self, request, pk=None):
        return self.act(request, AssessmentDecisionSerializer, services.decide)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("assessment/rounds", RoundViewSet, basename="assessment-round")
    router.register("assessment/assessments", AssessmentViewSet, basename="assessment-assessment")
