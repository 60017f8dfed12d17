from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core import exporting
from jiuye.core.navigation import Item, Section
from jiuye.flexible import views

app_name = "flexible"
urlpatterns = [
    path("", views.FlexibleJobListView.as_view(), name="list"),
    path("export/", exporting.view(views.FlexibleJobListView), name="export"),
    path("due/", views.DueListView.as_view(), name="due"),
    path("due/export/", exporting.view(views.DueListView), name="due-export"),
    path("new/", views.FlexibleJobCreateView.as_view(), name="add"),
    path("<int:pk>/", views.FlexibleJobDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.FlexibleJobUpdateView.as_view(), name="edit"),
    path("<int:pk>/check/", views.CheckView.as_view(), name="check"),
    path("<int:pk>/end/", views.EndView.as_view(), name="end"),
]

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("灵活就业"),
    (
        Item(_("灵活就业登记"), "flexible:list", "flexible.view_flexiblejob"),
        Item(_("核实到期"), "flexible:due", "flexible.view_flexiblejob"),
    ),
    order=60,
)
