from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jiuye.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self):
        from django.contrib.auth import signals
        from django.core import checks

        from jiuye.core import audit, exporting, navigation, permissions, production, tasks
        from jiuye.core.registry import Task, Urls, register, register_permissions

        checks.register(production.check, checks.Tags.security, deploy=True)
        signals.user_logged_in.connect(audit.on_login, dispatch_uid="core.audit.login")
        signals.user_logged_out.connect(audit.on_logout, dispatch_uid="core.audit.logout")
        signals.user_login_failed.connect(audit.on_login_failed, dispatch_uid="core.audit.failed")

        register_permissions(permissions.PERMISSIONS)
        register("menu", navigation.WORK, navigation.SYSTEM)
        register("urls", Urls("system/", "jiuye.core.urls"))
        register("nightly_checks", Task("exports", _("导出文件：删除已过保留期限的文件"),
                                        exporting.drop_expired),
                 Task("audit", _("审计日志：删除已过保存期限的记录"), audit.purge))  # fmt: skip
        register("nightly_checks", Task("lost_tasks", _("后台任务：处理程序中断的任务标记为失败"),
                                        tasks.reap_lost))  # fmt: skip
