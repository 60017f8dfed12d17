from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.ledger.models import Person
from jiuye.registration import services
from jiuye.registration.choices import ContactMethod, EndReason, RegistrationKind
from jiuye.registration.filters import RegistrationFilter
from jiuye.registration.forms import EMPLOYMENT, UNEMPLOYMENT
from jiuye.registration.models import Registration


class RegistrationSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))
    certificate_number = serializers.CharField(
        source="certificate.number", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Registration
        fields = ["id", "person", "person_name", "kind", "state", "state_label", "due_on", "region", *dict.fromkeys(UNEMPLOYMENT + EMPLOYMENT),
                  "certificate_number", "approved_on", "last_contact_on", "ended_on", "end_reason", "version"]  # fmt: skip
        read_only_fields = [
            "state",
            "due_on",
            "region",
            "approved_on",
            "last_contact_on",
            "ended_on",
            "end_reason",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.editable_by(request.user)


class ContactSerializer(serializers.Serializer):
    on = serializers.DateField()
    method = serializers.ChoiceField(choices=ContactMethod.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class DeregisterSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=EndReason.choices)
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


@extend_schema_view(transitions=extend_schema(responses=RegistrationSerializer))
class RegistrationViewSet(
    WorkflowActionsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet
):
    """Registrations. An application is corrected (PUT/PATCH with ``version``) while it is at
    the first review; ``POST …/transitions/`` moves it along its workflow; a registered
    unemployed person's contacts (``…/contacts/``) and deregistration (``…/deregister/``)."""

    queryset = Registration.objects.all()
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    item_name = "registration"

    def scope(self, queryset):
        return queryset.with_person().select_related("certificate").order_by("-applied_on", "-id")

    def get_permissions(self):
        if self.action in (
            "update",
            "partial_update",
        ):  # the service checks the first-review permission
            return [ViewPermission()]
        return super().get_permissions()

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        for name in ("person", "kind"):
            data.pop(name, None)
        serializer.instance = services.registration_update(
            actor=self.request.user,
            registration=serializer.instance,
            expected_version=expected,
            **data,
        )

    @extend_schema(request=ContactSerializer, responses=RegistrationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=ContactSerializer,
        permission_classes=[ViewPermission],
    )
    def contacts(self, request, pk=None):
        return self.act(request, ContactSerializer, services.contact_record)

    @extend_schema(request=DeregisterSerializer, responses=RegistrationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=DeregisterSerializer,
        permission_classes=[ViewPermission],
    )
    def deregister(self, request, pk=None):
        return self.act(request, DeregisterSerializer, services.registration_deregister)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        kind = data.pop("kind", RegistrationKind.UNEMPLOYMENT)
        serializer.instance = services.registration_apply(
            actor=self.request.user, person=data.pop("person"), kind=kind, **data
        )


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("registrations", RegistrationViewSet, basename="registration")
