from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "jiuye.communities"
    label = "communities"
    verbose_name = _("充分就业社区")

    def ready(self):
        from jiuye.communities import (
            indicators,
            parameters,
            permissions,
            seeding,
            selectors,
            services,
            urls,
        )
        from jiuye.core.registry import Task, Urls, register, register_permissions

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register(
            "urls", Urls("communities/", "jiuye.communities.urls", api="jiuye.communities.api")
        )
        register("indicators", *indicators.INDICATORS)
        register("home_panels", selectors.home_panel)
        register("nightly_checks", Task("communities", _("充分就业社区：本月指标与命名有效期"),
                                        services.nightly))  # fmt: skip
        register("seeders", Task("communities", _("充分就业社区"), seeding.seed))
