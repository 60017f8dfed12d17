from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "jiuye.regions"
    label = "regions"
    verbose_name = _("区划与机构")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.regions import permissions, seeding, urls

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("urls", Urls("regions/", "jiuye.regions.urls", api="jiuye.regions.api"))
        register("seeders", Task("regions", _("区划与服务机构"), seeding.seed))
