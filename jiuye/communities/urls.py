from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.communities import views
from jiuye.core import exporting
from jiuye.core.navigation import Item, Section

app_name = "communities"
urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("export/", views.OverviewExportView.as_view(), name="overview-export"),
    path("region/<str:code>/", views.CommunityView.as_view(), name="community"),
    path("region/<str:code>/apply/<int:round>/", views.ApplicationCreateView.as_view(), name="apply"),
    path("standards/", views.StandardListView.as_view(), name="standards"),
    path("standards/export/", exporting.view(views.StandardListView), name="standards-export"),
    path("standards/<int:pk>/", views.StandardDetailView.as_view(), name="standard"),
    path("standards/<int:pk>/criteria/new/", views.CriterionCreateView.as_view(), name="criterion-add"),
    path("criteria/<int:pk>/edit/", views.CriterionUpdateView.as_view(), name="criterion-edit"),
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("rounds/export/", exporting.view(views.RoundListView), name="rounds-export"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round-add"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round"),
    path("applications/", views.ApplicationListView.as_view(), name="applications"),
    path("applications/export/", views.ApplicationExportView.as_view(), name="applications-export"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="application"),
    path("applications/<int:pk>/edit/", views.ApplicationUpdateView.as_view(), name="application-edit"),
    path("applications/<int:pk>/attachments/", views.AttachmentUploadView.as_view(), name="attachment-add"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("applications/<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("applications/<int:pk>/fire/", views.ApplicationFireView.as_view(), name="application-fire"),
    path("titles/", views.TitleListView.as_view(), name="titles"),
    path("titles/export/", views.TitleExportView.as_view(), name="titles-export"),
    path("titles/<int:pk>/", views.TitleDetailView.as_view(), name="title"),
    path("rechecks/", views.RecheckListView.as_view(), name="rechecks"),
    path("rechecks/export/", exporting.view(views.RecheckListView), name="rechecks-export"),
    path("rechecks/new/", views.RecheckCreateView.as_view(), name="recheck-add"),
    path("rechecks/<int:pk>/", views.RecheckDetailView.as_view(), name="recheck"),
]  # fmt: skip

MENU = Section(
    _("充分就业社区"),
    (
        Item(_("达标情况"), "communities:overview", "communities.view_communitymonth"),
        Item(_("评定申报"), "communities:applications", "communities.view_application"),
        Item(_("命名"), "communities:titles", "communities.view_title"),
        Item(_("评定批次"), "communities:rounds", "communities.view_round"),
        Item(_("复查"), "communities:rechecks", "communities.view_recheck"),
        Item(_("认定标准"), "communities:standards", "communities.view_standard"),
    ),
    order=85,
)
