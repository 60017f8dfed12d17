"""Pages of job seekers (求职登记) and the published vacancies ranked for each."""

from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.views import (
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
)
from jiuye.jobs import matching, services
from jiuye.jobs.filters import SeekerFilter
from jiuye.jobs.forms import SeekerForm
from jiuye.jobs.models import Seeker
from jiuye.jobs.views.vacancies import OccupationOptionsMixin
from jiuye.ledger.views import ResidentMixin


class SeekerListView(ScopedListView):
    model = Seeker
    filterset_class = SeekerFilter
    template_name = "jobs/seeker_list.html"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("求职意向"), lambda s: _("、").join(o.name for o in s.occupations.all()), 30),
        Column(_("期望月薪（元）"), "wage_expected", money=True), Column(_("居住地"), "region.name", 20),
        Column(_("区划代码"), "region_id", 14), Column(_("登记日期"), "registered_on"),
        Column(_("状态"), "get_status_display"),
    ]  # fmt: skip
    sort_fields = {"registered_on": "registered_on", "region": "region_id"}
    default_sort = "-registered_on"

    def get_queryset(self):
        queryset = super().get_queryset()
        if not self.filterset.is_bound:
            queryset = queryset.filter(status="active")
        return queryset

    def scope(self, queryset):
        return queryset.with_person().prefetch_related("occupations")


class SeekerCreateView(OccupationOptionsMixin, ResidentMixin, ServiceFormMixin, generic.CreateView):
    model = Seeker
    form_class = SeekerForm
    permission_required = "jobs.add_seeker"
    template_name = "jobs/seeker_form.html"
    success_message = _("已办理求职登记。")

    def save(self, form):
        return services.seeker_register(
            actor=self.request.user, person=self.person, **form.wishes()
        )


class SeekerUpdateView(OccupationOptionsMixin, ServiceUpdateMixin, generic.UpdateView):
    model = Seeker
    form_class = SeekerForm
    permission_required = "jobs.change_seeker"
    template_name = "jobs/seeker_form.html"
    success_message = _("求职登记已保存。")
    update, record = staticmethod(services.seeker_update), "seeker"

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.object.person, **kwargs)

    def form_data(self, form):
        return form.wishes()


class SeekerCloseView(ServiceActionView):
    model = Seeker
    permission_required = "jobs.change_seeker"
    service, record, versioned = staticmethod(services.seeker_close), "seeker", True
    done = _("求职登记已撤销。")


class SeekerDetailView(ScopedDetailView):
    """A seeker, the published vacancies that fit them best (with the reasons) and their referrals."""

    model = Seeker
    template_name = "jobs/seeker_detail.html"

    def scope(self, queryset):
        return queryset.with_person().prefetch_related("occupations", "places")

    def get_context_data(self, **kwargs):
        user, seeker = self.request.user, self.object
        active = seeker.status == "active"
        return super().get_context_data(
            matches=matching.vacancies_for(seeker) if active else [],
            can_refer=active and self.may("jobs.add_referral"),
            can_edit=active and self.may("jobs.change_seeker"),
            referrals=seeker.referrals.with_parties(),
            history=timeline(seeker.history.all(), viewer=user),
            **kwargs,
        )
