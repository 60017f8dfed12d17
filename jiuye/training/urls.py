from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.training import views

app_name = "training"
urlpatterns = [
    path("", views.CatalogueView.as_view(), name="catalogue"),
    path("export/", exporting.view(views.CatalogueView), name="catalogue-export"),
    path("institutions/", views.InstitutionListView.as_view(), name="institutions"),
    path(
        "institutions/export/",
        exporting.view(views.InstitutionListView),
        name="institutions-export",
    ),
    path("institutions/new/", views.InstitutionCreateView.as_view(), name="institution-add"),
    path("institutions/<int:pk>/", views.InstitutionDetailView.as_view(), name="institution"),
    path(
        "institutions/<int:pk>/edit/",
        views.InstitutionUpdateView.as_view(),
        name="institution-edit",
    ),
    path("courses/", views.CourseListView.as_view(), name="courses"),
    path("courses/export/", exporting.view(views.CourseListView), name="courses-export"),
    path("courses/new/", views.CourseCreateView.as_view(), name="course-add"),
    path("courses/<int:pk>/", views.CourseDetailView.as_view(), name="course"),
    path("courses/<int:pk>/edit/", views.CourseUpdateView.as_view(), name="course-edit"),
    path("needs/", views.NeedListView.as_view(), name="needs"),
    path("needs/export/", exporting.view(views.NeedListView), name="needs-export"),
    path("needs/candidates/", views.CandidatesView.as_view(), name="candidates"),
    path(
        "needs/candidates/export/", exporting.view(views.CandidatesView), name="candidates-export"
    ),
    path("needs/new/<int:person>/", views.NeedCreateView.as_view(), name="need-add"),
    path("needs/<int:pk>/", views.NeedDetailView.as_view(), name="need"),
    path("needs/<int:pk>/close/", views.NeedCloseView.as_view(), name="need-close"),
    path("enrolments/", views.EnrolmentListView.as_view(), name="enrolments"),
    path("enrolments/export/", exporting.view(views.EnrolmentListView), name="enrolments-export"),
    path("enrolments/new/<int:person>/", views.EnrolmentCreateView.as_view(), name="enrolment-add"),
    path("enrolments/<int:pk>/", views.EnrolmentDetailView.as_view(), name="enrolment"),
    path("enrolments/<int:pk>/fire/", views.EnrolmentFireView.as_view(), name="enrolment-fire"),
    path(
        "enrolments/<int:pk>/attendance/",
        views.EnrolmentAttendanceView.as_view(),
        name="enrolment-attendance",
    ),
    path(
        "enrolments/<int:pk>/complete/",
        views.EnrolmentCompleteView.as_view(),
        name="enrolment-complete",
    ),
    path(
        "enrolments/<int:pk>/certificate/",
        views.EnrolmentCertificateView.as_view(),
        name="enrolment-certificate",
    ),
    path("referral-subsidies/", views.ReferralAccountListView.as_view(), name="referral-accounts"),
    path(
        "referral-subsidies/export/",
        exporting.view(views.ReferralAccountListView),
        name="referral-accounts-export",
    ),
    path(
        "referral-subsidies/<int:institution>/<int:org>/",
        views.ReferralAccountView.as_view(),
        name="referral-account",
    ),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("职业培训"),
    (
        Item(_("可推荐的培训班"), "training:catalogue", "training.add_enrolment"),
        Item(_("培训需求"), "training:needs", "training.view_need"),
        Item(_("培训需求摸底"), "training:candidates", "training.add_need"),
        Item(_("参训记录"), "training:enrolments", "training.view_enrolment"),
        Item(_("培训班"), "training:courses", "training.view_course"),
        Item(_("定点培训机构"), "training:institutions", "training.view_institution"),
        Item(_("推荐参训补助"), "training:referral-accounts", "training.view_referralpayment"),
    ),
    order=70,
)
