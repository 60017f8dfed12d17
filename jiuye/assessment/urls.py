from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.assessment import views
from jiuye.core import exporting
from jiuye.core.navigation import Item, Section

app_name = "assessment"
urlpatterns = [
    path("", views.AssessmentListView.as_view(), name="list"),
    path("export/", exporting.view(views.AssessmentListView), name="export"),
    path("<int:pk>/", views.AssessmentDetailView.as_view(), name="detail"),
    path("<int:pk>/self/", views.SelfAssessView.as_view(), name="self"),
    path("<int:pk>/score/", views.ScoreView.as_view(), name="score"),
    path("<int:pk>/adjust/", views.AdjustView.as_view(), name="adjust"),
    path("<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("rounds/export/", exporting.view(views.RoundListView), name="rounds-export"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round-add"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round"),
    path("rounds/<int:pk>/fire/", views.RoundFireView.as_view(), name="round-fire"),
    path("rounds/<int:pk>/prefill/", views.RoundPrefillView.as_view(), name="round-prefill"),
    path("rounds/<int:pk>/export.xlsx", views.RoundExportView.as_view(), name="round-export"),
    path("worker/<int:user>/", views.WorkerView.as_view(), name="worker"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("工作人员考核"),
    (
        Item(_("年度考核"), "assessment:rounds", "assessment.view_round"),
        Item(_("考核人员"), "assessment:list", "assessment.view_assessment"),
        Item(_("开启年度考核"), "assessment:round-add", "assessment.add_round"),
    ),
    order=112,
)
