from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jiuye.regions.models import Region, RegionChange, ServiceOrg


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]


@admin.register(ServiceOrg)
class ServiceOrgAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "region", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "region__code"]
    raw_id_fields = ["region"]


@admin.register(RegionChange)
class RegionChangeAdmin(SimpleHistoryAdmin):
    list_display = ["old_code", "old_name", "new_code", "effective", "kind"]
    list_filter = ["kind"]
    search_fields = ["old_code", "old_name", "new_code"]
