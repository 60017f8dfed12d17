"""Pages of employers (用人单位)."""

from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.views import ScopedDetailView, ScopedListView, ServiceFormMixin, ServiceUpdateMixin
from jiuye.jobs import services
from jiuye.jobs.filters import EmployerFilter
from jiuye.jobs.forms import EmployerForm
from jiuye.jobs.models import Employer


class EmployerListView(ScopedListView):
    model = Employer
    filterset_class = EmployerFilter
    template_name = "jobs/employer_list.html"
    export_columns = [
        Column(_("单位名称"), "name", 30), Column(_("统一社会信用代码"), "credit_code", 20),
        Column(_("行业"), "industry.name", 20), Column(_("所在区划"), "region.name", 20),
        Column(_("区划代码"), "region_id", 14), Column(_("联系人"), "contact_name"),
        Column(_("联系电话"), "contact_phone"),
    ]  # fmt: skip
    sort_fields = {"name": "name", "region": "region_id"}

    def scope(self, queryset):
        return queryset.select_related("region", "industry")


class EmployerCreateView(ServiceFormMixin, generic.CreateView):
    model = Employer
    form_class = EmployerForm
    permission_required = "jobs.add_employer"
    template_name = "jobs/employer_form.html"
    success_message = _("用人单位已登记。")

    def save(self, form):
        return services.employer_create(actor=self.request.user, **form.cleaned_data)


class EmployerUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Employer
    form_class = EmployerForm
    permission_required = "jobs.change_employer"
    template_name = "jobs/employer_form.html"
    success_message = _("用人单位信息已保存。")
    update, record = staticmethod(services.employer_update), "employer"


class EmployerDetailView(ScopedDetailView):
    model = Employer
    template_name = "jobs/employer_detail.html"

    def scope(self, queryset):
        return queryset.select_related("region", "industry__section")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            vacancies=self.object.vacancies.select_related("occupation", "region"),
            can_edit=self.may("jobs.change_employer"),
            history=timeline(self.object.history.all(), viewer=self.request.user),
            **kwargs,
        )
