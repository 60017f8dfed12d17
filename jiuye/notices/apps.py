from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "jiuye.notices"
    label = "notices"
    verbose_name = _("公文")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.notices import permissions, seeding, selectors, urls

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("urls", Urls("notices/", "jiuye.notices.urls", api="jiuye.notices.api"))
        register("home_panels", selectors.home_panel)
        register("seeders", Task("notices", _("公文"), seeding.seed))
