from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartupsConfig(AppConfig):
    name = "jiuye.startups"
    label = "startups"
    verbose_name = _("创业服务")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.core.selectors import latest_day
        from jiuye.startups import (
            indicators,
            parameters,
            permissions,
            seeding,
            selectors,
            subsidy,
            urls,
            visiting,
        )
        from jiuye.startups.models import StartupService
        from jiuye.subsidies import kinds

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("urls", Urls("startups/", "jiuye.startups.urls", api="jiuye.startups.api"))
        kinds.register(subsidy.LOAN_INTEREST)
        register("indicators", *indicators.INDICATORS)
        register("home_panels", selectors.home_panel)
        register(
            "contact_sources",
            latest_day(StartupService.objects.all(), person="entrepreneur__person", day="on"),
        )
        register("visit_sources", visiting.SOURCE)
        register("seeders", Task("startups", _("创业服务"), seeding.seed))
