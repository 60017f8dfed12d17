from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jiuye.jobs"
    label = "jobs"
    verbose_name = _("职业介绍")

    def ready(self):
        from jiuye.assistance.households import STABLE_CONTRACTS
        from jiuye.jobs import parameters  # noqa: F401 - registers the parameters
        from jiuye.jobs.selectors import stable_contract
        from jiuye.jobs.services import person_moving
        from jiuye.jobs.subsidy import JOB_INTRODUCTION, ZERO_HOUSEHOLD_PLACEMENT
        from jiuye.ledger.services import TRANSFER_HANDLERS
        from jiuye.subsidies.kinds import register

        register(JOB_INTRODUCTION)
        register(ZERO_HOUSEHOLD_PLACEMENT)
        STABLE_CONTRACTS.append(stable_contract)
        TRANSFER_HANDLERS.append(person_moving)
