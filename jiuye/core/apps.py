from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jiuye.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self):
        from django.core import checks

        from jiuye.core import exporting, navigation, permissions, production
        from jiuye.core.registry import Task, Urls, register, register_permissions

        checks.register(production.check, checks.Tags.security, deploy=True)
        register_permissions(permissions.PERMISSIONS)
        register("menu", navigation.WORK, navigation.SYSTEM)
        register("urls", Urls("system/", "jiuye.core.urls"))
        register("nightly_checks", Task("exports", _("导出文件：删除已过保留期限的文件"),
                                        exporting.drop_expired))  # fmt: skip
