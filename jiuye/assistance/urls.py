from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.views import cards, households, identifications, plans
from jiuye.core import exporting
from jiuye.core.navigation import Item, Section

app_name = "assistance"
urlpatterns = [
    path("", identifications.IdentificationListView.as_view(), name="list"),
    path("export/", exporting.view(identifications.IdentificationListView), name="export"),
    path("new/<int:person>/", identifications.IdentificationCreateView.as_view(), name="add"),
    path("<int:pk>/", identifications.IdentificationDetailView.as_view(), name="detail"),
    path("<int:pk>/investigation/", identifications.InvestigationView.as_view(), name="edit"),
    path("<int:pk>/fire/", identifications.TransitionView.as_view(), name="fire"),
    path("<int:pk>/attachments/", identifications.AttachmentUploadView.as_view(), name="attach"),
    path("<int:pk>/objection/", identifications.ObjectionView.as_view(), name="object"),
    path(
        "<int:pk>/objection/decision/",
        identifications.ObjectionDecisionView.as_view(),
        name="decide",
    ),
    path("<int:pk>/exit/", identifications.ExitView.as_view(), name="exit"),
    path("<int:pk>/services/", identifications.ServiceCreateView.as_view(), name="serve"),
    path("<int:pk>/refusals/", identifications.RefusalView.as_view(), name="refuse"),
    path("<int:pk>/plan/", plans.PlanView.as_view(), name="plan"),
    path(
        "attachments/<int:pk>/", identifications.AttachmentDownloadView.as_view(), name="attachment"
    ),
    path("notice/", identifications.NoticeView.as_view(), name="notice"),
    path("cards/<int:pk>/card.pdf", cards.CardView.as_view(), name="card"),
    path("plans/<int:pk>/agreement.pdf", plans.AgreementView.as_view(), name="agreement"),
    path("record/<int:pk>/", plans.RecordView.as_view(), name="record"),
    path("households/", households.ZeroHouseholdListView.as_view(), name="households"),
    path(
        "households/export/",
        exporting.view(households.ZeroHouseholdListView),
        name="households-export",
    ),
    path("households/<int:pk>/", households.ZeroHouseholdDetailView.as_view(), name="household"),
    path(
        "households/<int:pk>/fire/",
        households.HouseholdTransitionView.as_view(),
        name="household-fire",
    ),
    path(
        "households/<int:pk>/investigation/",
        households.HouseholdInvestigationView.as_view(),
        name="household-investigate",
    ),
    path(
        "households/<int:pk>/attachments/",
        households.HouseholdAttachmentUploadView.as_view(),
        name="household-attach",
    ),
    path(
        "households/attachments/<int:pk>/",
        households.HouseholdAttachmentDownloadView.as_view(),
        name="household-attachment",
    ),
    path("dashboard/", households.DashboardView.as_view(), name="dashboard"),
    path("zeroing/", households.ZeroingView.as_view(), name="zeroing"),
    # The card's QR code opens this public page: no login, no personal data.
    path("verify/<str:token>/", cards.VerifyView.as_view(), name="verify"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("就业援助"),
    (
        Item(_("就业困难人员认定"), "assistance:list", "assistance.view_identification"),
        Item(_("公示名单"), "assistance:notice", "assistance.view_identification"),
        Item(_("零就业家庭"), "assistance:households", "assistance.view_zerohousehold"),
        Item(_("动态清零"), "assistance:zeroing", "assistance.view_zerohousehold"),
        Item(_("援助统计"), "assistance:dashboard", "assistance.view_identification"),
    ),
    order=30,
)
