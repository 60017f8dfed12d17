from django.urls import path

from jiuye.subsidies import views

app_name = "subsidies"
urlpatterns = [
    path("", views.ClaimListView.as_view(), name="claims"),
    path("prepare/", views.PrepareView.as_view(), name="prepare"),
    path("<int:pk>/", views.ClaimDetailView.as_view(), name="claim"),
    path("<int:pk>/fire/", views.ClaimFireView.as_view(), name="claim-fire"),
    path("<int:pk>/export.xlsx", views.ClaimExportView.as_view(), name="claim-export"),
    path("budgets/", views.BudgetListView.as_view(), name="budgets"),
    path("budgets/add/", views.BudgetCreateView.as_view(), name="budget-add"),
    path("budgets/<int:pk>/edit/", views.BudgetUpdateView.as_view(), name="budget-edit"),
    path("person/<int:person>/", views.PersonSubsidiesView.as_view(), name="person"),
    path("report/", views.ReportView.as_view(), name="report"),
    path("report/export.xlsx", views.ReportExportView.as_view(), name="report-export"),
]
