from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import APIRootView, DefaultRouter

from jiuye.assistance.api import (
    CardVerifyView,
    CardViewSet,
    DashboardView,
    IdentificationViewSet,
    MeasureViewSet,
    PlanViewSet,
    ServiceViewSet,
    ZeroHouseholdViewSet,
)
from jiuye.ledger.api import HouseholdViewSet, PersonViewSet, StatusCountView
from jiuye.regions.api import RegionViewSet, ServiceOrgViewSet
from jiuye.registration.api import RegistrationViewSet
from jiuye.staff.api import StaffViewSet, TokenView


class RootView(APIRootView):
    """jiuye API, version 1. Every list is limited to your jurisdiction."""

    permission_classes = [IsAuthenticated]


router = DefaultRouter()
router.APIRootView = RootView
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", ServiceOrgViewSet, basename="organisation")
router.register("staff", StaffViewSet, basename="staff")
router.register("persons", PersonViewSet, basename="person")
router.register("households", HouseholdViewSet, basename="household")
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("identifications", IdentificationViewSet, basename="identification")
router.register("cards", CardViewSet, basename="card")
router.register("plans", PlanViewSet, basename="plan")
router.register("measures", MeasureViewSet, basename="measure")
router.register("services", ServiceViewSet, basename="service")
router.register("zero-households", ZeroHouseholdViewSet, basename="zerohousehold")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("statistics/status-count/", StatusCountView.as_view(), name="api-status-count"),
    path("statistics/assistance/", DashboardView.as_view(), name="api-assistance-dashboard"),
    path("cards/verify/<str:token>/", CardVerifyView.as_view(), name="api-card-verify"),
    *router.urls,
]
