from django.urls import path

from jiuye.flexible import views

app_name = "flexible"
urlpatterns = [
    path("", views.FlexibleJobListView.as_view(), name="list"),
    path("due/", views.DueListView.as_view(), name="due"),
    path("new/", views.FlexibleJobCreateView.as_view(), name="add"),
    path("<int:pk>/", views.FlexibleJobDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.FlexibleJobUpdateView.as_view(), name="edit"),
    path("<int:pk>/check/", views.CheckView.as_view(), name="check"),
    path("<int:pk>/end/", views.EndView.as_view(), name="end"),
]
