"""Pages of vacancies (招聘岗位): those of the jurisdiction and the published ones of every
other, and the seekers of the user's jurisdiction ranked for each."""

from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
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
from jiuye.jobs.filters import VacancyFilter
from jiuye.jobs.forms import VacancyForm
from jiuye.jobs.models import Employer, Occupation, Referral, Vacancy
from jiuye.regions.models import region_path


class OccupationOptionsMixin:
    """Form pages whose occupation inputs pick from the classification's list."""

    def get_context_data(self, **kwargs):
        options = Occupation.objects.filter(level__gte=3).values_list("code", "name")
        return super().get_context_data(occupation_options=options, **kwargs)


class VacancyListView(ScopedListView):
    """The vacancies of the jurisdiction and the published ones of every other."""

    model = Vacancy
    filterset_class = VacancyFilter
    template_name = "jobs/vacancy_list.html"
    export_columns = [
        Column(_("岗位名称"), "title", 24), Column(_("用人单位"), "employer.name", 30),
        Column(_("职业（工种）"), "occupation.name", 20), Column(_("招聘人数"), "posts"),
        Column(_("尚缺人数"), "open_posts"), Column(_("月薪下限（元）"), "wage_min", money=True),
        Column(_("月薪上限（元）"), "wage_max", money=True), Column(_("工作地点"), "region.name", 20),
        Column(_("区划代码"), "region_id", 14), Column(_("登记日期"), "registered_on"),
        Column(_("有效期至"), "valid_until"), Column(_("状态"), "state_label"),
    ]  # fmt: skip
    sort_fields = {
        "registered_on": "registered_on",
        "valid_until": "valid_until",
        "wage": "wage_max",
    }
    default_sort = "-registered_on"

    def scope(self, queryset):
        return queryset.select_related("employer", "occupation", "region")


class VacancyCreateView(OccupationOptionsMixin, ServiceFormMixin, generic.CreateView):
    model = Vacancy
    form_class = VacancyForm
    permission_required = "jobs.add_vacancy"
    template_name = "jobs/vacancy_form.html"
    success_message = _("招聘岗位已登记并公开发布。")

    @cached_property
    def employer(self):
        return get_object_or_404(
            Employer.objects.editable_by(self.request.user), pk=self.kwargs["employer"]
        )

    def get_initial(self):
        return {"region": self.employer.region_id, "posts": 1}

    def get_context_data(self, **kwargs):
        return super().get_context_data(employer=self.employer, **kwargs)

    def save(self, form):
        return services.vacancy_create(
            actor=self.request.user, employer=self.employer, **form.cleaned_data
        )


class VacancyUpdateView(OccupationOptionsMixin, ServiceUpdateMixin, generic.UpdateView):
    model = Vacancy
    form_class = VacancyForm
    permission_required = "jobs.change_vacancy"
    template_name = "jobs/vacancy_form.html"
    success_message = _("招聘岗位已保存。")
    update, record = staticmethod(services.vacancy_update), "vacancy"

    def get_context_data(self, **kwargs):
        return super().get_context_data(employer=self.object.employer, **kwargs)

    def form_data(self, form):
        data = dict(form.cleaned_data)
        if not data.get("valid_until"):
            data.pop("valid_until")
        return data


class VacancyWithdrawView(ServiceActionView):
    model = Vacancy
    permission_required = "jobs.change_vacancy"
    service, record = staticmethod(services.vacancy_withdraw), "vacancy"
    done = _("岗位已撤回，不再公开。")


class VacancyDetailView(ScopedDetailView):
    """A vacancy, the seekers of the user's jurisdiction who fit it best (with the reasons),
    and the referrals to it that the user may see."""

    model = Vacancy
    template_name = "jobs/vacancy_detail.html"

    def scope(self, queryset):
        return queryset.select_related(
            "employer__industry", "occupation", "region", "registered_by"
        )

    def get_context_data(self, **kwargs):
        user, vacancy = self.request.user, self.object
        can_refer = (
            user.has_perm("jobs.add_referral") and vacancy.is_published and vacancy.open_posts
        )
        return super().get_context_data(
            place=region_path(vacancy.region_id)[1:],
            matches=matching.seekers_for(vacancy, user) if can_refer else [],
            can_refer=can_refer,
            can_edit=self.may("jobs.change_vacancy") and vacancy.state == "open",
            referrals=Referral.objects.visible_to(user).filter(vacancy=vacancy).with_parties(),
            history=timeline(vacancy.history.all(), viewer=user) if self.editable else [],
            **kwargs,
        )
