from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jiuye.jobs"
    label = "jobs"
    verbose_name = _("职业介绍")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.core.selectors import latest_day
        from jiuye.jobs import (
            indicators,
            parameters,
            permissions,
            seeding,
            selectors,
            services,
            subsidy,
            urls,
        )
        from jiuye.jobs.models import Referral, Seeker
        from jiuye.subsidies import kinds

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("urls", Urls("jobs/", "jiuye.jobs.urls", api="jiuye.jobs.api"))
        kinds.register(subsidy.JOB_INTRODUCTION)
        register("indicators", *indicators.INDICATORS)
        register("work", *indicators.WORK)
        register("contracts", selectors.contracts)
        register("transfer_handlers", services.person_moving)
        register("status_handlers", services.person_employed)
        register(
            "contact_sources",
            latest_day(Seeker.objects.all(), person="person", day="registered_on"),
            latest_day(Referral.objects.all(), person="seeker__person", day="referred_on"),
        )
        register(
            "nightly_checks",
            Task("vacancies", _("招聘岗位：过期下架"), services.vacancies_expire),
            Task("seekers", _("求职登记：重新核对优先服务对象"), services.seekers_refresh_priority),
        )
        register("seeders", Task("jobs", _("职业介绍"), seeding.seed))
