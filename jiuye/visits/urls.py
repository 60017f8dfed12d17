from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core.navigation import Item, Section
from jiuye.visits import offline, views

app_name = "visits"
urlpatterns = [
    path("", views.RoundView.as_view(), name="round"),
    path("<int:person>/", views.PersonVisitView.as_view(), name="person"),
    path("offline/", offline.BundleView.as_view(), name="bundle"),
    path("<int:person>/send/", offline.SyncView.as_view(), name="send"),
    path("photo/<int:pk>/", views.PhotoDownloadView.as_view(), name="photo"),
]

MENU = Section(_("走访"), (Item(_("走访清单"), "visits:round", "visits.view_visit"),), order=5)
