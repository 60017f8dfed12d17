from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.startups import views

app_name = "startups"
urlpatterns = [
    path("", views.EntrepreneurListView.as_view(), name="entrepreneurs"),
    path("export/", exporting.view(views.EntrepreneurListView), name="entrepreneurs-export"),
    path("find/", views.PersonFindView.as_view(), name="find"),
    path("entrepreneurs/new/<int:person>/", views.EntrepreneurCreateView.as_view(), name="entrepreneur-add"),
    path("entrepreneurs/<int:pk>/", views.EntrepreneurDetailView.as_view(), name="entrepreneur"),
    path("entrepreneurs/<int:pk>/edit/", views.EntrepreneurUpdateView.as_view(), name="entrepreneur-edit"),
    path("entrepreneurs/<int:pk>/service/", views.ServiceAddView.as_view(), name="service-add"),
    path("loans/", views.LoanListView.as_view(), name="loans"),
    path("loans/export/", exporting.view(views.LoanListView), name="loans-export"),
    path("loans/overdue/", views.OverdueListView.as_view(), name="overdue"),
    path("loans/overdue/export/", exporting.view(views.OverdueListView), name="overdue-export"),
    path("loans/credit/", views.CreditView.as_view(), name="credit"),
    path("loans/credit/export/", exporting.view(views.CreditView), name="credit-export"),
    path("loans/new/<int:person>/", views.LoanCreateView.as_view(), name="loan-add"),
    path("loans/<int:pk>/", views.LoanDetailView.as_view(), name="loan"),
    path("loans/<int:pk>/edit/", views.LoanUpdateView.as_view(), name="loan-edit"),
    path("loans/<int:pk>/fire/", views.LoanFireView.as_view(), name="loan-fire"),
    path("loans/<int:pk>/bank/", views.BankApproveView.as_view(), name="loan-bank"),
    path("loans/<int:pk>/repay/", views.RepayView.as_view(), name="loan-repay"),
    path("loans/<int:pk>/extend/", views.ExtendView.as_view(), name="loan-extend"),
    path("loans/<int:pk>/recovery/", views.RecoveryView.as_view(), name="loan-recovery"),
]  # fmt: skip

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("创业服务"),
    (
        Item(_("创业意愿登记"), "startups:entrepreneurs", "startups.view_entrepreneur"),
        Item(_("小额担保贷款"), "startups:loans", "startups.view_loan"),
        Item(_("逾期贷款"), "startups:overdue", "startups.view_loan"),
        Item(_("信用社区"), "startups:credit", "startups.view_loan"),
    ),
    order=80,
)
