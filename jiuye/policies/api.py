"""The API of the policy library: policies (``/api/v1/policies/policies/``, ``?q=`` searches
them, most relevant first), consultations (``/api/v1/policies/consultations/``) and
good-practice cases (``/api/v1/policies/practices/``, published at ``…/{id}/publish/``)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jiuye.core.api import EditableScopedViewSet, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.ledger.models import Person
from jiuye.policies import services
from jiuye.policies.filters import ConsultationFilter, GoodPracticeFilter, PolicyFilter
from jiuye.policies.models import Consultation, GoodPractice, Policy
from jiuye.regions.codes import Level
from jiuye.regions.models import Region, ServiceOrg


class PolicySerializer(serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(
        many=True, slug_field="code", required=False,
        queryset=Region.objects.filter(level__in=[Level.CITY, Level.COUNTY]),
        help_text=_("适用的市、县区划代码；空：适用于制定区划全域"),
    )  # fmt: skip
    rank = serializers.SerializerMethodField(help_text=_("按关键词检索（q）时的相关度，越大越相关"))
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Policy
        fields = ["id", "region", "level", "title", "issuer", "number", "issued_on",
                  "effective_from", "effective_until", "status", "text", "areas", "rank",
                  "recorded_by", "version"]  # fmt: skip
        read_only_fields = ["recorded_by"]

    def get_rank(self, policy) -> float | None:
        return getattr(policy, "rank", None)


class PolicyViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Policies that apply in the jurisdiction; ``?q=`` finds words inside their text (word
    segmentation and the database's full-text index), the most relevant first. Kept by the
    county, the city and the province for their own subtree."""

    queryset = Policy.objects.all()
    serializer_class = PolicySerializer
    filterset_class = PolicyFilter

    def scope(self, queryset):
        return queryset.prefetch_related("areas")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.policy_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        data.pop("region", None)  # a policy stays with the region that keeps it
        serializer.instance = services.policy_update(
            actor=self.request.user, policy=serializer.instance, expected_version=expected, **data
        )


class ConsultationSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(), required=False, allow_null=True,
        help_text=_("台账人员编号（可选）"),
    )  # fmt: skip
    policies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Policy.objects.none(), required=False
    )
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Consultation
        fields = ["id", "org", "region", "asked_on", "person", "asker_name", "topic", "question",
                  "answer", "policies", "recorded_by", "version"]  # fmt: skip
        read_only_fields = ["org", "region", "recorded_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.visible_to(request.user)
            self.fields["policies"].child_relation.queryset = Policy.objects.visible_to(
                request.user
            )


class ConsultationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Questions answered at the windows of the jurisdiction, with the policies cited."""

    queryset = Consultation.objects.all()
    serializer_class = ConsultationSerializer
    filterset_class = ConsultationFilter

    def scope(self, queryset):
        return queryset.prefetch_related("policies")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.consultation_record(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        serializer.instance = services.consultation_update(
            actor=self.request.user, consultation=serializer.instance, expected_version=expected,
            **data,
        )  # fmt: skip


class GoodPracticeSerializer(serializers.ModelSerializer):
    org = serializers.PrimaryKeyRelatedField(queryset=ServiceOrg.objects.none())
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = GoodPractice
        fields = ["id", "org", "region", "title", "text", "published", "published_on",
                  "recorded_by", "version"]  # fmt: skip
        read_only_fields = ["region", "published", "published_on", "recorded_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["org"].queryset = services.practice_orgs(request.user)


class PublishSerializer(serializers.Serializer):
    published = serializers.BooleanField(help_text=_("true：在公开页面发布；false：撤回"))


class GoodPracticeViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Good-practice cases (典型经验) of the offices of the jurisdiction; the county and above
    publish them on the public page (``…/publish/``)."""

    queryset = GoodPractice.objects.all()
    serializer_class = GoodPracticeSerializer
    filterset_class = GoodPracticeFilter

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.practice_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        practice = serializer.instance
        serializer.instance = services.practice_update(
            actor=self.request.user, practice=practice, expected_version=expected,
            title=data.get("title", practice.title), text=data.get("text", practice.text),
        )  # fmt: skip

    @extend_schema(request=PublishSerializer, responses=GoodPracticeSerializer)
    @action(detail=True, methods=["post"], serializer_class=PublishSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def publish(self, request, pk=None):
        practice = self.get_object()
        data = PublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.practice_publish(actor=request.user, practice=practice, **data.validated_data)
        practice.refresh_from_db()
        return Response(GoodPracticeSerializer(practice, context={"request": request}).data)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("policies/policies", PolicyViewSet, basename="policy")
    router.register("policies/consultations", ConsultationViewSet, basename="consultation")
    router.register("policies/practices", GoodPracticeViewSet, basename="practice")
