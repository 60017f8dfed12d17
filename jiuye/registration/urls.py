from django.urls import path

from jiuye.registration import views

app_name = "registration"
urlpatterns = [
    path("", views.RegistrationListView.as_view(), name="list"),
    path("unemployed/", views.UnemployedListView.as_view(), name="unemployed"),
    path("new/<int:person>/<str:kind>/", views.RegistrationCreateView.as_view(), name="add"),
    path("<int:pk>/", views.RegistrationDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.RegistrationUpdateView.as_view(), name="edit"),
    path("<int:pk>/fire/", views.TransitionView.as_view(), name="fire"),
    path("<int:pk>/contact/", views.ContactView.as_view(), name="contact"),
    path("<int:pk>/deregister/", views.DeregisterView.as_view(), name="deregister"),
    path("<int:pk>/certificate.pdf", views.CertificateView.as_view(), name="certificate"),
]
