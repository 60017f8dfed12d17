from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.RankingView.as_view(), name="ranking"),
    path("export.xlsx", views.RankingExportView.as_view(), name="ranking-export"),
    path("commend/", views.CommendTopView.as_view(), name="commend-top"),
    path("office/<str:code>/", views.OfficeView.as_view(), name="office"),
    path("office/<str:code>/commend/", views.CommendationCreateView.as_view(), name="commend"),
    path("rewards/", views.RewardView.as_view(), name="rewards"),
    path("schemes/", views.SchemeListView.as_view(), name="schemes"),
    path("schemes/export/", exporting.view(views.SchemeListView), name="schemes-export"),
    path("schemes/add/", views.SchemeCreateView.as_view(), name="scheme-add"),
    path("schemes/<int:pk>/", views.SchemeDetailView.as_view(), name="scheme"),
    path("schemes/<int:pk>/items/add/", views.ItemAddView.as_view(), name="item-add"),
    path("items/<int:pk>/remove/", views.ItemRemoveView.as_view(), name="item-remove"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("绩效考核"),
    (
        Item(_("绩效排名"), "performance:ranking", "performance.view_score"),
        Item(_("以奖代补"), "performance:rewards", "performance.view_score"),
        Item(_("考核方案"), "performance:schemes", "performance.view_scheme"),
    ),
    order=95,
)
