"""The API of the identification of hard-to-employ persons."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from jiuye.assistance import services
from jiuye.assistance.choices import ExitReason, OfferKind
from jiuye.assistance.filters import IdentificationFilter
from jiuye.assistance.models import AssistanceService, Category, Identification
from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.jobs.models import Referral
from jiuye.ledger.models import Person


class IdentificationSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    categories = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Category.objects.filter(is_active=True),
        help_text=_("援助对象类别（可多个）"),
    )
    category_names = serializers.CharField(read_only=True)
    state_label = serializers.CharField(read_only=True)
    card_number = serializers.CharField(
        source="card.number", read_only=True, default=None, allow_null=True
    )
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Identification
        fields = ["id", "person", "person_name", "categories", "category_names", "origin", "applied_on", "situation",
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
        help_text=_("true：异议成立，不予认定；false：异议不成立，重新公示")
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
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.all(), required=False, allow_null=True,
        help_text=_("所证明的类别（凭证明材料认定的类别须注明）"),
    )  # fmt: skip
    file = serializers.FileField()


class RefusalSerializer(serializers.Serializer):
    on = serializers.DateField()
    offer = serializers.ChoiceField(choices=OfferKind.choices)
    description = serializers.CharField(max_length=200)
    referral = serializers.PrimaryKeyRelatedField(
        queryset=Referral.objects.all(), required=False, allow_null=True
    )
    service = serializers.PrimaryKeyRelatedField(
        queryset=AssistanceService.objects.all(), required=False, allow_null=True
    )


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
            actor=self.request.user, person=data["person"], categories=data["categories"],
            origin=data.get("origin", "application"), situation=data.get("situation", ""),
            applied_on=data.get("applied_on"),
        )  # fmt: skip

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        fields = {
            name: data[name]
            for name in ("categories", "situation", "investigation")
            if name in data
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

    @extend_schema(request=RefusalSerializer, responses=IdentificationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=RefusalSerializer,
        permission_classes=[ViewPermission],
    )
    def refusals(self, request, pk=None):
        return self.act(request, RefusalSerializer, services.refusal_record)

    @extend_schema(request=ExitSerializer, responses=IdentificationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=ExitSerializer,
        permission_classes=[ViewPermission],
    )
    def exit(self, request, pk=None):
        return self.act(request, ExitSerializer, services.identification_exit)
