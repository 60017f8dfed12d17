from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from jiuye.core import views as core_views

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("accounts/", include("jiuye.staff.account_urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("ledger/", include("jiuye.ledger.urls")),
    path("registration/", include("jiuye.registration.urls")),
    path("assistance/", include("jiuye.assistance.urls")),
    path("jobs/", include("jiuye.jobs.urls")),
    path("subsidies/", include("jiuye.subsidies.urls")),
    path("posts/", include("jiuye.posts.urls")),
    path("flexible/", include("jiuye.flexible.urls")),
    path("training/", include("jiuye.training.urls")),
    path("startups/", include("jiuye.startups.urls")),
    path("regions/", include("jiuye.regions.urls")),
    path("staff/", include("jiuye.staff.urls")),
    path("system/", include("jiuye.core.urls")),
    path("api/v1/", include("jiuye.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
