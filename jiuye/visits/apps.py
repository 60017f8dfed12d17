from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "jiuye.visits"
    label = "visits"
    verbose_name = _("走访")

    def ready(self):
        from jiuye.core.registry import Urls, register, register_permissions
        from jiuye.core.selectors import latest_day
        from jiuye.visits import permissions, urls
        from jiuye.visits.models import Visit

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("urls", Urls("visits/", "jiuye.visits.urls"))
        # a visit that met the person is a contact of the public employment services
        register("contact_sources", latest_day(Visit.objects.met(), person="person", day="on"))
