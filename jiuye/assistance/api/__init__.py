"""The API of employment assistance: its routes (registered by the app, see core.registry)."""

from django.urls import path

from jiuye.assistance.api.cards import CardVerifyView, CardViewSet
from jiuye.assistance.api.households import DashboardView, ZeroHouseholdViewSet
from jiuye.assistance.api.identifications import IdentificationViewSet
from jiuye.assistance.api.plans import MeasureViewSet, PlanViewSet, ServiceViewSet


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("identifications", IdentificationViewSet, basename="identification")
    router.register("cards", CardViewSet, basename="card")
    router.register("plans", PlanViewSet, basename="plan")
    router.register("measures", MeasureViewSet, basename="measure")
    router.register("services", ServiceViewSet, basename="service")
    router.register("zero-households", ZeroHouseholdViewSet, basename="zerohousehold")


urlpatterns = [
    path("statistics/assistance/", DashboardView.as_view(), name="api-assistance-dashboard"),
    path("cards/verify/<str:token>/", CardVerifyView.as_view(), name="api-card-verify"),
]
