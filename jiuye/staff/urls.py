from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core.navigation import Item, Section
from jiuye.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.StaffListView.as_view(), name="list"),
    path("new/<int:org>/", views.StaffCreateView.as_view(), name="add"),
    path("<int:pk>/", views.StaffDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.StaffUpdateView.as_view(), name="edit"),
    path("<int:pk>/password/", views.StaffSetPasswordView.as_view(), name="set-password"),
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
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(_("工作人员"), (Item(_("人员名册"), "staff:list", "staff.view_user"),), order=110)
