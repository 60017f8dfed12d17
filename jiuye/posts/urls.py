from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.posts import views

app_name = "posts"
urlpatterns = [
    path("", views.PostListView.as_view(), name="posts"),
    path("export/", exporting.view(views.PostListView), name="posts-export"),
    path("new/", views.PostCreateView.as_view(), name="post-add"),
    path("<int:pk>/", views.PostDetailView.as_view(), name="post"),
    path("<int:pk>/edit/", views.PostUpdateView.as_view(), name="post-edit"),
    path("<int:post>/place/", views.PlacementCreateView.as_view(), name="place"),
    path("placements/", views.PlacementListView.as_view(), name="placements"),
    path("placements/export/", exporting.view(views.PlacementListView), name="placements-export"),
    path("placements/<int:pk>/", views.PlacementDetailView.as_view(), name="placement"),
    path("placements/<int:pk>/end/", views.PlacementEndView.as_view(), name="placement-end"),
    path("employers/", views.AbsorbedView.as_view(), name="employers"),
    path("employers/export/", exporting.view(views.AbsorbedView), name="employers-export"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("公益性岗位"),
    (
        Item(_("公益性岗位"), "posts:posts", "posts.view_post"),
        Item(_("在岗人员"), "posts:placements", "posts.view_placement"),
        Item(_("吸纳援助对象的单位"), "posts:employers", "jobs.view_referral"),
    ),
    order=50,
)
