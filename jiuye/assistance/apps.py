from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "jiuye.assistance"
    label = "assistance"
    verbose_name = _("就业援助")

    def ready(self):
        from jiuye.assistance import (
            exits,
            households,
            indicators,
            parameters,
            permissions,
            seeding,
            selectors,
            services,
            subsidy,
            urls,
            visiting,
        )
        from jiuye.assistance.models import AssistanceService
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.core.selectors import latest_day
        from jiuye.subsidies import kinds

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("indicators", *indicators.INDICATORS)
        register("work", *indicators.WORK)
        register("urls", Urls("assistance/", "jiuye.assistance.urls", api="jiuye.assistance.api"))
        register("household_handlers", households.household_changed)
        register("transfer_handlers", services.person_moving)
        register("contracts", households.registered_contracts)
        kinds.register(subsidy.ZERO_HOUSEHOLD_PLACEMENT)
        register(
            "contact_sources",
            latest_day(AssistanceService.objects.all(), person="identification__person", day="on"),
        )
        register("registration_ended", exits.registration_ended)
        register("home_panels", selectors.home_panel)
        register(
            "nightly_checks",
            Task("households", _("零就业家庭：全部家庭重新核查"), households.recheck),
            Task("assistance_exits", _("就业援助：不再符合条件的人员转退出审核"), exits.exit_check),
        )
        register("visit_sources", visiting.SOURCE, visiting.HOUSEHOLDS)
        register("seeders", Task("assistance", _("就业援助"), seeding.seed))
