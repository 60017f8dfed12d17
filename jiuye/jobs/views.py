from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core import workflow
from jiuye.core.documents import render_pdf
from jiuye.core.history import timeline
from jiuye.core.services import access_log
from jiuye.core.views import (
    ActionView,
    FireView,
    PagedListMixin,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceFormMixin,
)
from jiuye.jobs import matching, services
from jiuye.jobs.filters import (
    BoardFilter,
    EmployerFilter,
    ReferralFilter,
    SeekerFilter,
    VacancyFilter,
)
from jiuye.jobs.forms import (
    EmployerForm,
    HireForm,
    NotHiredForm,
    ReferForm,
    SeekerForm,
    VacancyForm,
)
from jiuye.jobs.models import Employer, Occupation, Referral, Seeker, Vacancy
from jiuye.ledger.models import Person
from jiuye.regions.models import region_path


def posted_version(request) -> int:
    """The version of the record the page was showing, for an action that changes it."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise ValidationError(_("页面已过期，请刷新后重试。")) from None


class EditMixin(ScopedMixin, ServiceFormMixin):
    """An edit page over a record the user may edit; the form carries the version read."""

    scope_method = "editable_by"

    def get_success_url(self):
        return self.object.get_absolute_url()


class OccupationOptionsMixin:
    """Form pages whose occupation inputs pick from the classification's list."""

    def get_context_data(self, **kwargs):
        options = Occupation.objects.filter(level__gte=3).values_list("code", "name")
        return super().get_context_data(occupation_options=options, **kwargs)


# Employers ------------------------------------------------------------------------------


class EmployerListView(ScopedListView):
    model = Employer
    filterset_class = EmployerFilter
    template_name = "jobs/employer_list.html"
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

    def get_success_url(self):
        return self.object.get_absolute_url()


class EmployerUpdateView(EditMixin, generic.UpdateView):
    model = Employer
    form_class = EmployerForm
    permission_required = "jobs.change_employer"
    template_name = "jobs/employer_form.html"
    success_message = _("用人单位信息已保存。")

    def save(self, form):
        data = dict(form.cleaned_data)
        employer = Employer.objects.get(pk=self.object.pk)
        return services.employer_update(actor=self.request.user, employer=employer,
                                        expected_version=data.pop("version"), **data)  # fmt: skip


class EmployerDetailView(ScopedDetailView):
    model = Employer
    template_name = "jobs/employer_detail.html"

    def scope(self, queryset):
        return queryset.select_related("region", "industry__section")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            vacancies=self.object.vacancies.select_related("occupation", "region"),
            can_edit=user.has_perm("jobs.change_employer")
            and Employer.objects.editable_by(user).filter(pk=self.object.pk).exists(),
            history=timeline(self.object.history.all(), viewer=user),
            **kwargs,
        )


# Vacancies ------------------------------------------------------------------------------


class VacancyListView(ScopedListView):
    """The vacancies of the jurisdiction and the published ones of every other."""

    model = Vacancy
    filterset_class = VacancyFilter
    template_name = "jobs/vacancy_list.html"
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

    def get_success_url(self):
        return self.object.get_absolute_url()


class VacancyUpdateView(OccupationOptionsMixin, EditMixin, generic.UpdateView):
    model = Vacancy
    form_class = VacancyForm
    permission_required = "jobs.change_vacancy"
    template_name = "jobs/vacancy_form.html"
    success_message = _("招聘岗位已保存。")

    def get_context_data(self, **kwargs):
        return super().get_context_data(employer=self.object.employer, **kwargs)

    def save(self, form):
        data = dict(form.cleaned_data)
        if not data.get("valid_until"):
            data.pop("valid_until")
        vacancy = Vacancy.objects.get(pk=self.object.pk)
        return services.vacancy_update(actor=self.request.user, vacancy=vacancy,
                                       expected_version=data.pop("version"), **data)  # fmt: skip


class VacancyWithdrawView(ActionView):
    model = Vacancy
    permission_required = "jobs.change_vacancy"

    def act(self, request, data):
        services.vacancy_withdraw(actor=request.user, vacancy=self.object)
        messages.success(request, _("岗位已撤回，不再公开。"))


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
        editable = Vacancy.objects.editable_by(user).filter(pk=vacancy.pk).exists()
        return super().get_context_data(
            place=region_path(vacancy.region_id)[1:],
            matches=matching.seekers_for(vacancy, user) if can_refer else [],
            can_refer=can_refer,
            can_edit=editable and user.has_perm("jobs.change_vacancy") and vacancy.state == "open",
            referrals=Referral.objects.visible_to(user).filter(vacancy=vacancy).with_parties(),
            history=timeline(vacancy.history.all(), viewer=user) if editable else [],
            **kwargs,
        )


# Seekers --------------------------------------------------------------------------------


class SeekerListView(ScopedListView):
    model = Seeker
    filterset_class = SeekerFilter
    template_name = "jobs/seeker_list.html"
    sort_fields = {"registered_on": "registered_on", "region": "region_id"}
    default_sort = "-registered_on"

    def get_queryset(self):
        queryset = super().get_queryset()
        if not self.filterset.is_bound:
            queryset = queryset.filter(status="active")
        return queryset

    def scope(self, queryset):
        return queryset.with_person().prefetch_related("occupations")


class SeekerCreateView(OccupationOptionsMixin, ServiceFormMixin, generic.CreateView):
    model = Seeker
    form_class = SeekerForm
    permission_required = "jobs.add_seeker"
    template_name = "jobs/seeker_form.html"
    success_message = _("已办理求职登记。")

    @cached_property
    def person(self):
        return get_object_or_404(
            Person.objects.editable_by(self.request.user), pk=self.kwargs["person"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)

    def save(self, form):
        return services.seeker_register(
            actor=self.request.user, person=self.person, **form.wishes()
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class SeekerUpdateView(OccupationOptionsMixin, EditMixin, generic.UpdateView):
    model = Seeker
    form_class = SeekerForm
    permission_required = "jobs.change_seeker"
    template_name = "jobs/seeker_form.html"
    success_message = _("求职登记已保存。")

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.object.person, **kwargs)

    def save(self, form):
        data = form.wishes()
        seeker = Seeker.objects.get(pk=self.object.pk)
        return services.seeker_update(actor=self.request.user, seeker=seeker,
                                      expected_version=data.pop("version"), **data)  # fmt: skip


class SeekerCloseView(ActionView):
    model = Seeker
    permission_required = "jobs.change_seeker"

    def act(self, request, data):
        services.seeker_close(actor=request.user, seeker=self.object,
                              expected_version=posted_version(request))  # fmt: skip
        messages.success(request, _("求职登记已撤销。"))


class SeekerDetailView(ScopedDetailView):
    """A seeker, the published vacancies that fit them best (with the reasons) and their referrals."""

    model = Seeker
    template_name = "jobs/seeker_detail.html"

    def scope(self, queryset):
        return queryset.with_person().prefetch_related("occupations", "places")

    def get_context_data(self, **kwargs):
        user, seeker = self.request.user, self.object
        editable = Seeker.objects.editable_by(user).filter(pk=seeker.pk).exists()
        active = seeker.status == "active"
        return super().get_context_data(
            matches=matching.vacancies_for(seeker) if active else [],
            can_refer=editable and active and user.has_perm("jobs.add_referral"),
            can_edit=editable and active and user.has_perm("jobs.change_seeker"),
            referrals=seeker.referrals.with_parties(),
            history=timeline(seeker.history.all(), viewer=user),
            **kwargs,
        )


# Referrals ------------------------------------------------------------------------------


class ReferralListView(ScopedListView):
    model = Referral
    filterset_class = ReferralFilter
    template_name = "jobs/referral_list.html"
    sort_fields = {"referred_on": "referred_on", "due_on": "due_on"}
    default_sort = "-referred_on"

    def scope(self, queryset):
        return queryset.with_parties()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class ReferView(ScopedMixin, generic.View):
    """Refer a seeker to a vacancy (the buttons beside the ranked matches)."""

    model = Referral
    permission_required = "jobs.add_referral"
    http_method_names = ["post"]

    def post(self, request):
        form = ReferForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
            return redirect(request.POST.get("back") or "jobs:referrals")
        try:
            referral = services.referral_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect(form.cleaned_data["seeker"])
        messages.success(request, _("已推荐，请打印介绍信交求职者。"))
        return redirect(referral)


class ReferralDetailView(ScopedDetailView):
    model = Referral
    template_name = "jobs/referral_detail.html"

    def scope(self, queryset):
        return queryset.with_parties().select_related(
            "referred_by", "vacancy__occupation", "vacancy__region"
        )

    def get_context_data(self, **kwargs):
        user, referral = self.request.user, self.object
        editable = Referral.objects.editable_by(user).filter(pk=referral.pk).exists()
        can_answer = (
            editable
            and user.has_perm("jobs.answer_referral")
            and referral.state in ("referred", "interviewed")
        )
        return super().get_context_data(
            actions=referral.workflow.available(referral, user) if editable else [],
            events=workflow.event_log(referral),
            can_answer=can_answer,
            hire_form=HireForm(initial={"social_insurance": True}),
            not_hired_form=NotHiredForm(),
            **kwargs,
        )


class ReferralFireView(FireView):
    model = Referral


class ReferralHireView(ActionView):
    model = Referral
    form_class = HireForm
    permission_required = "jobs.answer_referral"

    def act(self, request, data):
        services.referral_hire(actor=request.user, referral=self.object, **data)
        messages.success(request, _("已登记录用，台账中该人员已改为单位就业。"))


class ReferralNotHiredView(ActionView):
    model = Referral
    form_class = NotHiredForm
    permission_required = "jobs.answer_referral"

    def act(self, request, data):
        services.referral_not_hired(actor=request.user, referral=self.object, **data)
        messages.success(request, _("已登记未录用。"))


class ReferralLetterView(ScopedDetailView):
    """The printable referral letter (职业介绍信) the seeker takes to the employer."""

    model = Referral
    permission_required = "jobs.add_referral"

    def scope(self, queryset):
        return queryset.with_parties().select_related(
            "vacancy__occupation", "vacancy__region", "org"
        )

    def get(self, request, *args, **kwargs):
        referral = self.get_object()
        access_log(
            actor=request.user, objs=[referral.seeker.person], purpose=str(_("打印职业介绍信"))
        )
        pdf = render_pdf("jobs/letter_pdf.html", {
            "referral": referral, "person": referral.seeker.person, "vacancy": referral.vacancy,
            "place": " ".join(r.name for r in region_path(referral.vacancy.region_id)[1:]),
        })  # fmt: skip
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="referral-{referral.number}.pdf"'
        return response


# The public job board -------------------------------------------------------------------


@method_decorator(login_not_required, name="dispatch")
class BoardView(PagedListMixin, generic.ListView):
    """Public: the published vacancies of the province, searchable by place and occupation.
    Nothing about any seeker is on it."""

    template_name = "jobs/board.html"
    paginate_by = 30

    def get_queryset(self):
        self.filterset = BoardFilter(self.request.GET or None, queryset=Vacancy.objects.published(),
                                     request=self.request)  # fmt: skip
        queryset = self.filterset.qs if self.filterset.is_bound else Vacancy.objects.published()
        return queryset.select_related("employer", "occupation", "region").order_by(
            "-registered_on", "-pk"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class BoardDetailView(generic.DetailView):
    template_name = "jobs/board_detail.html"
    context_object_name = "vacancy"

    def get_queryset(self):
        return Vacancy.objects.published().select_related(
            "employer__industry", "occupation", "region"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(place=region_path(self.object.region_id)[1:], **kwargs)
