from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.response import Response

from jiuye.core.api import ScopedViewSet
from jiuye.regions.changes import resolve_region
from jiuye.regions.codes import CODE_PATTERN
from jiuye.regions.filters import RegionFilter, ServiceOrgFilter
from jiuye.regions.models import Region, ServiceOrg


class RegionSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    note = serializers.SerializerMethodField(
        help_text="asked by an old division code: what became of it (else empty)"
    )

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
            "note",
        ]

    def get_note(self, region) -> str:
        return self.context.get("note", "")


class RegionViewSet(ScopedViewSet):
    """Regions of the user's jurisdiction; ``?parent=<code>`` lists the children of one."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_class = RegionFilter
    lookup_field = "code"
    lookup_value_regex = CODE_PATTERN

    def retrieve(self, request, *args, **kwargs):
        """One region by its code. An old code (莱城区 371202000000, regions.changes) gives the
        region of today that it became, with a note; outside the jurisdiction it is 404."""
        code = kwargs[self.lookup_field]
        if Region.objects.filter(code=code).exists():
            return super().retrieve(request, *args, **kwargs)
        region, note = resolve_region(code)
        region = get_object_or_404(self.get_queryset(), code=region.code if region else code)
        serializer = self.get_serializer(region)
        serializer.context["note"] = note
        return Response(serializer.data)


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
