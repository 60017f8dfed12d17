from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_roles(using="default", **kwargs):
    """Keep one ``Role`` row per role declared in ``staff.roles`` (as contenttypes does)."""
    from jiuye.staff.models import Role
    from jiuye.staff.roles import RoleCode

    existing = set(Role.objects.using(using).values_list("code", flat=True))
    Role.objects.using(using).bulk_create(
        [Role(code=code) for code in RoleCode.values if code not in existing]
    )


class StaffConfig(AppConfig):
    name = "jiuye.staff"
    label = "staff"
    verbose_name = _("工作人员")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.staff import indicators, passwords, permissions, seeding, selectors, urls

        post_migrate.connect(sync_roles, sender=self)
        user_logged_in.connect(passwords.on_login, dispatch_uid="staff.password_expiry")
        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register(
            "urls",
            Urls("accounts/", "jiuye.staff.account_urls"),
            Urls("staff/", "jiuye.staff.urls", api="jiuye.staff.api"),
        )
        register("indicators", *indicators.INDICATORS)
        register("home_panels", selectors.home_panel)
        register("seeders", Task("staff", _("工作人员"), seeding.seed))
