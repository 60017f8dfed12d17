from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "jiuye.ledger"
    label = "ledger"
    verbose_name = _("人力资源台账")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.ledger import indicators, parameters, permissions, seeding, urls

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("urls", Urls("ledger/", "jiuye.ledger.urls", api="jiuye.ledger.api"))
        register("indicators", *indicators.INDICATORS)
        register("seeders", Task("ledger", _("人力资源台账"), seeding.seed))
