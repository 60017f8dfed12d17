from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "jiuye.complaints"
    label = "complaints"
    verbose_name = _("投诉")

    def ready(self):
        from jiuye.complaints import (
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
        register("urls", Urls("complaints/", "jiuye.complaints.urls", api="jiuye.complaints.api"))
        register("indicators", *indicators.INDICATORS)
        register("home_panels", selectors.home_panel)
        register("nightly_checks", Task("complaints", _("投诉：超期未答复的升级到上级机构"),
                                        services.escalate_overdue))  # fmt: skip
        register("seeders", Task("complaints", _("投诉"), seeding.seed))
