from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "jiuye.subsidies"
    label = "subsidies"
    verbose_name = _("补贴申报")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.subsidies import parameters, permissions, seeding, urls

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("urls", Urls("subsidies/", "jiuye.subsidies.urls", api="jiuye.subsidies.api"))
        # last in INSTALLED_APPS: its seeder prepares the claims of what the others seeded
        register("seeders", Task("subsidies", _("补贴申报"), seeding.seed))
