"""Zero-employment households and the assistance dashboard of a region."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.assistance import services
from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES, PLACING_STATES
from jiuye.assistance.dashboard import dashboard, zeroing_charts
from jiuye.assistance.filters import ZeroHouseholdFilter
from jiuye.assistance.forms import EvidenceForm, HouseholdInvestigationForm, HouseholdSupportForm
from jiuye.assistance.models import HouseholdAttachment, ZeroHousehold
from jiuye.core import indicators, parameters
from jiuye.core.history import timeline
from jiuye.core.views import (
    EvidenceDownloadView,
    FireView,
    ScopedListView,
    ServiceActionView,
    WorkflowDetailView,
)
from jiuye.regions.selectors import asked_region, visible_path


class ZeroHouseholdListView(ScopedListView):
    model = ZeroHousehold
    filterset_class = ZeroHouseholdFilter
    template_name = "assistance/household_list.html"
    sort_fields = {"appeared_on": "appeared_on", "region": "region_id"}
    default_sort = "appeared_on"

    def scope(self, queryset):
        queryset = queryset.select_related("region", "responsible").with_head_name()
        return (
            queryset
            if self.request.GET.get("state")
            else queryset.filter(state__in=OPEN_HOUSEHOLD_STATES)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class ZeroHouseholdDetailView(WorkflowDetailView):
    model = ZeroHousehold
    template_name = "assistance/household_detail.html"
    context_object_name = "case"

    def scope(self, queryset):
        return queryset.select_related("household", "region", "responsible")

    def get_context_data(self, **kwargs):
        case, user = self.object, self.request.user
        investigating = case.workflow.is_editable(case.state) and self.may(
            "assistance.first_review"
        )
        context = super().get_context_data(**kwargs)
        context.update(
            today=timezone.localdate(), investigating=investigating,
            supporting=case.state in PLACING_STATES and self.may("assistance.change_zerohousehold"),
            members=case.household.members.order_by("id"),
            attachments=case.attachments.select_related("uploaded_by"),
            investigation_form=HouseholdInvestigationForm(initial={"investigation": case.investigation}),
            attachment_form=EvidenceForm(),
            support_form=kwargs.get("support_form") or HouseholdSupportForm(
                case=case, initial={"support_plan": case.support_plan, "responsible": case.responsible}),
            history=timeline(case.history.all(), viewer=user),
        )  # fmt: skip
        return context

    def post(self, request, *args, **kwargs):
        self.object = case = self.get_object()
        form = HouseholdSupportForm(request.POST, case=case)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(support_form=form))
        try:
            services.household_support(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _("；").join(error.messages))
        else:
            messages.success(request, _("已保存。"))
        return redirect("assistance:household", pk=case.pk)


class HouseholdTransitionView(FireView):
    model = ZeroHousehold


class HouseholdInvestigationView(ServiceActionView):
    model = ZeroHousehold
    form_class = HouseholdInvestigationForm
    service, record, versioned = staticmethod(services.household_investigate), "case", True
    done = _("调查情况已保存。")


class HouseholdAttachmentUploadView(ServiceActionView):
    model = ZeroHousehold
    form_class = EvidenceForm
    service, record = staticmethod(services.household_attachment_add), "case"
    done = _("材料已上传。")


class HouseholdAttachmentDownloadView(EvidenceDownloadView):
    model = HouseholdAttachment
    purpose = _("查看零就业家庭调查材料")

    def persons(self, attachment):
        return list(attachment.case.household.members.all())


class DashboardView(PermissionRequiredMixin, generic.TemplateView):
    """Figures of assistance for a region and each region below it, with drill-down."""

    permission_required = "assistance.view_identification"
    template_name = "assistance/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        region = asked_region(user, self.request.GET.get("region"))
        return super().get_context_data(
            board=dashboard(user, region), path=visible_path(user, region), **kwargs
        )


class ZeroingView(PermissionRequiredMixin, generic.TemplateView):
    """动态清零 of a region and a year, by sub-region (drill-down): households that appeared,
    were identified, placed within the limit, became stable, and passed the limit."""

    permission_required = "assistance.view_zerohousehold"
    template_name = "assistance/zeroing.html"

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        region = asked_region(user, self.request.GET.get("region"))
        year = self.request.GET.get("year", "")
        year = int(year) if year.isdigit() and 2000 <= int(year) <= today.year else today.year
        first, last = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
        report = indicators.table(user, region, indicators.of_report("zeroing"), first, last)
        return super().get_context_data(
            report=report, charts=zeroing_charts(user, region, report), year=year,
            this_year=today.year, first=first, last=last, path=visible_path(user, region),
            limit=parameters.value("assistance.placement_limit_months", region.code, today), **kwargs,
        )  # fmt: skip
