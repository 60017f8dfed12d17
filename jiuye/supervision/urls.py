from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core.navigation import Item, Section
from jiuye.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.InspectionListView.as_view(), name="list"),
    path("export.xlsx", views.InspectionExportView.as_view(), name="export"),
    path("new/", views.InspectionCreateView.as_view(), name="add"),
    path("<int:pk>/", views.InspectionDetailView.as_view(), name="inspection"),
    path("<int:pk>/edit/", views.InspectionUpdateView.as_view(), name="edit"),
    path("<int:pk>/findings/new/", views.FindingAddView.as_view(), name="finding-add"),
    path("findings/<int:pk>/", views.FindingDetailView.as_view(), name="finding"),
    path("findings/<int:pk>/reply/", views.FindingReplyView.as_view(), name="finding-reply"),
    path(
        "findings/<int:pk>/follow-up/",
        views.FindingFollowUpView.as_view(),
        name="finding-follow-up",
    ),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("office/<int:org>/", views.OfficeView.as_view(), name="office"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("督查"),
    (
        Item(_("督查检查"), "supervision:list", "supervision.view_inspection"),
        Item(_("登记督查"), "supervision:add", "supervision.add_inspection"),
    ),
    order=95,
)
