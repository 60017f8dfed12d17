from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from jiuye.core.api import ScopedViewSet
from jiuye.staff.filters import StaffFilter
from jiuye.staff.models import StaffCertificate, User
from jiuye.staff.views import lockout


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


@extend_schema(
    request=inline_serializer(
        "TokenRequest", {"username": serializers.CharField(), "password": serializers.CharField()}
    ),
    responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
)
class TokenView(ObtainAuthToken):
    """Exchange a username and password for the token to send as ``Authorization: Token <token>``."""

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # django-axes marks the DRF request, which its middleware does not see.
            if getattr(request, "axes_locked_out", False):
                return lockout(request._request)
            raise ValidationError(serializer.errors)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("staff", StaffViewSet, basename="staff")


urlpatterns = [path("auth/token/", TokenView.as_view(), name="api-token")]
