from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from jiuye.core import audit
from jiuye.core.api import ScopedViewSet
from jiuye.core.drf import AddressThrottle, token_for
from jiuye.core.models import AccessKind
from jiuye.staff.filters import (
    PairingApiFilter,
    PositionFilter,
    StaffFilter,
    TargetApiFilter,
    TrainingApiFilter,
)
from jiuye.staff.models import (
    Pairing,
    Position,
    PositionTarget,
    StaffCertificate,
    StaffTraining,
    Target,
    User,
)
from jiuye.staff.views import address_lockout, lockout


class CertificateSerializer(serializers.ModelSerializer):
    class Meta:
        model = StaffCertificate
        fields = ["id", "name", "number", "issuer", "issued_on", "expires_on"]


class StaffSerializer(serializers.ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True, default=None)
    region = serializers.CharField(source="org.region_id", read_only=True, default=None)
    roles = serializers.SerializerMethodField()
    position_title = serializers.CharField(source="position.title", read_only=True, default=None)
    certificates = CertificateSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "name",
            "org",
            "org_name",
            "region",
            "roles",
            "position",
            "position_title",
            "employment",
            "started_on",
            "phone",
            "is_active",
            "certificates",
        ]

    def get_roles(self, user) -> list[str]:
        return sorted(user.role_codes)


class StaffViewSet(ScopedViewSet):
    queryset = User.objects.all()
    serializer_class = StaffSerializer
    filterset_class = StaffFilter

    def scope(self, queryset):
        return (
            queryset.with_org()
            .select_related("position")
            .prefetch_related("certificates")
            .order_by("org__region_id", "username")
        )


class PositionSerializer(serializers.ModelSerializer):
    org_name = serializers.CharField(source="org.name", read_only=True)
    region = serializers.CharField(source="org.region_id", read_only=True)
    holders = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Position
        fields = ["id", "org", "org_name", "region", "title", "duties", "is_active", "holders"]


class PositionViewSet(ScopedViewSet):
    """The posts of the offices (定岗定责) and the accounts holding them."""

    queryset = Position.objects.all()
    serializer_class = PositionSerializer
    filterset_class = PositionFilter

    def scope(self, queryset):
        return (
            queryset.select_related("org")
            .prefetch_related("holders")
            .order_by("org__region_id", "title")
        )


class ShareSerializer(serializers.ModelSerializer):
    class Meta:
        model = PositionTarget
        fields = ["id", "position", "work", "value"]


class TargetSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="org.region_id", read_only=True)
    shares = ShareSerializer(many=True, read_only=True)

    class Meta:
        model = Target
        fields = ["id", "org", "region", "year", "indicator", "value", "shares"]


class TargetViewSet(ScopedViewSet):
    """Offices' yearly targets and their breakdown to posts."""

    queryset = Target.objects.all()
    serializer_class = TargetSerializer
    filterset_class = TargetApiFilter

    def scope(self, queryset):
        return (
            queryset.select_related("org")
            .prefetch_related("shares")
            .order_by("org__region_id", "-year", "indicator")
        )


class TrainingSerializer(serializers.ModelSerializer):
    class Meta:
        model = StaffTraining
        fields = [
            "id",
            "user",
            "kind",
            "title",
            "organiser",
            "started_on",
            "ended_on",
            "hours",
            "passed",
        ]


class TrainingViewSet(ScopedViewSet):
    """The training records of the staff (岗前培训, 在岗培训)."""

    queryset = StaffTraining.objects.all()
    serializer_class = TrainingSerializer
    filterset_class = TrainingApiFilter

    def scope(self, queryset):
        return queryset.order_by("user_id", "-ended_on")


class PairingSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="org.region_id", read_only=True)

    class Meta:
        model = Pairing
        fields = ["id", "worker", "org", "region", "reason", "started_on", "ended_on", "note"]


class PairingViewSet(ScopedViewSet):
    """City and county workers paired with grassroots offices (对口联系)."""

    queryset = Pairing.objects.all()
    serializer_class = PairingSerializer
    filterset_class = PairingApiFilter

    def scope(self, queryset):
        return queryset.select_related("org").order_by("org__region_id", "-started_on")


@extend_schema(
    request=inline_serializer(
        "TokenRequest", {"username": serializers.CharField(), "password": serializers.CharField()}
    ),
    responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
)
class TokenView(ObtainAuthToken):
    """Exchange a username and password for the token to send as ``Authorization: Token <token>``
    (it ends after ``settings.API_TOKEN_IDLE_DAYS`` days without use; ask again for a new one)."""

    throttle_classes = [AddressThrottle]

    def post(self, request, *args, **kwargs):
        if audit.address_blocked(request._request):
            return address_lockout(request._request)
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # django-axes marks the DRF request, which its middleware does not see.
            if getattr(request, "axes_locked_out", False):
                return lockout(request._request)
            raise ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        token = token_for(user)
        audit.record(AccessKind.LOGIN, user=user, purpose="API", request=request._request)
        return Response({"token": token.key})


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("staff", StaffViewSet, basename="staff")
    router.register("staff-positions", PositionViewSet, basename="staff-position")
    router.register("staff-targets", TargetViewSet, basename="staff-target")
    router.register("staff-trainings", TrainingViewSet, basename="staff-training")
    router.register("staff-pairings", PairingViewSet, basename="staff-pairing")


urlpatterns = [path("auth/token/", TokenView.as_view(), name="api-token")]
