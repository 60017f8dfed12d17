from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "jiuye.funds"
    label = "funds"
    verbose_name = _("平台经费")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.funds import indicators, permissions, seeding, selectors, urls

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("urls", Urls("funds/", "jiuye.funds.urls", api="jiuye.funds.api"))
        register("indicators", *indicators.INDICATORS)
        register("home_panels", selectors.home_panel)
        register("seeders", Task("funds", _("平台经费"), seeding.seed))
