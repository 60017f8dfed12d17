from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "jiuye.performance"
    label = "performance"
    verbose_name = _("绩效考核")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.performance import parameters, permissions, reward, seeding, urls
        from jiuye.subsidies import kinds

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register(
            "urls", Urls("performance/", "jiuye.performance.urls", api="jiuye.performance.api")
        )
        kinds.register(reward.PERFORMANCE_REWARD)
        register("seeders", Task("performance", _("绩效考核"), seeding.seed))
