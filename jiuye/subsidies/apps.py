from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "jiuye.subsidies"
    label = "subsidies"
    verbose_name = _("补贴申报")

    def ready(self):
        from jiuye.subsidies import parameters  # noqa: F401 - registers the parameters
