from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.jobs.views import board, employers, referrals, seekers, vacancies

app_name = "jobs"
urlpatterns = [
    path("", vacancies.VacancyListView.as_view(), name="vacancies"),
    path("export/", exporting.view(vacancies.VacancyListView), name="vacancies-export"),
    path(
        "vacancies/new/<int:employer>/", vacancies.VacancyCreateView.as_view(), name="vacancy-add"
    ),
    path("vacancies/<int:pk>/", vacancies.VacancyDetailView.as_view(), name="vacancy"),
    path("vacancies/<int:pk>/edit/", vacancies.VacancyUpdateView.as_view(), name="vacancy-edit"),
    path(
        "vacancies/<int:pk>/withdraw/",
        vacancies.VacancyWithdrawView.as_view(),
        name="vacancy-withdraw",
    ),
    path("employers/", employers.EmployerListView.as_view(), name="employers"),
    path("employers/export/", exporting.view(employers.EmployerListView), name="employers-export"),
    path("employers/new/", employers.EmployerCreateView.as_view(), name="employer-add"),
    path("employers/<int:pk>/", employers.EmployerDetailView.as_view(), name="employer"),
    path("employers/<int:pk>/edit/", employers.EmployerUpdateView.as_view(), name="employer-edit"),
    path("seekers/", seekers.SeekerListView.as_view(), name="seekers"),
    path("seekers/export/", exporting.view(seekers.SeekerListView), name="seekers-export"),
    path("seekers/new/<int:person>/", seekers.SeekerCreateView.as_view(), name="seeker-add"),
    path("seekers/<int:pk>/", seekers.SeekerDetailView.as_view(), name="seeker"),
    path("seekers/<int:pk>/edit/", seekers.SeekerUpdateView.as_view(), name="seeker-edit"),
    path("seekers/<int:pk>/close/", seekers.SeekerCloseView.as_view(), name="seeker-close"),
    path("referrals/", referrals.ReferralListView.as_view(), name="referrals"),
    path("referrals/export/", exporting.view(referrals.ReferralListView), name="referrals-export"),
    path("referrals/new/", referrals.ReferView.as_view(), name="refer"),
    path("referrals/<int:pk>/", referrals.ReferralDetailView.as_view(), name="referral"),
    path("referrals/<int:pk>/fire/", referrals.ReferralFireView.as_view(), name="referral-fire"),
    path("referrals/<int:pk>/hire/", referrals.ReferralHireView.as_view(), name="referral-hire"),
    path(
        "referrals/<int:pk>/not-hired/",
        referrals.ReferralNotHiredView.as_view(),
        name="referral-not-hired",
    ),
    path(
        "referrals/<int:pk>/letter.pdf",
        referrals.ReferralLetterView.as_view(),
        name="referral-letter",
    ),
    # The public job board: no login, no personal data.
    path("board/", board.BoardView.as_view(), name="board"),
    path("board/<int:pk>/", board.BoardDetailView.as_view(), name="board-detail"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("职业介绍"),
    (
        Item(_("招聘岗位"), "jobs:vacancies", "jobs.view_vacancy"),
        Item(_("用人单位"), "jobs:employers", "jobs.view_employer"),
        Item(_("求职登记"), "jobs:seekers", "jobs.view_seeker"),
        Item(_("推荐记录"), "jobs:referrals", "jobs.view_referral"),
        Item(_("公开招聘信息"), "jobs:board"),
    ),
    order=40,
)
