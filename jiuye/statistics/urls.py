from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core.navigation import Item, Section
from jiuye.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.StatisticsView.as_view(), name="index"),
    path("export.xlsx", views.StatisticsExportView.as_view(), name="export"),
]

# This app's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("统计分析"),
    (Item(_("台账统计"), "statistics:index", "statistics.view_statistics"),),
    order=15,
)
