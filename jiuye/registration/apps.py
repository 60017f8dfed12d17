from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "jiuye.registration"
    label = "registration"
    verbose_name = _("就业失业登记")

    def ready(self):
        from jiuye.ledger.services import TRANSFER_HANDLERS
        from jiuye.registration import parameters  # noqa: F401 - registers the parameters
        from jiuye.registration.services import person_moving

        TRANSFER_HANDLERS.append(person_moving)
