from django.urls import path
from django.utils.translation import gettext_lazy as _

from jiuye.core.navigation import Item, Section
from jiuye.policies import views

app_name = "policies"
urlpatterns = [
    path("", views.PolicyListView.as_view(), name="list"),
    path("export.xlsx", views.PolicyExportView.as_view(), name="export"),
    path("new/", views.PolicyCreateView.as_view(), name="add"),
    path("<int:pk>/", views.PolicyDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PolicyUpdateView.as_view(), name="edit"),
    path("consultations/", views.ConsultationListView.as_view(), name="consultations"),
    path("consultations/export.xlsx", views.ConsultationExportView.as_view(), name="consultation-export"),
    path("consultations/new/", views.ConsultationCreateView.as_view(), name="consultation-add"),
    path("consultations/figures/", views.ConsultationFiguresView.as_view(), name="consultation-figures"),
    path("consultations/<int:pk>/", views.ConsultationDetailView.as_view(), name="consultation"),
    path("consultations/<int:pk>/edit/", views.ConsultationUpdateView.as_view(), name="consultation-edit"),
    path("practices/", views.GoodPracticeListView.as_view(), name="practices"),
    path("practices/export.xlsx", views.GoodPracticeExportView.as_view(), name="practice-export"),
    path("practices/new/", views.GoodPracticeCreateView.as_view(), name="practice-add"),
    path("practices/<int:pk>/", views.GoodPracticeDetailView.as_view(), name="practice"),
    path("practices/<int:pk>/edit/", views.GoodPracticeUpdateView.as_view(), name="practice-edit"),
    path("practices/<int:pk>/publish/", views.GoodPracticePublishView.as_view(), name="practice-publish"),
    path("public/", views.PublicView.as_view(), name="public"),
    path("public/<int:pk>/", views.PublicPolicyView.as_view(), name="public-policy"),
    path("public/practices/<int:pk>/", views.PublicPracticeView.as_view(), name="public-practice"),
]  # fmt: skip

# This line of work's section of the left menu (registered by its AppConfig.ready).
MENU = Section(
    _("政策"),
    (
        Item(_("政策库"), "policies:list", "policies.view_policy"),
        Item(_("政策咨询"), "policies:consultations", "policies.view_consultation"),
        Item(_("咨询统计"), "policies:consultation-figures", "policies.view_consultation"),
        Item(_("典型经验"), "policies:practices", "policies.view_goodpractice"),
        Item(_("政策公开页面"), "policies:public"),
    ),
    order=97,
)
