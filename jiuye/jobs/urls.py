from django.urls import path

from jiuye.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.VacancyListView.as_view(), name="vacancies"),
    path("vacancies/new/<int:employer>/", views.VacancyCreateView.as_view(), name="vacancy-add"),
    path("vacancies/<int:pk>/", views.VacancyDetailView.as_view(), name="vacancy"),
    path("vacancies/<int:pk>/edit/", views.VacancyUpdateView.as_view(), name="vacancy-edit"),
    path(
        "vacancies/<int:pk>/withdraw/", views.VacancyWithdrawView.as_view(), name="vacancy-withdraw"
    ),
    path("employers/", views.EmployerListView.as_view(), name="employers"),
    path("employers/new/", views.EmployerCreateView.as_view(), name="employer-add"),
    path("employers/<int:pk>/", views.EmployerDetailView.as_view(), name="employer"),
    path("employers/<int:pk>/edit/", views.EmployerUpdateView.as_view(), name="employer-edit"),
    path("seekers/", views.SeekerListView.as_view(), name="seekers"),
    path("seekers/new/<int:person>/", views.SeekerCreateView.as_view(), name="seeker-add"),
    path("seekers/<int:pk>/", views.SeekerDetailView.as_view(), name="seeker"),
    path("seekers/<int:pk>/edit/", views.SeekerUpdateView.as_view(), name="seeker-edit"),
    path("seekers/<int:pk>/close/", views.SeekerCloseView.as_view(), name="seeker-close"),
    path("referrals/", views.ReferralListView.as_view(), name="referrals"),
    path("referrals/new/", views.ReferView.as_view(), name="refer"),
    path("referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral"),
    path("referrals/<int:pk>/fire/", views.ReferralFireView.as_view(), name="referral-fire"),
    path("referrals/<int:pk>/hire/", views.ReferralHireView.as_view(), name="referral-hire"),
    path(
        "referrals/<int:pk>/not-hired/",
        views.ReferralNotHiredView.as_view(),
        name="referral-not-hired",
    ),
    path(
        "referrals/<int:pk>/letter.pdf", views.ReferralLetterView.as_view(), name="referral-letter"
    ),
    # The public job board: no login, no personal data.
    path("board/", views.BoardView.as_view(), name="board"),
    path("board/<int:pk>/", views.BoardDetailView.as_view(), name="board-detail"),
]
