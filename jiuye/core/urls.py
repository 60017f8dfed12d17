from django.urls import path

from jiuye.core import exporting, views

app_name = "core"
urlpatterns = [
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("parameters/", views.ParameterListView.as_view(), name="parameters"),
    path("calendar/new/", views.CalendarDayCreateView.as_view(), name="calendar-add"),
    path("exports/<int:pk>/", views.ExportDetailView.as_view(), name="export"),
    path("audit/", views.AuditListView.as_view(), name="audit"),
    path("audit/export/", exporting.view(views.AuditListView), name="audit-export"),
    path("exports/<int:pk>/download/", views.ExportDownloadView.as_view(), name="export-download"),
    path(
        "calendar/<int:pk>/delete/", views.CalendarDayDeleteView.as_view(), name="calendar-delete"
    ),
]
