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
from jiuye.flexible import api as flexible_api
from jiuye.jobs.api import (
    EmployerViewSet,
    IndustryViewSet,
    OccupationViewSet,
    PublicVacancyViewSet,
    ReferralViewSet,
    SeekerViewSet,
    VacancyViewSet,
)
from jiuye.ledger.api import HouseholdViewSet, PersonViewSet, StatusCountView
from jiuye.posts import api as posts_api
from jiuye.regions.api import RegionViewSet, ServiceOrgViewSet
from jiuye.registration.api import RegistrationViewSet
from jiuye.staff.api import StaffViewSet, TokenView
from jiuye.startups import api as startups_api
from jiuye.subsidies.api import BudgetViewSet, ClaimViewSet
from jiuye.subsidies.api import ReportView as ProgrammeReportView
from jiuye.training import api as training_api


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
router.register("occupations", OccupationViewSet, basename="occupation")
router.register("industries", IndustryViewSet, basename="industry")
router.register("employers", EmployerViewSet, basename="employer")
router.register("vacancies", VacancyViewSet, basename="vacancy")
router.register("seekers", SeekerViewSet, basename="seeker")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("claims", ClaimViewSet, basename="claim")
router.register("budgets", BudgetViewSet, basename="budget")
for line_of_work in (posts_api, flexible_api, training_api, startups_api):
    line_of_work.register(router)
# Public, no login: the job board's vacancies.
router.register("public/vacancies", PublicVacancyViewSet, basename="public-vacancy")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("statistics/status-count/", StatusCountView.as_view(), name="api-status-count"),
    path("statistics/assistance/", DashboardView.as_view(), name="api-assistance-dashboard"),
    path("statistics/programmes/", ProgrammeReportView.as_view(), name="api-programmes-report"),
    path("cards/verify/<str:token>/", CardVerifyView.as_view(), name="api-card-verify"),
    *router.urls,
]
