from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.StaffListView.as_view(), name="list"),
    path("export/", exporting.view(views.StaffListView), name="export"),
    path("new/<int:org>/", views.StaffCreateView.as_view(), name="add"),
    path("<int:pk>/", views.StaffDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.StaffUpdateView.as_view(), name="edit"),
    path("<int:pk>/password/", views.StaffSetPasswordView.as_view(), name="set-password"),
    path("<int:pk>/sessions/end/", views.StaffSessionsEndView.as_view(), name="end-sessions"),
    path(
        "<int:user>/certificates/new/",
        views.CertificateCreateView.as_view(),
        name="certificate-add",
    ),
    path(
        "certificates/<int:pk>/edit/",
        views.CertificateUpdateView.as_view(),
        name="certificate-edit",
    ),
    path(
        "certificates/<int:pk>/delete/",
        views.CertificateDeleteView.as_view(),
        name="certificate-delete",
    ),
    path("positions/", views.PositionListView.as_view(), name="positions"),
    path("positions/export/", views.PositionExportView.as_view(), name="positions-export"),
    path("positions/new/<int:org>/", views.PositionCreateView.as_view(), name="position-add"),
    path("positions/<int:pk>/edit/", views.PositionUpdateView.as_view(), name="position-edit"),
    path("offices/<int:org>/", views.OfficePlanView.as_view(), name="plan"),
    path("targets/new/<int:org>/", views.TargetCreateView.as_view(), name="target-add"),
    path("targets/<int:pk>/edit/", views.TargetUpdateView.as_view(), name="target-edit"),
    path("targets/<int:pk>/delete/", views.TargetDeleteView.as_view(), name="target-delete"),
    path("targets/<int:target>/shares/new/", views.ShareCreateView.as_view(), name="share-add"),
    path("shares/<int:pk>/edit/", views.ShareUpdateView.as_view(), name="share-edit"),
    path("shares/<int:pk>/delete/", views.ShareDeleteView.as_view(), name="share-delete"),
    path("training/", views.TrainingListView.as_view(), name="trainings"),
    path("training/export/", views.TrainingExportView.as_view(), name="trainings-export"),
    path("<int:user>/training/new/", views.TrainingCreateView.as_view(), name="training-add"),
    path("training/<int:pk>/edit/", views.TrainingUpdateView.as_view(), name="training-edit"),
    path("training/<int:pk>/delete/", views.TrainingDeleteView.as_view(), name="training-delete"),
    path("pairings/", views.PairingListView.as_view(), name="pairings"),
    path("pairings/export/", views.PairingExportView.as_view(), name="pairings-export"),
    path("pairings/new/<int:org>/", views.PairingCreateView.as_view(), name="pairing-add"),
    path("pairings/<int:pk>/edit/", views.PairingUpdateView.as_view(), name="pairing-edit"),
    path("certification/", views.CertificationView.as_view(), name="certification"),
    path(
        "certification/export/", views.CertificateExportView.as_view(), name="certification-export"
    ),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(_("工作人员"), (
    Item(_("人员名册"), "staff:list", "staff.view_user"),
    Item(_("岗位与年度目标"), "staff:positions", "staff.view_position"),
    Item(_("培训情况"), "staff:trainings", "staff.view_stafftraining"),
    Item(_("持证上岗"), "staff:certification", "staff.view_user"),
    Item(_("对口联系"), "staff:pairings", "staff.view_pairing"),
), order=110)  # fmt: skip
