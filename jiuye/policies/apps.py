from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "jiuye.policies"
    label = "policies"
    verbose_name = _("政策")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.policies import permissions, seeding, selectors, urls

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("urls", Urls("policies/", "jiuye.policies.urls", api="jiuye.policies.api"))
        register("home_panels", selectors.home_panel)
        register("seeders", Task("policies", _("政策"), seeding.seed))
