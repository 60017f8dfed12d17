from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlexibleConfig(AppConfig):
    name = "jiuye.flexible"
    label = "flexible"
    verbose_name = _("灵活就业")

    def ready(self):
        from jiuye.core.navigation import HOME_PANELS
        from jiuye.flexible import parameters  # noqa: F401 - registers the parameters
        from jiuye.flexible.selectors import FIGURES, home_panel
        from jiuye.flexible.services import person_moving
        from jiuye.flexible.subsidy import FLEXIBLE_INSURANCE
        from jiuye.ledger.services import TRANSFER_HANDLERS
        from jiuye.subsidies import figures, kinds

        kinds.register(FLEXIBLE_INSURANCE)
        figures.register(FIGURES)
        HOME_PANELS.append(home_panel)
        TRANSFER_HANDLERS.append(person_moving)
