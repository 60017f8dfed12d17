from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "jiuye.assessment"
    label = "assessment"
    verbose_name = _("工作人员考核")

    def ready(self):
        from jiuye.assessment import indicators, parameters, permissions, seeding, selectors, urls
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.staff import seeding as staff_seeding

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("urls", Urls("assessment/", "jiuye.assessment.urls", api="jiuye.assessment.api"))
        register("indicators", *indicators.INDICATORS)
        register("home_panels", selectors.home_panel)
        # the posts' targets of the year are set from the work the lines of work seeded
        register("seeders", Task("staff-targets", _("岗位年度目标"), staff_seeding.targets))
        register("seeders", Task("assessment", _("工作人员考核"), seeding.seed))
