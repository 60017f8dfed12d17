"""The API of this line of work, registered on the project's router by ``register``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.ledger.models import Person
from jiuye.startups import selectors, services
from jiuye.startups.choices import EntrepreneurState, ServiceKind
from jiuye.startups.filters import EntrepreneurFilter, LoanFilter
from jiuye.startups.models import Entrepreneur, Instalment, Loan, StartupService


class StartupServiceSerializer(serializers.ModelSerializer):
    startup_service_kind = serializers.ChoiceField(source="kind", choices=ServiceKind.choices)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = StartupService
        fields = ["id", "startup_service_kind", "kind_label", "on", "details", "by"]
        read_only_fields = ["by"]


class EntrepreneurSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    services = StartupServiceSerializer(many=True, read_only=True)
    entrepreneur_state = serializers.ChoiceField(source="state", choices=EntrepreneurState.choices,
                                                 required=False)  # fmt: skip
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Entrepreneur
        fields = ["id", "person", "person_name", "trade", "idea", "registered_on", "entrepreneur_state",
                  "started_on", "jobs_created", "note", "region", "services", "version"]  # fmt: skip
        read_only_fields = ["registered_on", "region"]
        validators = []  # one registration per person: the service says so at ``person``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.editable_by(request.user)


class ServiceInputSerializer(serializers.Serializer):
    startup_service_kind = serializers.ChoiceField(choices=ServiceKind.choices)
    on = serializers.DateField()
    details = serializers.CharField()


@extend_schema_view(
    services=extend_schema(request=ServiceInputSerializer, responses=EntrepreneurSerializer)
)
class EntrepreneurViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Would-be entrepreneurs (创业意愿登记) of the jurisdiction and their "1+3" services;
    ``…/services/`` records a service."""

    queryset = Entrepreneur.objects.all()
    serializer_class = EntrepreneurSerializer
    filterset_class = EntrepreneurFilter

    def scope(self, queryset):
        return queryset.with_person().prefetch_related("services").order_by("-registered_on", "-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        data.pop("state", None)
        serializer.instance = services.entrepreneur_register(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        serializer.instance = services.entrepreneur_update(
            actor=self.request.user, entrepreneur=serializer.instance, expected_version=expected,
            **data,
        )  # fmt: skip

    @action(detail=True, methods=["post"], permission_classes=[ViewPermission],
            serializer_class=ServiceInputSerializer)  # fmt: skip
    def services(self, request, pk=None):
        entrepreneur = self.get_object()
        data = ServiceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.service_record(actor=request.user, entrepreneur=entrepreneur,
                                kind=values.pop("startup_service_kind"), **values)  # fmt: skip
        entrepreneur.refresh_from_db()
        return Response(EntrepreneurSerializer(entrepreneur, context={"request": request}).data)


class InstalmentSerializer(serializers.ModelSerializer):
    subsidy = serializers.SerializerMethodField()
    subsidy_status = serializers.SerializerMethodField()
    subsidy_explanation = serializers.SerializerMethodField()

    class Meta:
        model = Instalment
        fields = ["number", "due_on", "principal", "interest", "paid_amount", "paid_on", "extension",
                  "subsidy", "subsidy_status", "subsidy_explanation"]  # fmt: skip

    def _line(self, row):
        return self.context.get("interest", {}).get(row.number)

    def get_subsidy(self, row) -> str | None:
        line = self._line(row)
        return None if line is None or line.subsidy is None else str(line.subsidy)

    def get_subsidy_status(self, row) -> str:
        line = self._line(row)
        return line.status if line else ""

    def get_subsidy_explanation(self, row) -> str:
        line = self._line(row)
        return line.explanation if line else ""


class LoanSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    number = serializers.CharField(read_only=True)
    state_label = serializers.CharField(read_only=True)
    schedule = serializers.SerializerMethodField()
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Loan
        fields = ["id", "number", "person", "person_name", "region", "org", "applied_on", "partners", "amount",
                  "term_months", "project", "micro_profit", "guarantee_kind", "guarantor", "bank",
                  "contract_number", "annual_rate", "disbursed_on", "ends_on", "extended_months",
                  "extended_until", "repaid_on", "refusal_reason", "state", "state_label", "due_on", "note",
                  "schedule", "version"]  # fmt: skip
        read_only_fields = ["region", "org", "applied_on", "bank", "contract_number", "annual_rate",
                            "disbursed_on", "ends_on", "extended_months", "extended_until", "repaid_on",
                            "refusal_reason", "state", "due_on"]  # fmt: skip
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.editable_by(request.user)

    def get_schedule(self, loan) -> list[dict]:
        """The instalments with each month's interest subsidy or the reason it is refused
        (detail only)."""
        if isinstance(self.parent, serializers.ListSerializer):
            return []
        lines = {line.instalment.number: line for line in selectors.interest_schedule(loan)}
        return InstalmentSerializer(loan.instalments.all(), many=True,
                                    context={"interest": lines}).data  # fmt: skip


class BankApproveSerializer(serializers.Serializer):
    bank = serializers.CharField(max_length=100)
    contract_number = serializers.CharField(max_length=50)
    annual_rate = serializers.DecimalField(max_digits=6, decimal_places=4)
    disbursed_on = serializers.DateField()
    comment = serializers.CharField(required=False, allow_blank=True)


class RepaymentSerializer(serializers.Serializer):
    paid_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class ExtensionSerializer(serializers.Serializer):
    months = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(max_length=200)


class RecoverySerializer(serializers.Serializer):
    on = serializers.DateField()
    action = serializers.CharField(max_length=200)
    result = serializers.CharField(max_length=200, required=False, allow_blank=True)


@extend_schema_view(transitions=extend_schema(responses=LoanSerializer))
class LoanViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                  EditableScopedViewSet):  # fmt: skip
    """Small guaranteed loans (小额担保贷款) of the jurisdiction. Created and changed by the
    community while applied; steps through ``…/transitions/`` (``township_approve``,
    ``county_approve``, ``bank_refuse``, ``disburse``, ``withdraw`` …); the bank's approval
    through ``…/bank-approval/``; ``…/repayments/``, ``…/extension/``, ``…/recoveries/``."""

    queryset = Loan.objects.all()
    serializer_class = LoanSerializer
    filterset_class = LoanFilter
    item_name = "loan"

    def scope(self, queryset):
        return (
            queryset.with_parties().prefetch_related("instalments").order_by("-applied_on", "-id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.loan_apply(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        serializer.instance = services.loan_update(
            actor=self.request.user, loan=serializer.instance, expected_version=expected, **data
        )

    @extend_schema(request=BankApproveSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], url_path="bank-approval", serializer_class=BankApproveSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def bank_approval(self, request, pk=None):
        return self.act(request, BankApproveSerializer, services.loan_bank_approve)

    @extend_schema(request=RepaymentSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], serializer_class=RepaymentSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def repayments(self, request, pk=None):
        return self.act(request, RepaymentSerializer, services.repayment_record)

    @extend_schema(request=ExtensionSerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], serializer_class=ExtensionSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def extension(self, request, pk=None):
        return self.act(request, ExtensionSerializer, services.loan_extend)

    @extend_schema(request=RecoverySerializer, responses=LoanSerializer)
    @action(detail=True, methods=["post"], serializer_class=RecoverySerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def recoveries(self, request, pk=None):
        return self.act(request, RecoverySerializer, services.recovery_record)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("startups/entrepreneurs", EntrepreneurViewSet, basename="startup-entrepreneur")
    router.register("startups/loans", LoanViewSet, basename="startup-loan")
