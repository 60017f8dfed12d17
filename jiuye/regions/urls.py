from django.urls import path, register_converter

from jiuye.regions import views
from jiuye.regions.converters import RegionCodeConverter

register_converter(RegionCodeConverter, "region")

app_name = "regions"
urlpatterns = [
    path("", views.RegionRootView.as_view(), name="browse"),
    path("<region:code>/", views.RegionDetailView.as_view(), name="detail"),
    path("orgs/", views.ServiceOrgListView.as_view(), name="org-list"),
    path("orgs/new/", views.ServiceOrgCreateView.as_view(), name="org-add"),
    path("orgs/<int:pk>/", views.ServiceOrgDetailView.as_view(), name="org-detail"),
    path("orgs/<int:pk>/edit/", views.ServiceOrgUpdateView.as_view(), name="org-edit"),
]
