from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.complaints import views
from jiuye.core.navigation import Item, Section

app_name = "complaints"
urlpatterns = [
    path("", views.ComplaintListView.as_view(), name="list"),
    path("export.xlsx", views.ComplaintExportView.as_view(), name="export"),
    path("new/", views.ComplaintCreateView.as_view(), name="add"),
    path("<int:pk>/", views.ComplaintDetailView.as_view(), name="detail"),
    path("<int:pk>/fire/", views.ComplaintFireView.as_view(), name="fire"),
    path("<int:pk>/notes/new/", views.NoteAddView.as_view(), name="note-add"),
    path("<int:pk>/answer/", views.AnswerView.as_view(), name="answer"),
    path("<int:pk>/close/", views.CloseView.as_view(), name="close"),
    # public: no login
    path("public/", views.PublicSubmitView.as_view(), name="public-submit"),
    path("public/done/", views.PublicDoneView.as_view(), name="public-done"),
    path("public/progress/", views.PublicProgressView.as_view(), name="public-progress"),
    path("public/regions/", views.PublicRegionsView.as_view(), name="public-regions"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("投诉"),
    (
        Item(_("投诉处理"), "complaints:list", "complaints.view_complaint"),
        Item(_("登记投诉"), "complaints:add", "complaints.add_complaint"),
    ),
    order=96,
)
