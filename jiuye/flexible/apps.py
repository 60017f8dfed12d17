from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlexibleConfig(AppConfig):
    name = "jiuye.flexible"
    label = "flexible"
    verbose_name = _("灵活就业")
