from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BooksConfig(AppConfig):
    name = "jiuye.books"
    label = "books"
    verbose_name = _("台账簿册")

    def ready(self):
        from jiuye.books import books, permissions, urls
        from jiuye.core.registry import Urls, register, register_permissions

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("urls", Urls("books/", "jiuye.books.urls"))
        register("books", *books.BOOKS)
