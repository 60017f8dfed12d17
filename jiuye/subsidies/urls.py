from django.urls import path

from jiuye.subsidies import views

app_name = "subsidies"
urlpatterns = [
    path("", views.ClaimListView.as_view(), name="claims"),
    path("prepare/", views.PrepareView.as_view(), name="prepare"),
    path("<int:pk>/", views.ClaimDetailView.as_view(), name="claim"),
    path("<int:pk>/fire/", views.ClaimFireView.as_view(), name="claim-fire"),
    path("<int:pk>/export.xlsx", views.ClaimExportView.as_view(), name="claim-export"),
]
