"""The API of this line of work, registered on the project's router by ``register``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jiuye.core.api import EditableScopedViewSet, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.jobs.models import Employer
from jiuye.ledger.models import Person
from jiuye.posts import services
from jiuye.posts.choices import LeaveReason
from jiuye.posts.filters import PlacementFilter, PostFilter
from jiuye.posts.models import Placement, Post
from jiuye.regions.models import Region


class PostSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        help_text=_("街道（乡镇）或社区（村）的区划代码"),
    )
    filled = serializers.IntegerField(read_only=True, help_text=_("在岗人数"))
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Post
        fields = ["id", "unit_name", "employer", "title", "kind", "duties", "posts", "filled", "region",
                  "starts_on", "ends_on", "post_subsidy", "insurance_subsidy", "note", "version"]  # fmt: skip
        extra_kwargs = {
            "unit_name": {"required": False},
            "post_subsidy": {"required": False},
            "insurance_subsidy": {"required": False},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:  # another jurisdiction's employer does not exist for the user
            self.fields["employer"].queryset = Employer.objects.visible_to(request.user)


class PostViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Public-welfare posts (公益性岗位) of the jurisdiction. The subsidy standards left out take
    the policy parameters' values; none may be higher."""

    queryset = Post.objects.all()
    serializer_class = PostSerializer
    filterset_class = PostFilter

    def scope(self, queryset):
        return queryset.with_filled().select_related("region").order_by("-starts_on", "-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.post_create(actor=self.request.user, **data)
        serializer.instance.filled = 0

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        post = services.post_update(
            actor=self.request.user, post=serializer.instance, expected_version=expected, **data
        )
        post.filled = post.placements.open().count()
        serializer.instance = post


class PlacementSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    post = serializers.PrimaryKeyRelatedField(queryset=Post.objects.none())
    post_title = serializers.CharField(source="post.title", read_only=True)
    contract_ends_on = serializers.DateField(read_only=True, help_text=_("协议（合同）期满日"))

    class Meta:
        model = Placement
        fields = ["id", "person", "person_name", "post", "post_title", "region", "started_on",
                  "contract_months", "contract_ends_on", "ended_on", "leave_reason", "leave_note",
                  "version"]  # fmt: skip
        read_only_fields = ["region", "ended_on", "leave_reason", "leave_note", "version"]
        extra_kwargs = {
            "contract_months": {"required": True, "allow_null": False,
                                "help_text": _("协议（合同）期限（月），自上岗之日起计算")},
        }  # fmt: skip
        validators = []  # one open placement per person: the service says so at ``person``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.visible_to(request.user)
            self.fields["post"].queryset = Post.objects.editable_by(request.user)


class EndSerializer(serializers.Serializer):
    ended_on = serializers.DateField(help_text=_("离岗日期（当日起不在岗）"))
    leave_reason = serializers.ChoiceField(choices=LeaveReason.choices, help_text=_("离岗原因"))
    employer = serializers.CharField(required=False, allow_blank=True, max_length=100,
                                     help_text=_("实现其他就业的新就业单位"))  # fmt: skip
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class PlacementViewSet(mixins.CreateModelMixin, EditableScopedViewSet):
    """Placements of assistance targets on public-welfare posts; ``…/end/`` records the
    leaving (the ledger's status follows)."""

    queryset = Placement.objects.all()
    serializer_class = PlacementSerializer
    filterset_class = PlacementFilter

    def scope(self, queryset):
        return queryset.with_parties().order_by("-started_on", "-id")

    def perform_create(self, serializer):
        serializer.instance = services.placement_create(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=EndSerializer, responses=PlacementSerializer)
    @action(detail=True, methods=["post"], serializer_class=EndSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def end(self, request, pk=None):
        placement = self.get_object()
        data = EndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["reason"] = values.pop("leave_reason")
        services.placement_end(actor=request.user, placement=placement, **values)
        placement.refresh_from_db()
        return Response(PlacementSerializer(placement, context={"request": request}).data)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("posts", PostViewSet, basename="post")
    router.register("placements", PlacementViewSet, basename="placement")
