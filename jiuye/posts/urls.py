from django.urls import path

from jiuye.posts import views

app_name = "posts"
urlpatterns = [
    path("", views.PostListView.as_view(), name="posts"),
    path("new/", views.PostCreateView.as_view(), name="post-add"),
    path("<int:pk>/", views.PostDetailView.as_view(), name="post"),
    path("<int:pk>/edit/", views.PostUpdateView.as_view(), name="post-edit"),
    path("<int:post>/place/", views.PlacementCreateView.as_view(), name="place"),
    path("placements/", views.PlacementListView.as_view(), name="placements"),
    path("placements/<int:pk>/", views.PlacementDetailView.as_view(), name="placement"),
    path("placements/<int:pk>/end/", views.PlacementEndView.as_view(), name="placement-end"),
    path("employers/", views.AbsorbedView.as_view(), name="employers"),
]
