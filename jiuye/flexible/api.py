"""The API of flexible employment: registrations (``/api/v1/flexible-jobs/``), their end, their
periodic checks (``…/{id}/checks/``) and the subsidy's months (``…/{id}/months/``)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jiuye.core.api import EditableScopedViewSet, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.flexible import services
from jiuye.flexible.choices import EndReason
from jiuye.flexible.filters import FlexibleJobFilter
from jiuye.flexible.models import Check, FlexibleJob
from jiuye.flexible.subsidy import months_of
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person


class FlexibleJobSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = FlexibleJob
        fields = ["id", "person", "person_name", "form", "work", "place", "started_on", "monthly_income",
                  "insured", "insured_since", "insured_until", "contribution", "registered_on", "next_check_on",
                  "ended_on", "end_reason", "end_note", "note", "region", "version"]  # fmt: skip
        read_only_fields = [
            "registered_on",
            "next_check_on",
            "ended_on",
            "end_reason",
            "end_note",
            "region",
        ]
        validators = []  # one open registration per person: the service says so at ``person``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.editable_by(request.user)


class FlexibleCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = Check
        fields = ["id", "checked_on", "checked_by", "still_working", "still_insured", "note"]
        read_only_fields = ["checked_by"]


class FlexibleEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=EndReason.choices)
    status = serializers.ChoiceField(
        choices=[c for c in LabourStatus.choices if c[0] != LabourStatus.FLEXIBLE],
        default=LabourStatus.UNEMPLOYED,
    )
    employer = serializers.CharField(required=False, allow_blank=True, max_length=100)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)
    version = serializers.IntegerField(help_text=_("读取时的版本号"))


class FlexibleMonthSerializer(serializers.Serializer):
    period = serializers.CharField()
    claimed = serializers.BooleanField()
    granted = serializers.BooleanField()
    amount = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    explanation = serializers.CharField()


class FlexibleJobViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Flexible employment registrations (灵活就业登记) of the jurisdiction. ``…/end/`` ends one
    (the ledger status follows); ``…/checks/`` lists the periodic checks (GET) or records one
    (POST); ``…/months/`` shows every month of the social-insurance subsidy and why."""

    queryset = FlexibleJob.objects.all()
    serializer_class = FlexibleJobSerializer
    filterset_class = FlexibleJobFilter
    read_actions = ("list", "retrieve", "months")

    def scope(self, queryset):
        return queryset.with_person().order_by("-started_on", "-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        data.pop("insured_until", None)
        serializer.instance = services.flexible_register(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        for fixed in ("person", "started_on"):
            data.pop(fixed, None)
        serializer.instance = services.flexible_update(
            actor=self.request.user, job=serializer.instance, expected_version=expected, **data
        )

    def _answer(self, request, job):
        job.refresh_from_db()
        return Response(FlexibleJobSerializer(job, context={"request": request}).data)

    @extend_schema(request=FlexibleEndSerializer, responses=FlexibleJobSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=FlexibleEndSerializer,
        permission_classes=[ViewPermission],
    )
    def end(self, request, pk=None):
        job = self.get_object()
        data = FlexibleEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.flexible_end(
            actor=request.user, job=job, expected_version=values.pop("version"), **values
        )
        return self._answer(request, job)

    @extend_schema(methods=["GET"], request=None, responses=FlexibleCheckSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=FlexibleCheckSerializer, responses={201: FlexibleCheckSerializer}
    )
    @action(detail=True, methods=["get", "post"], serializer_class=FlexibleCheckSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def checks(self, request, pk=None):
        job = self.get_object()
        if request.method == "GET":
            return Response(FlexibleCheckSerializer(job.checks.all(), many=True).data)
        data = FlexibleCheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check = services.check_record(actor=request.user, job=job, **data.validated_data)
        return Response(FlexibleCheckSerializer(check).data, status=201)

    @extend_schema(request=None, responses=FlexibleMonthSerializer(many=True))
    @action(
        detail=True, methods=["get"], permission_classes=[ViewPermission], pagination_class=None
    )
    def months(self, request, pk=None):
        job = self.get_object()
        rows = [
            {"period": row.period, "claimed": row.line is not None,
             "granted": row.line is not None or row.decision.granted,
             "amount": row.line.amount if row.line else row.decision.amount,
             "explanation": row.line.explanation if row.line else row.decision.words}
            for row in months_of(job, timezone.localdate())
        ]  # fmt: skip
        return Response(FlexibleMonthSerializer(rows, many=True).data)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("flexible-jobs", FlexibleJobViewSet, basename="flexiblejob")
