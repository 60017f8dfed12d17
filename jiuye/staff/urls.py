from django.urls import path

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
