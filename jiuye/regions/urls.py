from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.regions import views
from jiuye.regions.converters import RegionCodeConverter

register_converter(RegionCodeConverter, "region")

app_name = "regions"
urlpatterns = [
    path("", views.RegionRootView.as_view(), name="browse"),
    path("<region:code>/", views.RegionDetailView.as_view(), name="detail"),
    path("orgs/", views.ServiceOrgListView.as_view(), name="org-list"),
    path("orgs/export/", exporting.view(views.ServiceOrgListView), name="org-list-export"),
    path("orgs/new/", views.ServiceOrgCreateView.as_view(), name="org-add"),
    path("orgs/<int:pk>/", views.ServiceOrgDetailView.as_view(), name="org-detail"),
    path("orgs/<int:pk>/edit/", views.ServiceOrgUpdateView.as_view(), name="org-edit"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("区划与机构"),
    (
        Item(_("区划浏览"), "regions:browse", "regions.view_region"),
        Item(_("服务机构"), "regions:org-list", "regions.view_serviceorg"),
    ),
    order=100,
)
