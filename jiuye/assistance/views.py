from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import BadRequest, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.assistance import documents, selectors, services
from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES
from jiuye.assistance.dashboard import dashboard
from jiuye.assistance.filters import IdentificationFilter, ZeroHouseholdFilter
from jiuye.assistance.forms import (
    AttachmentForm,
    ExitForm,
    HouseholdSupportForm,
    IdentificationForm,
    InvestigationForm,
    MeasureDoneForm,
    MeasureForm,
    ObjectionDecisionForm,
    ObjectionForm,
    PlanForm,
    ServiceForm,
)
from jiuye.assistance.models import (
    Attachment,
    Card,
    Identification,
    Measure,
    Plan,
    Service,
    ZeroHousehold,
)
from jiuye.core import parameters, workflow
from jiuye.core.history import timeline
from jiuye.core.services import access_log
from jiuye.core.views import (
    ActionView,
    FireView,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
)
from jiuye.ledger.models import Person
from jiuye.ledger.views import ResidentMixin
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region
from jiuye.regions.selectors import asked_region, visible_path


class IdentificationListView(ScopedListView):
    model = Identification
    filterset_class = IdentificationFilter
    template_name = "assistance/identification_list.html"
    sort_fields = {"applied_on": "applied_on", "due_on": "due_on", "region": "region_id"}
    default_sort = "-applied_on"

    def scope(self, queryset):
        return queryset.with_person().select_related("card")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class IdentificationCreateView(ResidentMixin, ServiceFormMixin, generic.CreateView):
    model = Identification
    form_class = IdentificationForm
    permission_required = "assistance.add_identification"
    template_name = "assistance/identification_form.html"
    success_message = _("已受理认定申请，请开展调查并上传材料。")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        return {**kwargs, "province": prefix_of(self.person.region_id, Level.PROVINCE)}

    def get_initial(self):
        return {"applied_on": timezone.localdate()}

    def save(self, form):
        return services.identification_apply(
            actor=self.request.user, person=self.person, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("assistance:detail", args=[self.object.pk])


class IdentificationDetailView(ScopedDetailView):
    model = Identification
    template_name = "assistance/identification_detail.html"
    context_object_name = "case"

    def scope(self, queryset):
        return queryset.with_person()

    def get_context_data(self, **kwargs):
        case, user = self.object, self.request.user
        flow, editable = case.workflow, self.editable
        permitted = {  # including what only the objection and exit forms fire
            t.name for t in flow.transitions if case.state in t.sources and user.has_perm(t.permission)
        } if editable else set()  # fmt: skip
        today = timezone.localdate()
        context = super().get_context_data(**kwargs)
        context.update(
            today=today,
            actions=flow.available(case, user) if editable else [],
            events=workflow.event_log(case),
            attachments=case.attachments.select_related("uploaded_by"),
            objections=case.objections.select_related("recorded_by"),
            card=Card.objects.filter(identification=case).first(),
            plan=Plan.objects.filter(identification=case).first(),
            services=case.services.select_related("worker"),
            history=timeline(case.history.all(), viewer=user),
            forms={
                "attachment": AttachmentForm(),
                "objection": ObjectionForm(),
                "decision": ObjectionDecisionForm(),
                "exit": ExitForm(initial={"on": today}),
                "service": ServiceForm(identification=case, initial={"on": today}),
            },
            can_edit=flow.is_editable(case.state) and self.may("assistance.first_review"),
            can_object="object" in permitted,
            can_decide="resolve" in permitted,
            can_exit="exit" in permitted,
            can_serve=case.state == "identified" and self.may("assistance.add_service"),
            can_attach=case.state == "investigation" and self.may("assistance.first_review"),
        )
        return context


class InvestigationView(ServiceUpdateMixin, generic.UpdateView):
    """The community's investigation, before its first review."""

    model = Identification
    form_class = InvestigationForm
    permission_required = "assistance.first_review"
    template_name = "assistance/identification_form.html"
    success_message = _("调查情况已保存。")
    update, record = staticmethod(services.identification_update), "identification"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.object.person, **kwargs)


class TransitionView(FireView):
    model = Identification


class AttachmentUploadView(ServiceActionView):
    model = Identification
    form_class = AttachmentForm
    service, record = staticmethod(services.attachment_add), "identification"
    done = _("材料已上传。")


class ObjectionView(ServiceActionView):
    model = Identification
    form_class = ObjectionForm
    service, record = staticmethod(services.objection_record), "identification"
    done = _("已登记异议，公示暂停，待核查。")


class ObjectionDecisionView(ServiceActionView):
    model = Identification
    form_class = ObjectionDecisionForm
    service, record = staticmethod(services.objection_decide), "identification"
    done = _("已处理异议。")


class ExitView(ServiceActionView):
    model = Identification
    form_class = ExitForm
    service, record = staticmethod(services.identification_exit), "identification"
    done = _("已退出援助，援助卡失效。")


class ServiceCreateView(ActionView):
    model = Identification

    def act(self, request, data):
        form = ServiceForm(request.POST, identification=self.object)
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        services.service_record(actor=request.user, identification=self.object, **form.cleaned_data)
        messages.success(request, _("已记录服务。"))


class AttachmentDownloadView(ScopedDetailView):
    """Evidence files are served only inside the jurisdiction (never as public media)."""

    model = Attachment

    def get(self, request, *args, **kwargs):
        attachment = self.get_object()
        access_log(
            actor=request.user,
            objs=[attachment.identification.person],
            purpose=str(_("查看认定材料")),
        )
        return FileResponse(attachment.file.open("rb"), as_attachment=True,
                            filename=attachment.file.name.rsplit("/", 1)[-1].split("-", 1)[-1])  # fmt: skip


class NoticeView(PermissionRequiredMixin, generic.TemplateView):
    """The public-notice list for the notice board (公示名单): name, sex, age, category, period and
    the officer's phone — no identity number. ``?format=pdf`` prints it."""

    permission_required = "assistance.view_identification"
    template_name = "assistance/notice.html"

    def get(self, request, *args, **kwargs):
        cases = (
            Identification.objects.visible_to(request.user).filter(state__in=["notice", "on_hold"])
            .select_related("person", "category", "region", "assignee").order_by("region_id", "notice_ends_on")
        )  # fmt: skip
        code = request.GET.get("region", "")
        region = (
            get_object_or_404(Region.objects.visible_to(request.user), code=code) if code else None
        )
        if region is not None:
            cases = cases.within(region.prefix)
        if request.GET.get("format") == "pdf":
            return HttpResponse(
                documents.notice_pdf(list(cases), region), content_type="application/pdf"
            )
        return self.render_to_response(
            self.get_context_data(cases=cases, region=region, today=timezone.localdate())
        )


class CardView(ScopedDetailView):
    """The printable assistance card (card size, with the QR code of its verification page)."""

    model = Card
    permission_required = "assistance.print_card"

    def scope(self, queryset):
        return queryset.select_related(
            "identification__person", "identification__category", "issued_by"
        )

    def get(self, request, *args, **kwargs):
        card = self.get_object()
        access_log(
            actor=request.user, objs=[card.identification.person], purpose=str(_("打印就业援助卡"))
        )
        url = request.build_absolute_uri(reverse("assistance:verify", args=[card.token]))
        response = HttpResponse(documents.card_pdf(card, url), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="card-{card.number}.pdf"'
        return response


@method_decorator(login_not_required, name="dispatch")
class VerifyView(generic.View):
    """Public: whether an assistance card is valid, and its category — nothing about the person."""

    def get(self, request, token):
        card = (
            Card.objects.filter(token=token)
            .select_related("identification__category", "issued_by__region")
            .first()
        )
        return render(
            request, "assistance/verify.html", {"card": card}, status=200 if card else 404
        )


class PlanView(ScopedDetailView):
    """One person, one plan: goals, the agreement, and measures with their workers and deadlines."""

    model = Identification
    template_name = "assistance/plan.html"
    context_object_name = "case"

    def scope(self, queryset):
        return queryset.with_person()

    def get_context_data(self, **kwargs):
        case = self.object
        plan = Plan.objects.filter(identification=case).first()
        editable = case.state == "identified" and self.may("assistance.change_plan")
        context = super().get_context_data(**kwargs)
        context.update(
            plan=plan, editable=editable, today=timezone.localdate(),
            measures=plan.measures.select_related("responsible") if plan else [],
            plan_form=kwargs.get("plan_form") or PlanForm(initial={
                "goals": plan.goals if plan else "", "agreement_signed_on": plan.agreement_signed_on if plan else None,
                "version": plan.version if plan else None}),
            measure_form=kwargs.get("measure_form") or (MeasureForm(plan=plan) if plan else None),
        )  # fmt: skip
        return context

    def post(self, request, *args, **kwargs):
        self.object = case = self.get_object()
        plan = Plan.objects.filter(identification=case).first()
        action = request.POST.get("action")
        try:
            if action == "plan":
                form = PlanForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(plan_form=form))
                data = form.cleaned_data
                if plan is None:
                    services.plan_create(
                        actor=request.user,
                        identification=case,
                        goals=data["goals"],
                        agreement_signed_on=data["agreement_signed_on"],
                    )
                else:
                    services.plan_update(
                        actor=request.user,
                        plan=plan,
                        expected_version=data["version"] or 0,
                        goals=data["goals"],
                        agreement_signed_on=data["agreement_signed_on"],
                    )
            elif action == "measure" and plan is not None:
                form = MeasureForm(request.POST, plan=plan)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(measure_form=form))
                services.measure_add(actor=request.user, plan=plan, **form.cleaned_data)
            elif action == "done":
                measure = get_object_or_404(
                    Measure.objects.editable_by(request.user),
                    pk=request.POST.get("measure"),
                    plan__identification=case,
                )
                form = MeasureDoneForm(request.POST)
                if not form.is_valid():
                    raise ValidationError([e for errors in form.errors.values() for e in errors])
                services.measure_done(actor=request.user, measure=measure, **form.cleaned_data)
            else:
                raise BadRequest
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("已保存。"))
        return redirect("assistance:plan", pk=case.pk)


class AgreementView(ScopedDetailView):
    """The printable assistance agreement (援助协议, A4)."""

    model = Plan
    permission_required = "assistance.print_card"

    def scope(self, queryset):
        return queryset.select_related("identification__person", "identification__category")

    def get(self, request, *args, **kwargs):
        plan = self.get_object()
        access_log(
            actor=request.user, objs=[plan.identification.person], purpose=str(_("打印援助协议"))
        )
        return HttpResponse(documents.agreement_pdf(plan), content_type="application/pdf")


class RecordView(ScopedDetailView):
    """The person's assistance record on one page: the four kinds of information the guideline
    names — identification, employment status, services received, policies enjoyed."""

    model = Person
    template_name = "assistance/record.html"
    context_object_name = "person"
    permission_required = "assistance.view_identification"

    def get_context_data(self, **kwargs):
        person = self.object
        context = super().get_context_data(**kwargs)
        cases = person.identifications.select_related("category", "card").order_by("-applied_on")
        context.update(
            cases=cases,
            records=person.status_records.select_related("region").order_by("-since"),
            services=Service.objects.filter(identification__person=person).select_related(
                "worker", "identification"
            ),
            policies=selectors.policies_enjoyed(person),
            registrations=person.registrations.select_related("certificate").order_by(
                "-applied_on"
            ),
        )
        return context


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


class ZeroHouseholdDetailView(ScopedDetailView):
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
            events=workflow.event_log(case),
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
