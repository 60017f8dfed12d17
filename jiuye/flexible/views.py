from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.views import (
    ActionView,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
)
from jiuye.flexible import services
from jiuye.flexible.filters import FlexibleJobFilter
from jiuye.flexible.forms import CheckForm, EndForm, FlexibleJobForm
from jiuye.flexible.models import FlexibleJob
from jiuye.flexible.subsidy import months_of
from jiuye.ledger.models import Person


class FlexibleJobListView(ScopedListView):
    """The registrations of the jurisdiction (in register by default)."""

    model = FlexibleJob
    filterset_class = FlexibleJobFilter
    template_name = "flexible/flexiblejob_list.html"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("就业形式"), "get_form_display"), Column(_("从事工作"), "work", 24),
        Column(_("居住地"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("开始日期"), "started_on"), Column(_("社会保险缴费（元）"), "contribution", money=True),
        Column(_("结束日期"), "ended_on"), Column(_("下次核实"), "next_check_on"),
    ]  # fmt: skip
    sort_fields = {
        "started_on": "started_on",
        "next_check_on": "next_check_on",
        "region": "region_id",
    }
    default_sort = "-started_on"

    def get_queryset(self):
        queryset = super().get_queryset()
        if not self.filterset.is_bound:  # the filter's default: those in register
            queryset = queryset.open()
        return queryset

    def scope(self, queryset):
        return queryset.with_person()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class DueListView(FlexibleJobListView):
    """The registrations whose periodic check is due (核实到期), the oldest first."""

    default_sort = "next_check_on"
    export_name, export_file = _("待核实的灵活就业"), "flexible-due"

    def scope(self, queryset):
        return super().scope(queryset).due(timezone.localdate())

    def get_context_data(self, **kwargs):
        return super().get_context_data(due_only=True, **kwargs)


class FlexibleJobCreateView(ServiceFormMixin, generic.CreateView):
    model = FlexibleJob
    form_class = FlexibleJobForm
    permission_required = "flexible.add_flexiblejob"
    template_name = "flexible/flexiblejob_form.html"
    success_message = _("已办理灵活就业登记，台账中该人员已改为灵活就业。")

    @cached_property
    def person(self):
        pk = self.request.GET.get("person", "")
        if not pk.isdigit():
            return None
        return get_object_or_404(Person.objects.editable_by(self.request.user), pk=pk)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "person": self.person}

    def save(self, form):
        return services.flexible_register(actor=self.request.user, **form.service_data())


class FlexibleJobUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = FlexibleJob
    form_class = FlexibleJobForm
    permission_required = "flexible.change_flexiblejob"
    template_name = "flexible/flexiblejob_form.html"
    success_message = _("灵活就业登记已保存。")
    update, record = staticmethod(services.flexible_update), "job"

    def scope(self, queryset):
        return queryset.with_person()

    def form_data(self, form):
        return form.service_data()


class FlexibleJobDetailView(ScopedDetailView):
    """A registration: its checks, and every month with the subsidy paid, or refused and why."""

    model = FlexibleJob
    template_name = "flexible/flexiblejob_detail.html"

    def scope(self, queryset):
        return (
            queryset.with_person()
            .select_related("registered_by")
            .prefetch_related("checks__checked_by")
        )

    def get_context_data(self, **kwargs):
        user, job = self.request.user, self.object
        today = timezone.localdate()
        months = months_of(job, today)
        return super().get_context_data(
            today=today,
            checks=job.checks.all(),
            months=months,
            subsidised=sum(1 for row in months if row.line is not None),
            can_edit=job.is_open and self.may("flexible.change_flexiblejob"),
            can_check=job.is_open and self.may("flexible.add_check"),
            check_form=CheckForm(),
            end_form=EndForm(),
            # only those of the jurisdiction: another county's registration is not the user's to
            # read (its link would answer 404)
            other_jobs=FlexibleJob.objects.visible_to(user)
            .filter(person_id=job.person_id)
            .exclude(pk=job.pk)
            .order_by("-started_on"),
            history=timeline(job.history.all(), viewer=user),
            **kwargs,
        )


class CheckView(ActionView):
    model = FlexibleJob
    form_class = CheckForm
    permission_required = "flexible.add_check"

    def act(self, request, data):
        check = services.check_record(actor=request.user, job=self.object, **data)
        if check.still_working:
            messages.success(request, _("已记录核实情况。"))
        else:
            messages.success(request, _("已记录核实情况，该人员已不再灵活就业，登记已终止。"))


class EndView(ServiceActionView):
    model = FlexibleJob
    form_class = EndForm
    permission_required = "flexible.change_flexiblejob"
    service, record, versioned = staticmethod(services.flexible_end), "job", True
    done = _("灵活就业登记已终止，台账中的就业状态已更新。")
