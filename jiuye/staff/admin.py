from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from jiuye.staff.models import StaffCertificate, User


class CertificateInline(admin.TabularInline):
    model = StaffCertificate
    extra = 0


@admin.register(User)
class StaffAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ["username", "name", "org", "is_active", "is_superuser"]
    list_filter = ["is_active", "is_superuser", "roles"]
    search_fields = ["username", "name", "phone"]
    ordering = ["username"]
    raw_id_fields = ["org"]
    filter_horizontal = ["roles"]
    inlines = [CertificateInline]
    fieldsets = [
        (
            None,
            {"fields": ["username", "password", "name", "org", "roles", "post", "duties", "phone"]},
        ),
        (
            "Status",
            {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]},
        ),
    ]
    add_fieldsets = [(None, {"fields": ["username", "name", "org", "password1", "password2"]})]
