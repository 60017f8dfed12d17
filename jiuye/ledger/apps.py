from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "jiuye.ledger"
    label = "ledger"
    verbose_name = _("人力资源台账")

    def ready(self):
        from jiuye.ledger import parameters  # noqa: F401 - registers the ledger's parameters
