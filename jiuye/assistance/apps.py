from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "jiuye.assistance"
    label = "assistance"
    verbose_name = _("就业援助")

    def ready(self):
        from jiuye.assistance import parameters  # noqa: F401 - registers the parameters
        from jiuye.assistance.households import household_changed
        from jiuye.assistance.selectors import home_panel
        from jiuye.assistance.services import person_moving
        from jiuye.core.navigation import HOME_PANELS
        from jiuye.ledger.services import HOUSEHOLD_HANDLERS, TRANSFER_HANDLERS

        HOUSEHOLD_HANDLERS.append(household_changed)
        TRANSFER_HANDLERS.append(person_moving)
        HOME_PANELS.append(home_panel)
