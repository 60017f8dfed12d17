from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("inbox.xlsx", exporting.view(views.InboxView), name="inbox-export"),
    path("sent/", views.NoticeListView.as_view(), name="sent"),
    path("sent/export/", exporting.view(views.NoticeListView), name="sent-export"),
    path("new/", views.NoticeCreateView.as_view(), name="add"),
    path("<int:pk>/", views.NoticeDetailView.as_view(), name="notice"),
    path("<int:pk>/receipts.xlsx", views.ReceiptExportView.as_view(), name="export"),
    path("receipts/<int:pk>/reply/", views.ReplyView.as_view(), name="reply"),
    path("files/<int:pk>/", views.NoticeAttachmentView.as_view(), name="attachment"),
    path("replies/files/<int:pk>/", views.ReceiptAttachmentView.as_view(), name="reply-attachment"),
    path("reports/", views.ReportListView.as_view(), name="reports"),
    path("reports/export/", exporting.view(views.ReportListView), name="reports-export"),
    path("reports/received/", views.ReportReceivedView.as_view(), name="reports-received"),
    path(
        "reports/received/export/",
        exporting.view(views.ReportReceivedView),
        name="reports-received-export",
    ),
    path("reports/new/", views.ReportCreateView.as_view(), name="report-add"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report"),
    path(
        "reports/<int:pk>/acknowledge/", views.AcknowledgeView.as_view(), name="report-acknowledge"
    ),
    path("reports/files/<int:pk>/", views.ReportAttachmentView.as_view(), name="report-attachment"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("公文"),
    (
        Item(_("收文"), "notices:inbox", "notices.view_receipt"),
        Item(_("发文"), "notices:sent", "notices.view_notice"),
        Item(_("发通知"), "notices:add", "notices.add_notice"),
        Item(_("收到的报送"), "notices:reports-received", "notices.acknowledge_report"),
        Item(_("上报材料"), "notices:reports", "notices.view_report"),
        Item(_("报送"), "notices:report-add", "notices.add_report"),
    ),
    order=96,
)
