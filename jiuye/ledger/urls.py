from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.ledger import views

app_name = "ledger"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("export/", views.PersonExportView.as_view(), name="export"),
    path("new/", views.PersonCreateView.as_view(), name="add"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template.xlsx", views.ImportTemplateView.as_view(), name="import-template"),
    path("import/<int:pk>/", views.ImportDetailView.as_view(), name="import-detail"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PersonUpdateView.as_view(), name="edit"),
    path("<int:pk>/status/", views.StatusChangeView.as_view(), name="status"),
    path("<int:pk>/transfer/", views.TransferView.as_view(), name="transfer"),
    path("<int:pk>/household/new/", views.HouseholdCreateView.as_view(), name="household-add"),
    path("<int:pk>/household/leave/", views.LeaveHouseholdView.as_view(), name="household-leave"),
    path("behind/<str:indicator>/<str:code>/", views.BehindView.as_view(), name="behind"),
    path(
        "behind/<str:indicator>/<str:code>/export/",
        exporting.view(views.BehindView),
        name="behind-export",
    ),
    path("households/<int:pk>/", views.HouseholdDetailView.as_view(), name="household"),
    path("households/<int:pk>/edit/", views.HouseholdUpdateView.as_view(), name="household-edit"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("台账"),
    (
        Item(_("人员台账"), "ledger:list", "ledger.view_person"),
        Item(_("导入台账"), "ledger:import", "ledger.import_person"),
    ),
    order=10,
)
