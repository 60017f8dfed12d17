from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin
from jiuye.core.drf import ViewPermission
from jiuye.subsidies import services
from jiuye.subsidies.filters import ClaimFilter
from jiuye.subsidies.models import Claim, ClaimLine


class ClaimLineSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = ClaimLine
        fields = [
            "id",
            "person",
            "person_name",
            "region",
            "kind",
            "period",
            "amount",
            "explanation",
            "void",
        ]


class ClaimSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    lines = ClaimLineSerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "kind", "kind_label", "org", "org_name", "region", "month", "count", "total", "state", "state_label",
                  "due_on", "lines"]  # fmt: skip


class PrepareSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="补贴类别代码，如 job_introduction")
    month = serializers.DateField(help_text="该月任一天，如 2026-11-01")


@extend_schema_view(transitions=extend_schema(responses=ClaimSerializer))
class ClaimViewSet(WorkflowActionsMixin, EditableScopedViewSet):
    """Subsidy claims of the jurisdiction, one per office, kind and month, each line with the
    words that explain its amount. ``prepare`` collects (or updates) the claim of your office;
    ``…/transitions/`` submits and approves it (HR, then finance)."""

    queryset = Claim.objects.all()
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter

    def scope(self, queryset):
        return (
            queryset.select_related("org")
            .prefetch_related("lines__person")
            .order_by("-month", "-id")
        )

    @extend_schema(request=PrepareSerializer, responses=ClaimSerializer)
    @action(
        detail=False,
        methods=["post"],
        serializer_class=PrepareSerializer,
        permission_classes=[ViewPermission],
    )
    def prepare(self, request):
        data = PrepareSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = services.claim_prepare(actor=request.user, **data.validated_data)
        return Response(ClaimSerializer(claim).data, status=201)
