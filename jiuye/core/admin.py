from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from jiuye.core.models import AccessLog, CalendarDay, WorkflowEvent


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "is_working_day", "name"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log shown as it was written: nobody adds, changes or deletes a row here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkflowEvent)
class WorkflowEventAdmin(ReadOnlyAdmin):
    list_display = [
        "at",
        "content_type",
        "object_id",
        "transition",
        "from_state",
        "to_state",
        "actor",
    ]
    list_filter = ["content_type", "transition"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    """The audit log."""

    list_display = ["at", "kind", "username", "address", "region", "purpose"]
    list_filter = ["kind"]
    date_hierarchy = "at"
