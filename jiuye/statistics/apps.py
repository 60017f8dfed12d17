from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "jiuye.statistics"
    label = "statistics"
    verbose_name = _("统计分析")

    def ready(self):
        from jiuye.core.registry import Urls, register, register_permissions
        from jiuye.statistics import indicators, permissions, urls

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("urls", Urls("statistics/", "jiuye.statistics.urls"))
        register("indicators", *indicators.INDICATORS)
