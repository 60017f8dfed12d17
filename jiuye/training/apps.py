from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "jiuye.training"
    label = "training"
    verbose_name = _("职业培训")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.core.selectors import latest_day
        from jiuye.subsidies import kinds
        from jiuye.training import (
            indicators,
            parameters,
            permissions,
            seeding,
            subsidy,
            urls,
            visiting,
        )
        from jiuye.training.models import Enrolment

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("urls", Urls("training/", "jiuye.training.urls", api="jiuye.training.api"))
        kinds.register(subsidy.TRAINING_VOCATIONAL)
        kinds.register(subsidy.TRAINING_STARTUP)
        register("indicators", *indicators.INDICATORS)
        register(
            "contact_sources",
            latest_day(Enrolment.objects.all(), person="person", day="referred_on"),
        )
        register("visit_sources", visiting.SOURCE)
        register("seeders", Task("training", _("职业培训"), seeding.seed))
