"""The API, version 1: each line of work's routes, as its app registered them (the registry's
store ``urls``: ``routes(router)`` and ``urlpatterns`` of its ``api`` module)."""

from importlib import import_module

from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import APIRootView, DefaultRouter

from jiuye.core.registry import registry


class RootView(APIRootView):
    """jiuye API, version 1. Every list is limited to your jurisdiction."""

    permission_classes = [IsAuthenticated]


router = DefaultRouter()
router.APIRootView = RootView
urlpatterns = []
for urls in registry["urls"].values():
    if urls.api:
        api = import_module(urls.api)
        api.routes(router)
        urlpatterns += getattr(api, "urlpatterns", [])
urlpatterns += router.urls
