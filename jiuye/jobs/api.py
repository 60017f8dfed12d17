from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.jobs import matching, services
from jiuye.jobs.choices import NotHiredReason, VacancyState
from jiuye.jobs.filters import (
    BoardFilter,
    EmployerFilter,
    ReferralFilter,
    SeekerFilter,
    VacancyFilter,
)
from jiuye.jobs.models import Employer, Industry, Occupation, Referral, Seeker, Vacancy
from jiuye.ledger.models import Person
from jiuye.regions.models import Region


class RegionCodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Region.objects.all(), **kwargs)


class OccupationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Occupation
        fields = ["code", "name", "level", "parent"]


class IndustrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Industry
        fields = ["code", "name", "section"]


class OccupationViewSet(viewsets.ReadOnlyModelViewSet):
    """The occupation classification (2022): reference data, the same for everyone."""

    queryset = Occupation.objects.all()
    serializer_class = OccupationSerializer
    filterset_fields = ["level", "parent"]


class IndustryViewSet(viewsets.ReadOnlyModelViewSet):
    """GB/T 4754-2017 sections and divisions: reference data."""

    queryset = Industry.objects.all()
    serializer_class = IndustrySerializer
    pagination_class = None


class EmployerSerializer(serializers.ModelSerializer):
    region = RegionCodeField()
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Employer
        fields = ["id", "credit_code", "name", "industry", "region", "address", "contact_name",
                  "contact_phone", "note", "version"]  # fmt: skip
        extra_kwargs = {"credit_code": {"validators": []}}  # the service says why at the field


class EmployerViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Employers of the jurisdiction; the credit code is checked (GB 32100-2015) and unique."""

    queryset = Employer.objects.all()
    serializer_class = EmployerSerializer
    filterset_class = EmployerFilter

    def scope(self, queryset):
        return queryset.select_related("region").order_by("name", "id")

    def perform_create(self, serializer):
        serializer.instance = services.employer_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        serializer.instance = services.employer_update(
            actor=self.request.user, employer=serializer.instance, expected_version=expected, **data
        )


class VacancySerializer(serializers.ModelSerializer):
    employer = serializers.PrimaryKeyRelatedField(queryset=Employer.objects.none())
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    occupation_name = serializers.CharField(source="occupation.name", read_only=True)
    region = RegionCodeField(help_text=_("工作地点的区划代码"))
    status = serializers.ChoiceField(source="state", choices=VacancyState.choices, read_only=True)
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Vacancy
        fields = ["id", "employer", "employer_name", "title", "occupation", "occupation_name", "posts", "hired",
                  "wage_min", "wage_max", "education", "skills", "description", "availability", "region",
                  "valid_until", "status", "registered_on", "version"]  # fmt: skip
        read_only_fields = ["hired", "status", "registered_on"]
        extra_kwargs = {"valid_until": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["employer"].queryset = Employer.objects.editable_by(request.user)


class MatchSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    reasons = serializers.SerializerMethodField()

    def get_reasons(self, match) -> list[dict]:
        return [{"points": points, "reason": words} for points, words in match.reasons]


class VacancyMatchSerializer(MatchSerializer):
    vacancy = serializers.SerializerMethodField()

    def get_vacancy(self, match) -> dict:
        return PublicVacancySerializer(match.item).data


class SeekerMatchSerializer(MatchSerializer):
    seeker = serializers.IntegerField(source="item.pk")
    name = serializers.CharField(source="item.person.name")
    region = serializers.CharField(source="item.region_id")


class VacancyViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Vacancies: those of the jurisdiction and every published one are readable; only the
    owning jurisdiction changes them (404 elsewhere). ``…/matches/``: the seekers of your
    jurisdiction ranked for it, with the reasons."""

    queryset = Vacancy.objects.all()
    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    read_actions = ("list", "retrieve", "matches")

    def scope(self, queryset):
        return queryset.select_related("employer", "occupation", "region").order_by(
            "-registered_on", "-id"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.vacancy_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        data.pop("employer", None)
        serializer.instance = services.vacancy_update(
            actor=self.request.user, vacancy=serializer.instance, expected_version=expected, **data
        )

    @extend_schema(responses=SeekerMatchSerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[ViewPermission])
    def matches(self, request, pk=None):
        vacancy = self.get_object()
        return Response(
            SeekerMatchSerializer(matching.seekers_for(vacancy, request.user), many=True).data
        )

    @extend_schema(request=None, responses=VacancySerializer)
    @action(detail=True, methods=["post"], permission_classes=[ViewPermission])
    def withdraw(self, request, pk=None):
        vacancy = self.get_object()
        services.vacancy_withdraw(actor=request.user, vacancy=vacancy)
        return Response(VacancySerializer(vacancy, context={"request": request}).data)


class SeekerSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    occupations = serializers.PrimaryKeyRelatedField(queryset=Occupation.objects.all(), many=True)
    places = RegionCodeField(many=True, required=False)
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Seeker
        fields = ["id", "person", "person_name", "occupations", "places", "wage_expected", "availability",
                  "available_from", "registered_on", "status", "hard_to_employ", "zero_household", "region",
                  "note", "version"]  # fmt: skip
        read_only_fields = ["registered_on", "status", "hard_to_employ", "zero_household", "region"]
        validators = []  # one active registration per person: the service says so at ``person``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.editable_by(request.user)


class SeekerViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Job seekers (求职登记) of the jurisdiction. ``…/matches/``: the published vacancies
    ranked for the seeker, with the reasons."""

    queryset = Seeker.objects.all()
    serializer_class = SeekerSerializer
    filterset_class = SeekerFilter

    def scope(self, queryset):
        return (
            queryset.with_person()
            .prefetch_related("occupations", "places")
            .order_by("-registered_on", "-id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.seeker_register(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        data.pop("person", None)
        serializer.instance = services.seeker_update(
            actor=self.request.user, seeker=serializer.instance, expected_version=expected, **data
        )

    @extend_schema(responses=VacancyMatchSerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[ViewPermission])
    def matches(self, request, pk=None):
        seeker = self.get_object()
        return Response(VacancyMatchSerializer(matching.vacancies_for(seeker), many=True).data)


class ReferralSerializer(serializers.ModelSerializer):
    seeker = serializers.PrimaryKeyRelatedField(queryset=Seeker.objects.none())
    seeker_name = serializers.CharField(source="seeker.person.name", read_only=True)
    vacancy = serializers.PrimaryKeyRelatedField(queryset=Vacancy.objects.none())
    number = serializers.CharField(read_only=True)
    state_label = serializers.CharField(read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "number", "seeker", "seeker_name", "vacancy", "org", "referred_on", "match_score", "state", "state_label",
                  "due_on", "interviewed_on", "hired_on", "contract_months", "social_insurance",
                  "not_hired_reason", "answer_note", "region"]  # fmt: skip
        read_only_fields = ["org", "referred_on", "state", "due_on", "interviewed_on", "hired_on", "contract_months",
                            "social_insurance", "not_hired_reason", "answer_note", "region"]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["seeker"].queryset = Seeker.objects.editable_by(request.user)
            self.fields["vacancy"].queryset = Vacancy.objects.visible_to(request.user)


class HireSerializer(serializers.Serializer):
    hired_on = serializers.DateField()
    contract_months = serializers.IntegerField(min_value=1, max_value=600)
    social_insurance = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class NotHiredSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=NotHiredReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


@extend_schema_view(transitions=extend_schema(responses=ReferralSerializer))
class ReferralViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, EditableScopedViewSet):
    """Referrals (职业介绍) of the jurisdiction's seekers; the employer's answer through
    ``…/hire/``, ``…/not-hired/`` and ``…/transitions/`` (``interview``, ``cancel``)."""

    queryset = Referral.objects.all()
    serializer_class = ReferralSerializer
    filterset_class = ReferralFilter
    item_name = "referral"

    def scope(self, queryset):
        return queryset.select_related("seeker__person").order_by("-referred_on", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.referral_create(
            actor=self.request.user, seeker=data["seeker"], vacancy=data["vacancy"],
            match_score=data.get("match_score"),
        )  # fmt: skip

    @extend_schema(request=HireSerializer, responses=ReferralSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=HireSerializer,
        permission_classes=[ViewPermission],
    )
    def hire(self, request, pk=None):
        return self.act(request, HireSerializer, services.referral_hire)

    @extend_schema(request=NotHiredSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"], url_path="not-hired", serializer_class=NotHiredSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def not_hired(self, request, pk=None):
        return self.act(request, NotHiredSerializer, services.referral_not_hired)


class PublicVacancySerializer(serializers.ModelSerializer):
    """What the public sees of a vacancy: nothing about any person."""

    employer = serializers.CharField(source="employer.name")
    employer_address = serializers.CharField(source="employer.address")
    employer_phone = serializers.CharField(source="employer.contact_phone")
    occupation_name = serializers.CharField(source="occupation.name")
    region_name = serializers.CharField(source="region.name")
    open_posts = serializers.IntegerField()

    class Meta:
        model = Vacancy
        fields = ["id", "title", "employer", "employer_address", "employer_phone", "occupation", "occupation_name",
                  "open_posts", "wage_min", "wage_max", "education", "skills", "description", "availability",
                  "region", "region_name", "valid_until"]  # fmt: skip


class PublicVacancyViewSet(viewsets.ReadOnlyModelViewSet):
    """Public, no login: the published vacancies (the job board), by place and occupation."""

    serializer_class = PublicVacancySerializer
    filterset_class = BoardFilter
    permission_classes = [AllowAny]
    authentication_classes = []

    def get_queryset(self):
        return (
            Vacancy.objects.published()
            .select_related("employer", "occupation", "region")
            .order_by("-registered_on", "-id")
        )


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("occupations", OccupationViewSet, basename="occupation")
    router.register("industries", IndustryViewSet, basename="industry")
    router.register("employers", EmployerViewSet, basename="employer")
    router.register("vacancies", VacancyViewSet, basename="vacancy")
    router.register("seekers", SeekerViewSet, basename="seeker")
    router.register("referrals", ReferralViewSet, basename="referral")
    # Public, no login: the job board's vacancies.
    router.register("public/vacancies", PublicVacancyViewSet, basename="public-vacancy")
