from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlexibleConfig(AppConfig):
    name = "jiuye.flexible"
    label = "flexible"
    verbose_name = _("灵活就业")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.flexible import (
            indicators,
            parameters,
            permissions,
            seeding,
            selectors,
            services,
            subsidy,
            urls,
            visiting,
        )
        from jiuye.subsidies import kinds

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("urls", Urls("flexible/", "jiuye.flexible.urls", api="jiuye.flexible.api"))
        kinds.register(subsidy.FLEXIBLE_INSURANCE)
        register("indicators", *indicators.INDICATORS)
        register("work", *indicators.WORK)
        register("home_panels", selectors.home_panel)
        register("transfer_handlers", services.person_moving)
        register("visit_sources", visiting.SOURCE)
        register("seeders", Task("flexible", _("灵活就业"), seeding.seed))
