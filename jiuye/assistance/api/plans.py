"""The API of assistance plans, their measures and the services given."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jiuye.assistance import services
from jiuye.assistance.models import AssistanceService, Identification, Measure, Plan
from jiuye.core.api import EditableScopedViewSet, ScopedViewSet, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.staff.models import User


class MeasureSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.none())
    # any active worker; the service checks they work for the case's community, township or county
    responsible = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        error_messages={"does_not_exist": services.NOT_A_CASE_WORKER},
    )

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
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

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
        model = AssistanceService
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
        model = AssistanceService
        fields = ["identification"]


class ServiceViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """AssistanceService records of assistance targets; ``?identification=`` those of one case."""

    queryset = AssistanceService.objects.all()
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter

    def scope(self, queryset):
        return queryset.select_related("worker").order_by("-on", "-id")

    def perform_create(self, serializer):
        serializer.instance = services.service_record(
            actor=self.request.user, **serializer.validated_data
        )
