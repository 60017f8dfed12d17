from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "jiuye.supervision"
    label = "supervision"
    verbose_name = _("督查")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.supervision import parameters, permissions, seeding, selectors, urls

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register(
            "urls", Urls("supervision/", "jiuye.supervision.urls", api="jiuye.supervision.api")
        )
        register("home_panels", selectors.home_panel)
        register("seeders", Task("supervision", _("督查"), seeding.seed))
