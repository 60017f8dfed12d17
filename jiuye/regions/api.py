from rest_framework import serializers

from jiuye.core.api import ScopedViewSet
from jiuye.regions.codes import CODE_PATTERN
from jiuye.regions.filters import RegionFilter, ServiceOrgFilter
from jiuye.regions.models import Region, ServiceOrg


class RegionSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Region
        fields = [
            "code",
            "name",
            "level",
            "level_label",
            "kind",
            "kind_label",
            "parent",
            "is_urban",
        ]


class RegionViewSet(ScopedViewSet):
    """Regions of the user's jurisdiction; ``?parent=<code>`` lists the children of one."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilter
    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN


class ServiceOrgSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = ServiceOrg
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "region",
            "region_name",
            "address",
            "phone",
            "is_active",
        ]


class ServiceOrgViewSet(ScopedViewSet):
    queryset = ServiceOrg.objects.all()
    serializer_class = ServiceOrgSerializer
    filterset_class = ServiceOrgFilter

    def scope(self, queryset):
        return queryset.with_region().order_by("region_id", "name")


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("regions", RegionViewSet, basename="region")
    router.register("organisations", ServiceOrgViewSet, basename="organisation")
