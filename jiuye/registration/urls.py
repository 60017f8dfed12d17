from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.registration import views

app_name = "registration"
urlpatterns = [
    path("", views.RegistrationListView.as_view(), name="list"),
    path("export/", exporting.view(views.RegistrationListView), name="export"),
    path("unemployed/", views.UnemployedListView.as_view(), name="unemployed"),
    path("unemployed/export/", exporting.view(views.UnemployedListView), name="unemployed-export"),
    path("new/<int:person>/<str:kind>/", views.RegistrationCreateView.as_view(), name="add"),
    path("<int:pk>/", views.RegistrationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.RegistrationUpdateView.as_view(), name="edit"),
    path("<int:pk>/fire/", views.TransitionView.as_view(), name="fire"),
    path("<int:pk>/contact/", views.ContactView.as_view(), name="contact"),
    path("<int:pk>/deregister/", views.DeregisterView.as_view(), name="deregister"),
    path("<int:pk>/certificate.pdf", views.CertificateView.as_view(), name="certificate"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("登记"),
    (
        Item(_("就业失业登记"), "registration:list", "registration.view_registration"),
        Item(_("登记失业人员"), "registration:unemployed", "registration.view_registration"),
    ),
    order=20,
)
