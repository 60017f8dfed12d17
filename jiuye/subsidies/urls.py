from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.subsidies import views

app_name = "subsidies"
urlpatterns = [
    path("", views.ClaimListView.as_view(), name="claims"),
    path("export/", exporting.view(views.ClaimListView), name="claims-export"),
    path("prepare/", views.PrepareView.as_view(), name="prepare"),
    path("<int:pk>/", views.ClaimDetailView.as_view(), name="claim"),
    path("<int:pk>/fire/", views.ClaimFireView.as_view(), name="claim-fire"),
    path("<int:pk>/export.xlsx", views.ClaimExportView.as_view(), name="claim-export"),
    path("budgets/", views.BudgetListView.as_view(), name="budgets"),
    path("budgets/export/", views.BudgetExportView.as_view(), name="budgets-export"),
    path("budgets/add/", views.BudgetCreateView.as_view(), name="budget-add"),
    path("budgets/<int:pk>/edit/", views.BudgetUpdateView.as_view(), name="budget-edit"),
    path("person/<int:person>/", views.PersonSubsidiesView.as_view(), name="person"),
    path("report/", views.ReportView.as_view(), name="report"),
    path("report/export.xlsx", views.ReportExportView.as_view(), name="report-export"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("补贴"),
    (
        Item(_("补贴申报"), "subsidies:claims", "subsidies.view_claim"),
        Item(_("补贴预算"), "subsidies:budgets", "subsidies.view_budget"),
        Item(_("项目与补贴统计"), "subsidies:report", "subsidies.view_report"),
    ),
    order=90,
)
