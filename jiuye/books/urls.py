from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.books import views
from jiuye.core.navigation import Item, Section

app_name = "books"
urlpatterns = [
    path("", views.BookListView.as_view(), name="list"),
    path("<str:code>/<str:book>.pdf", views.BookPdfView.as_view(), name="pdf"),
    path("<str:code>/<str:book>.xlsx", views.BookExcelView.as_view(), name="excel"),
]

# This app's section of the left menu (registered by its AppConfig.ready).
MENU = Section(_("台账簿册"), (Item(_("台账簿册"), "books:list", "books.view_book"),), order=11)
