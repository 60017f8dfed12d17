import django_filters
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from jiuye.assistance import services
from jiuye.assistance.choices import ExitReason
from jiuye.assistance.dashboard import dashboard
from jiuye.assistance.filters import IdentificationFilter, ZeroHouseholdFilter
from jiuye.assistance.models import (
    Card,
    Category,
    Identification,
    Measure,
    Plan,
    Service,
    ZeroHousehold,
)
from jiuye.core.api import (
    EditableScopedViewSet,
    ScopedViewSet,
    WorkflowActionsMixin,
    expected_version,
)
from jiuye.core.drf import ViewPermission
from jiuye.ledger.models import Person
from jiuye.regions.models import Region
from jiuye.regions.selectors import jurisdiction_root
from jiuye.staff.models import User


class IdentificationSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.filter(is_active=True))
    category_name = serializers.CharField(source="category.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    card_number = serializers.CharField(source="card.number", read_only=True, default=None)
    version = serializers.IntegerField(required=False, help_text="修改时必填：读取时的版本号")

    class Meta:
        model = Identification
        fields = ["id", "person", "person_name", "category", "category_name", "origin", "applied_on", "situation",
                  "investigation", "state", "state_label", "due_on", "assignee", "region", "notice_starts_on",
                  "notice_ends_on", "identified_on", "exited_on", "exit_reason", "card_number", "version"]  # fmt: skip
        read_only_fields = ["state", "due_on", "assignee", "region", "notice_starts_on", "notice_ends_on",
                            "identified_on", "exited_on", "exit_reason"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.editable_by(request.user)


class ObjectionSerializer(serializers.Serializer):
    content = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    upheld = serializers.BooleanField(
        help_text="true：异议成立，不予认定；false：异议不成立，重新公示"
    )
    outcome = serializers.CharField()


class ExitSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=[c for c in ExitReason.choices if c[0] != ExitReason.MOVED]
    )
    on = serializers.DateField()
    comment = serializers.CharField()


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=100)
    file = serializers.FileField()


@extend_schema_view(transitions=extend_schema(responses=IdentificationSerializer))
class IdentificationViewSet(
    WorkflowActionsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet
):
    """Identifications of hard-to-employ persons. The investigation is written (PUT/PATCH with
    ``version``) while the case is at the community; ``…/transitions/`` moves it along;
    evidence (``…/attachments/``, multipart), objections during the notice, and the exit."""

    queryset = Identification.objects.all()
    serializer_class = IdentificationSerializer
    filterset_class = IdentificationFilter
    item_name = "identification"

    def scope(self, queryset):
        return queryset.with_person().select_related("card").order_by("-applied_on", "-id")

    def get_permissions(self):
        if self.action in ("update", "partial_update"):  # the service checks the first review
            return [ViewPermission()]
        return super().get_permissions()

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.identification_apply(
            actor=self.request.user, person=data["person"], category=data["category"],
            origin=data.get("origin", "application"), situation=data.get("situation", ""),
            applied_on=data.get("applied_on"),
        )  # fmt: skip

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        fields = {
            name: data[name] for name in ("category", "situation", "investigation") if name in data
        }
        serializer.instance = services.identification_update(
            actor=self.request.user,
            identification=serializer.instance,
            expected_version=expected,
            **fields,
        )

    @extend_schema(request=AttachmentSerializer, responses=IdentificationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=AttachmentSerializer,
        permission_classes=[ViewPermission],
    )
    def attachments(self, request, pk=None):
        return self.act(request, AttachmentSerializer, services.attachment_add)

    @extend_schema(request=ObjectionSerializer, responses=IdentificationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=ObjectionSerializer,
        permission_classes=[ViewPermission],
    )
    def objections(self, request, pk=None):
        return self.act(request, ObjectionSerializer, services.objection_record)

    @extend_schema(request=DecisionSerializer, responses=IdentificationSerializer)
    @action(detail=True, methods=["post"], url_path="objection-decision", serializer_class=DecisionSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def objection_decision(self, request, pk=None):
        return self.act(request, DecisionSerializer, services.objection_decide)

    @extend_schema(request=ExitSerializer, responses=IdentificationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=ExitSerializer,
        permission_classes=[ViewPermission],
    )
    def exit(self, request, pk=None):
        return self.act(request, ExitSerializer, services.identification_exit)


class CardSerializer(serializers.ModelSerializer):
    valid = serializers.BooleanField(source="is_valid", read_only=True)
    category = serializers.CharField(source="identification.category.name", read_only=True)
    person_name = serializers.CharField(source="identification.person.name", read_only=True)

    class Meta:
        model = Card
        fields = [
            "id",
            "number",
            "identification",
            "person_name",
            "category",
            "valid",
            "issued_on",
            "issued_by",
        ]


class CardViewSet(ScopedViewSet):
    """Assistance cards of the jurisdiction."""

    queryset = Card.objects.all()
    serializer_class = CardSerializer

    def scope(self, queryset):
        return queryset.select_related(
            "identification__person", "identification__category"
        ).order_by("-id")


class CardVerifyView(APIView):
    """Public: whether a card (by the token in its QR code) is valid, and its category."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses=None)
    def get(self, request, token):
        card = get_object_or_404(
            Card.objects.select_related("identification__category"), token=token
        )
        return Response({"valid": card.is_valid, "category": card.identification.category.name})


class MeasureSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.none())
    # any active worker; the service checks they work for the case's community, township or county
    responsible = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))

    class Meta:
        model = Measure
        fields = ["id", "plan", "kind", "description", "responsible", "due_on", "done_on", "result"]
        read_only_fields = ["done_on", "result"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["plan"].queryset = Plan.objects.editable_by(request.user)


class PlanSerializer(serializers.ModelSerializer):
    identification = serializers.PrimaryKeyRelatedField(queryset=Identification.objects.none())
    measures = MeasureSerializer(many=True, read_only=True)
    version = serializers.IntegerField(required=False, help_text="修改时必填：读取时的版本号")

    class Meta:
        model = Plan
        fields = ["id", "identification", "goals", "agreement_signed_on", "measures", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["identification"].queryset = Identification.objects.editable_by(
                request.user
            )


class PlanViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """One person, one plan: goals, the agreement's signing date, and the measures."""

    queryset = Plan.objects.all()
    serializer_class = PlanSerializer

    def scope(self, queryset):
        return queryset.prefetch_related("measures").order_by("-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.plan_create(
            actor=self.request.user,
            identification=data["identification"],
            goals=data["goals"],
            agreement_signed_on=data.get("agreement_signed_on"),
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        plan = serializer.instance
        serializer.instance = services.plan_update(
            actor=self.request.user, plan=plan, expected_version=expected_version(data), goals=data.get("goals", plan.goals),
            agreement_signed_on=data.get("agreement_signed_on", plan.agreement_signed_on),
        )  # fmt: skip


class MeasureDoneSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    result = serializers.CharField(max_length=200)


class MeasureViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """The measures of plans; ``?mine=1`` those the user is responsible for; ``…/done/``."""

    queryset = Measure.objects.all()
    serializer_class = MeasureSerializer

    def scope(self, queryset):
        if self.request.query_params.get("mine"):
            queryset = queryset.filter(responsible=self.request.user)
        return queryset.order_by("due_on", "id")

    def perform_create(self, serializer):
        serializer.instance = services.measure_add(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=MeasureDoneSerializer, responses=MeasureSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=MeasureDoneSerializer,
        permission_classes=[ViewPermission],
    )
    def done(self, request, pk=None):
        measure = self.get_object()
        data = MeasureDoneSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.measure_done(actor=request.user, measure=measure, **data.validated_data)
        return Response(MeasureSerializer(measure, context={"request": request}).data)


class ServiceSerializer(serializers.ModelSerializer):
    identification = serializers.PrimaryKeyRelatedField(queryset=Identification.objects.none())
    measure = serializers.PrimaryKeyRelatedField(
        queryset=Measure.objects.none(), required=False, allow_null=True
    )
    worker_name = serializers.CharField(source="worker.name", read_only=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "identification",
            "measure",
            "kind",
            "on",
            "content",
            "result",
            "worker",
            "worker_name",
        ]
        read_only_fields = ["worker"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["identification"].queryset = Identification.objects.editable_by(
                request.user
            )
            self.fields["measure"].queryset = Measure.objects.editable_by(request.user)


class ServiceFilter(django_filters.FilterSet):
    identification = django_filters.NumberFilter(field_name="identification_id")

    class Meta:
        model = Service
        fields = ["identification"]


class ServiceViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """Service records of assistance targets; ``?identification=`` those of one case."""

    queryset = Service.objects.all()
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter

    def scope(self, queryset):
        return queryset.select_related("worker").order_by("-on", "-id")

    def perform_create(self, serializer):
        serializer.instance = services.service_record(
            actor=self.request.user, **serializer.validated_data
        )


class ZeroHouseholdSerializer(serializers.ModelSerializer):
    days_open = serializers.SerializerMethodField()
    head_name = serializers.CharField(read_only=True, help_text="户主姓名")
    members = serializers.PrimaryKeyRelatedField(
        source="household.members", many=True, read_only=True
    )

    class Meta:
        model = ZeroHousehold
        fields = ["id", "household", "head_name", "members", "kind", "state", "region", "appeared_on", "days_open", "identified_on",
                  "supported_on", "support_plan", "responsible", "ended_on", "stable_since", "closed_on"]  # fmt: skip

    def get_days_open(self, case) -> int:
        return case.days_open()


class SupportSerializer(serializers.Serializer):
    support_plan = serializers.CharField()
    # any active worker; the service checks they work for the case's community, township or county
    responsible = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class ZeroHouseholdViewSet(ScopedViewSet):
    """Zero-employment households found from the ledger (open ones unless ``?state=``);
    ``…/identify/`` (认定一户) and ``…/support/`` (扶持一户)."""

    queryset = ZeroHousehold.objects.all()
    serializer_class = ZeroHouseholdSerializer
    filterset_class = ZeroHouseholdFilter

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

    def _answer(self, request, case):
        case.refresh_from_db()
        return Response(ZeroHouseholdSerializer(case, context={"request": request}).data)

    @extend_schema(request=None, responses=ZeroHouseholdSerializer)
    @action(detail=True, methods=["post"], permission_classes=[ViewPermission])
    def identify(self, request, pk=None):
        case = self.get_object()
        services.household_identify(actor=request.user, case=case)
        return self._answer(request, case)

    @extend_schema(request=SupportSerializer, responses=ZeroHouseholdSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=SupportSerializer,
        permission_classes=[ViewPermission],
    )
    def support(self, request, pk=None):
        case = self.get_object()
        data = SupportSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        services.household_support(actor=request.user, case=case, **data.validated_data)
        return self._answer(request, case)


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
            "region": region.code, "date": board["today"], "limit_days": board["limit"], "total": board["total"],
            "children": [{"region": child.code, "name": child.name, **row} for child, row in board["children"]],
            "categories": [{"id": category.pk, "name": category.name, "identified": n}
                           for category, n in board["categories"]],
            "exits": {value: n for value, _label, n in board["exits"]},
        })  # fmt: skip


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("identifications", IdentificationViewSet, basename="identification")
    router.register("cards", CardViewSet, basename="card")
    router.register("plans", PlanViewSet, basename="plan")
    router.register("measures", MeasureViewSet, basename="measure")
    router.register("services", ServiceViewSet, basename="service")
    router.register("zero-households", ZeroHouseholdViewSet, basename="zerohousehold")


urlpatterns = [
    path("statistics/assistance/", DashboardView.as_view(), name="api-assistance-dashboard"),
    path("cards/verify/<str:token>/", CardVerifyView.as_view(), name="api-card-verify"),
]
