from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core.navigation import Item, Section
from jiuye.funds import views

app_name = "funds"
urlpatterns = [
    path("", views.BudgetListView.as_view(), name="list"),
    path("export.xlsx", views.BudgetExportView.as_view(), name="export"),
    path("add/", views.BudgetCreateView.as_view(), name="add"),
    path("<int:pk>/", views.BudgetDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.BudgetUpdateView.as_view(), name="edit"),
    path("<int:pk>/lines/add/", views.LineCreateView.as_view(), name="line-add"),
    path("lines/<int:pk>/edit/", views.LineUpdateView.as_view(), name="line-edit"),
    path("lines/<int:pk>/spend/", views.SpendingCreateView.as_view(), name="spending-add"),
    path("spending/<int:pk>/edit/", views.SpendingUpdateView.as_view(), name="spending-edit"),
    path("spending/<int:pk>/voucher/", views.SpendingFileView.as_view(), name="spending-file"),
    path("report/", views.ReportView.as_view(), name="report"),
    path("report/export.xlsx", views.ReportExportView.as_view(), name="report-export"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("平台经费"),
    (
        Item(_("平台经费预算与支出"), "funds:list", "funds.view_platformbudget"),
        Item(_("平台经费统计"), "funds:report", "funds.view_platformbudget"),
    ),
    order=95,
)
