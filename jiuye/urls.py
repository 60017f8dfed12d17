from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from jiuye.core import views as core_views
from jiuye.core.registry import registry
from jiuye.visits import offline

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    # the installable app: manifest and service worker at the root, whose scope is the site
    path("manifest.webmanifest", offline.ManifestView.as_view(), name="manifest"),
    path("sw.js", offline.ServiceWorkerView.as_view(), name="service-worker"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("status/", core_views.StatusView.as_view(), name="status"),
    # each line of work's pages, as its app registered them
    *[path(urls.prefix, include(urls.pages)) for urls in registry["urls"].values()],
    path("api/v1/", include("jiuye.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

handler404 = "jiuye.core.drf.page_not_found"
