from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import APIRootView, DefaultRouter

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

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("statistics/status-count/", StatusCountView.as_view(), name="api-status-count"),
    *router.urls,
]
