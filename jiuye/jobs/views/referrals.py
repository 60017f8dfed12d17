"""Pages of referrals (职业介绍): the letter, the employer's answer and the events."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.documents import render_pdf
from jiuye.core.services import access_log
from jiuye.core.views import (
    FireView,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceActionView,
    WorkflowDetailView,
)
from jiuye.jobs import services
from jiuye.jobs.filters import ReferralFilter
from jiuye.jobs.forms import HireForm, NotHiredForm, ReferForm
from jiuye.jobs.models import Referral
from jiuye.regions.models import region_path


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
            messages.error(
                request, _("；").join(e for errors in form.errors.values() for e in errors)
            )
            return redirect(request.POST.get("back") or "jobs:referrals")
        try:
            referral = services.referral_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _("；").join(error.messages))
            return redirect(form.cleaned_data["seeker"])
        messages.success(request, _("已推荐，请打印介绍信交求职者。"))
        return redirect(referral)


class ReferralDetailView(WorkflowDetailView):
    model = Referral
    template_name = "jobs/referral_detail.html"

    def scope(self, queryset):
        return queryset.with_parties().select_related(
            "referred_by", "vacancy__occupation", "vacancy__region"
        )

    def get_context_data(self, **kwargs):
        referral = self.object
        can_answer = self.may("jobs.answer_referral") and referral.state in (
            "referred",
            "interviewed",
        )
        return super().get_context_data(
            can_answer=can_answer,
            hire_form=HireForm(initial={"social_insurance": True}),
            not_hired_form=NotHiredForm(),
            **kwargs,
        )


class ReferralFireView(FireView):
    model = Referral


class ReferralHireView(ServiceActionView):
    model = Referral
    form_class = HireForm
    permission_required = "jobs.answer_referral"
    service, record = staticmethod(services.referral_hire), "referral"
    done = _("已登记录用，台账中该人员已改为单位就业。")


class ReferralNotHiredView(ServiceActionView):
    model = Referral
    form_class = NotHiredForm
    permission_required = "jobs.answer_referral"
    service, record = staticmethod(services.referral_not_hired), "referral"
    done = _("已登记未录用。")


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
