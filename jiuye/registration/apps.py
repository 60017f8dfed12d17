from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "jiuye.registration"
    label = "registration"
    verbose_name = _("就业失业登记")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.registration import (
            indicators,
            parameters,
            permissions,
            seeding,
            services,
            urls,
            visiting,
        )

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register(
            "urls", Urls("registration/", "jiuye.registration.urls", api="jiuye.registration.api")
        )
        register("indicators", *indicators.INDICATORS)
        register("transfer_handlers", services.person_moving)
        register("status_handlers", services.status_changed)
        register("nightly_checks", Task("deregister", _("失业登记：连续未联系自动注销"),
                                        services.deregister_without_contact))  # fmt: skip
        register("visit_sources", visiting.SOURCE)
        register("seeders", Task("registration", _("就业失业登记"), seeding.seed))
