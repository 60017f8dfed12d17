"""Zero-employment households and the assistance dashboard of a region."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.assistance import services
from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES
from jiuye.assistance.dashboard import dashboard
from jiuye.assistance.filters import ZeroHouseholdFilter
from jiuye.assistance.forms import HouseholdSupportForm
from jiuye.assistance.models import ZeroHousehold
from jiuye.core import parameters
from jiuye.core.history import timeline
from jiuye.core.views import ScopedListView, WorkflowDetailView
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
        return super().get_context_data(limit=household_limit(self.request.user), **kwargs)


def household_limit(user) -> int:
    """Days a zero-employment household may stay open (动态清零时限), for the user's region."""
    return parameters.value("assistance.zero_household_days", parameters.region_of(user))


class ZeroHouseholdDetailView(WorkflowDetailView):
    model = ZeroHousehold
    template_name = "assistance/household_detail.html"
    context_object_name = "case"

    def scope(self, queryset):
        return queryset.select_related("household", "region", "responsible")

    def get_context_data(self, **kwargs):
        case, user = self.object, self.request.user
        editable = self.may("assistance.change_zerohousehold")
        context = super().get_context_data(**kwargs)
        context.update(
            limit=household_limit(user), editable=editable,
            members=case.household.members.order_by("id"),
            support_form=kwargs.get("support_form") or HouseholdSupportForm(
                case=case, initial={"support_plan": case.support_plan, "responsible": case.responsible}),
            history=timeline(case.history.all(), viewer=user),
        )  # fmt: skip
        return context

    def post(self, request, *args, **kwargs):
        self.object = case = self.get_object()
        try:
            if request.POST.get("action") == "identify":
                services.household_identify(actor=request.user, case=case)
            else:
                form = HouseholdSupportForm(request.POST, case=case)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(support_form=form))
                services.household_support(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已保存。"))
        return redirect("assistance:household", pk=case.pk)


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
