from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from jiuye.core import workflow
from jiuye.core.api import EditableScopedViewSet, TransitionSerializer, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.ledger.models import Person
from jiuye.registration import services
from jiuye.registration.choices import ContactMethod, EndReason, Kind
from jiuye.registration.filters import RegistrationFilter
from jiuye.registration.forms import EMPLOYMENT, UNEMPLOYMENT
from jiuye.registration.models import Registration


class RegistrationSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    state_label = serializers.CharField(read_only=True)
    version = serializers.IntegerField(required=False, help_text="修改时必填：读取时的版本号")
    certificate_number = serializers.CharField(
        source="certificate.number", read_only=True, default=None
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


class RegistrationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Registrations. An application is corrected (PUT/PATCH with ``version``) while it is at
    the first review; ``POST …/transitions/`` moves it along its workflow; a registered
    unemployed person's contacts (``…/contacts/``) and deregistration (``…/deregister/``)."""

    queryset = Registration.objects.all()
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter

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
        registration = self.get_object()
        data = ContactSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.contact_record(
            actor=request.user, registration=registration, **data.validated_data
        )
        registration.refresh_from_db()
        return Response(RegistrationSerializer(registration, context={"request": request}).data)

    @extend_schema(request=DeregisterSerializer, responses=RegistrationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=DeregisterSerializer,
        permission_classes=[ViewPermission],
    )
    def deregister(self, request, pk=None):
        registration = self.get_object()
        data = DeregisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.registration_deregister(
            actor=request.user, registration=registration, **data.validated_data
        )
        registration.refresh_from_db()
        return Response(RegistrationSerializer(registration, context={"request": request}).data)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        kind = data.pop("kind", Kind.UNEMPLOYMENT)
        serializer.instance = services.registration_apply(
            actor=self.request.user, person=data.pop("person"), kind=kind, **data
        )

    @extend_schema(request=TransitionSerializer, responses=RegistrationSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=TransitionSerializer,
        permission_classes=[ViewPermission],
    )
    def transitions(self, request, pk=None):
        registration = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        workflow.fire(
            registration,
            data.validated_data["transition"],
            actor=request.user,
            comment=data.validated_data.get("comment", ""),
        )
        registration.refresh_from_db()
        return Response(RegistrationSerializer(registration, context={"request": request}).data)
