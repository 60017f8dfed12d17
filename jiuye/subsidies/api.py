from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from jiuye.core import money
from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.regions.selectors import asked_region
from jiuye.subsidies import kinds, services
from jiuye.subsidies.filters import BudgetFilter, ClaimFilter
from jiuye.subsidies.models import Budget, Claim, ClaimLine
from jiuye.subsidies.report import check_month, latest_month, programme_report
from jiuye.subsidies.selectors import Use, budget_uses


class ClaimLineSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True, allow_null=True)
    office_name = serializers.CharField(source="office.name", read_only=True, allow_null=True)

    class Meta:
        model = ClaimLine
        fields = [
            "id",
            "person",
            "person_name",
            "office",
            "office_name",
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
    kind = serializers.CharField(help_text=_("补贴类别代码，如 job_introduction"))
    month = serializers.DateField(help_text=_("该月任一天，如 2026-11-01"))


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
            .prefetch_related("lines__person", "lines__office")
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


class BudgetSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=())
    kind_label = serializers.CharField(read_only=True)
    spent = serializers.SerializerMethodField(help_text=_("已核准拨付（元）"))
    pending = serializers.SerializerMethodField(help_text=_("审核中（元）"))
    balance = serializers.SerializerMethodField(help_text=_("余额（元）"))
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Budget
        fields = ["id", "region", "year", "kind", "kind_label", "amount", "note", "spent", "pending", "balance",
                  "version"]  # fmt: skip
        read_only_fields = ["region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds.choices()

    def _use(self, budget) -> Use:
        """One grouped query for all budgets of a list (the list serializer's instances)."""
        uses = self.context.setdefault("uses", {})
        if budget.pk not in uses:
            listed = getattr(self.parent, "instance", None)
            uses.update(budget_uses(listed if listed is not None else [budget]))
        return uses[budget.pk]

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_spent(self, budget):
        return money.text(self._use(budget).spent)

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_pending(self, budget):
        return money.text(self._use(budget).pending)

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_balance(self, budget):
        return money.text(self._use(budget).balance(budget))


class BudgetViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Budgets of the jurisdiction's counties by year and kind, with what approved claims
    spent, what claims in approval would spend and the balance. County finance keeps them;
    an update changes the amount and note (``version`` required)."""

    queryset = Budget.objects.all()
    serializer_class = BudgetSerializer
    filterset_class = BudgetFilter

    def scope(self, queryset):
        return queryset.order_by("-year", "region_id", "kind")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.budget_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        budget = serializer.instance
        serializer.instance = services.budget_update(
            actor=self.request.user, budget=budget, expected_version=expected,
            amount=data.get("amount", budget.amount), note=data.get("note", budget.note),
        )  # fmt: skip


class ReportQuerySerializer(serializers.Serializer):
    region = serializers.CharField(required=False, help_text=_("区划代码，默认为本人管辖范围"))
    month = serializers.DateField(required=False, help_text=_("该月任一天，默认本月"))

    def validate_month(self, value):
        try:
            return check_month(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class ReportView(APIView):
    """The programmes report of a region and month (``?region=370102000000&month=2026-11-01``):
    for the region and each region below it, the approved subsidies by kind (persons, amount)
    and the figures of posts, training and loans. Limited to your jurisdiction."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[ReportQuerySerializer], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        if not request.user.has_perm("subsidies.view_report"):
            raise PermissionDenied
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        region = asked_region(request.user, query.validated_data.get("region"))
        month = query.validated_data.get("month") or latest_month(request.user, region)
        report = programme_report(request.user, region, month)

        def row(each):
            head = (
                {"region": each.region.code, "name": each.region.name, "own": each.own}
                if each.region
                else {}
            )
            return {**head, "values": values(each)}

        def values(each):  # amounts as strings with two decimals, like every amount here
            return {code: money.text(value) if code in amounts else value
                    for code, value in each.values.items()}  # fmt: skip

        amounts = {column.code for column in report.columns if column.is_money}

        return Response({
            "region": region.code, "month": f"{report.month:%Y-%m}",
            "columns": [{"code": column.code, "label": str(column.label), "unit": str(column.unit),
                         "definition": str(column.definition), "ratio": column.ratio}
                        for column in report.columns],
            "rows": [row(each) for each in report.rows], "total": values(report.total),
        })  # fmt: skip


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("claims", ClaimViewSet, basename="claim")
    router.register("budgets", BudgetViewSet, basename="budget")


urlpatterns = [
    path("statistics/programmes/", ReportView.as_view(), name="api-programmes-report"),
]
