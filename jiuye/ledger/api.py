"""The resident ledger in the API: the same scope, filters and services as the pages.

Lists show identity numbers and phones masked; a single person's record shows them in full
to roles that need them (``ledger.view_person_identity``), and each such opening is logged."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from jiuye.core.api import EditableScopedViewSet, ScopedViewSet, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.core.services import access_log
from jiuye.ledger import services
from jiuye.ledger.choices import LabourStatus, TransferDestination
from jiuye.ledger.filters import PersonFilter
from jiuye.ledger.forms import PARTICULARS
from jiuye.ledger.models import Household, Person, StatusRecord
from jiuye.ledger.selectors import count_on, status_on
from jiuye.regions.codes import prefix_of
from jiuye.regions.models import Region
from jiuye.regions.selectors import jurisdiction_root


class StatusRecordSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = StatusRecord
        fields = ["id", "status", "status_label", "since", "until", "employer", "industry", "occupation",
                  "transfer_destination", "region", "note", "recorded_at"]  # fmt: skip


class PersonSerializer(serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())  # the 12-digit code
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    status = serializers.ChoiceField(choices=LabourStatus.choices)
    status_since = serializers.DateField()
    birth_date = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("列表中为空（以年龄代之）")
    )
    age = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", *PARTICULARS, "sex", "birth_date", "age", "region", "household", "relation", "status", "status_label",
                  "status_since", "employer", "industry", "occupation", "transfer_destination", "version"]  # fmt: skip
        read_only_fields = ["sex", "household", "relation"]
        # the service says why at the field, and no more than the user may know (a number
        # held in another jurisdiction is not named)
        extra_kwargs = {"id_number": {"validators": []}}

    def __init__(self, *args, full=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.full = full
        request = self.context.get("request")
        if request is not None:
            self.fields["region"].queryset = Region.objects.editable_by(request.user)
        if self.instance is not None:  # particulars only; status and region have their own actions
            for name in ("region", "status", "status_since", "employer", "industry", "occupation",
                         "transfer_destination"):  # fmt: skip
                self.fields[name].read_only = True

    def get_age(self, person) -> int:
        return person.age_on()

    def to_representation(self, person):
        data = super().to_representation(person)
        if not self.full:
            # With the birth date and region beside it a masked number could be rebuilt.
            data["id_number"], data["phone"] = person.masked_id_number, person.masked_phone
            data["birth_date"] = None
        return data


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=LabourStatus.choices)
    since = serializers.DateField()
    employer = serializers.CharField(required=False, allow_blank=True, max_length=100)
    industry = serializers.CharField(required=False, allow_blank=True, max_length=100)
    occupation = serializers.CharField(required=False, allow_blank=True, max_length=100)
    transfer_destination = serializers.ChoiceField(
        choices=TransferDestination.choices, required=False, allow_blank=True
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class OnDateSerializer(serializers.Serializer):
    date = serializers.DateField(required=False, help_text=_("默认今天"))


class PersonViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedViewSet):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def scope(self, queryset):
        return queryset.order_by("region_id", "id")

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action in ("update", "partial_update", "statuses"):
            return queryset & Person.objects.editable_by(self.request.user)
        return queryset

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        full = request.user.has_perm("ledger.view_person_identity")
        if full:
            access_log(actor=request.user, objs=[person], purpose="API")
        return Response(self.get_serializer(person, full=full).data)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        person, _warnings = services.person_create(actor=self.request.user, **data)
        serializer.instance = person

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        person = serializer.instance
        expected = expected_version(data)
        data.setdefault("id_number", person.id_number)
        data.setdefault("name", person.name)
        serializer.instance, _warnings = services.person_update(
            actor=self.request.user, person=person, expected_version=expected, **data
        )

    @extend_schema(request=StatusChangeSerializer, responses=StatusRecordSerializer(many=True))
    @action(detail=True, methods=["get", "post"], serializer_class=StatusChangeSerializer)
    def statuses(self, request, pk=None):
        """The person's labour status history; POST changes the status from a date."""
        person = self.get_object()
        if request.method == "POST":
            if not request.user.has_perm("ledger.change_person"):
                self.permission_denied(request)
            change = StatusChangeSerializer(data=request.data)
            change.is_valid(raise_exception=True)
            services.person_set_status(actor=request.user, person=person, **change.validated_data)
        records = person.status_records.order_by("since", "id")
        return Response(StatusRecordSerializer(records, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("date", str)],
        responses=inline_serializer(
            "StatusOn",
            {"date": serializers.DateField(), "record": StatusRecordSerializer(allow_null=True)},
        ),
    )
    @action(detail=True, methods=["get"], url_path="status-on", serializer_class=OnDateSerializer)
    def status_on(self, request, pk=None):
        """The person's labour status period in force on ``?date=YYYY-MM-DD`` (today by default;
        ``record`` is null before the first period)."""
        person = self.get_object()
        query = OnDateSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("date") or timezone.localdate()
        record = status_on(person, day)
        return Response(
            {"date": day, "record": StatusRecordSerializer(record).data if record else None}
        )


class HouseholdSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Household
        fields = ["id", "region", "address", "has_dibao", "has_business_income", "income_per_capita", "note",
                  "members", "version"]  # fmt: skip
        read_only_fields = ["region"]

    def get_members(self, household) -> list[dict]:
        return [{"id": p.id, "name": p.name, "relation": p.relation, "status": p.status}
                for p in household.members.all()]  # fmt: skip


class HouseholdViewSet(mixins.UpdateModelMixin, EditableScopedViewSet):
    """Households; ``PATCH`` corrects the address and means (低保, operating or investment
    income, per-capita income) that the zero-employment household rules read."""

    queryset = Household.objects.all()
    serializer_class = HouseholdSerializer

    def scope(self, queryset):
        return queryset.prefetch_related("members").order_by("region_id", "id")

    def perform_update(self, serializer):
        data, household = dict(serializer.validated_data), serializer.instance
        expected = expected_version(data)
        for name in ("address", "has_dibao", "has_business_income", "income_per_capita", "note"):
            data.setdefault(name, getattr(household, name))
        serializer.instance = services.household_update(
            actor=self.request.user, household=household, expected_version=expected, **data
        )


class StatusCountSerializer(serializers.Serializer):
    region = serializers.CharField(
        min_length=12, max_length=12, required=False, help_text=_("默认本辖区")
    )
    date = serializers.DateField(required=False, help_text=_("默认今天"))
    status = serializers.ChoiceField(choices=LabourStatus.choices, default=LabourStatus.UNEMPLOYED)


class StatusCountView(APIView):
    """How many residents of a region had a labour status on a date (default: unemployed),
    counted where they lived then: ``?region=370102000000&date=2026-01-31``."""

    permission_classes = [ViewPermission]
    queryset = Person.objects.none()  # for the permission: ledger.view_person

    @extend_schema(
        parameters=[OpenApiParameter("region", str), OpenApiParameter("date", str), OpenApiParameter("status", str)],
        responses=inline_serializer("StatusCount", {"region": serializers.CharField(), "date": serializers.DateField(),
                                                    "status": serializers.CharField(), "count": serializers.IntegerField()}),
    )  # fmt: skip
    def get(self, request):
        query = StatusCountSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        root = jurisdiction_root(request.user)
        code = data.get("region") or (root.code if root else "")
        region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
        data["date"] = data.get("date") or timezone.localdate()
        count = count_on(prefix_of(region.code), data["date"], data["status"])
        return Response(
            {"region": region.code, "date": data["date"], "status": data["status"], "count": count}
        )


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("persons", PersonViewSet, basename="person")
    router.register("households", HouseholdViewSet, basename="household")


urlpatterns = [
    path("statistics/status-count/", StatusCountView.as_view(), name="api-status-count"),
]
