"""Pages of the identification of hard-to-employ persons: the case, its investigation, evidence, public notice, objections, services and exit."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.assistance import documents, services
from jiuye.assistance.filters import IdentificationFilter
from jiuye.assistance.forms import (
    AttachmentForm,
    ExitForm,
    IdentificationForm,
    InvestigationForm,
    ObjectionDecisionForm,
    ObjectionForm,
    RefusalForm,
    ServiceForm,
)
from jiuye.assistance.models import Attachment, Card, Identification, Plan
from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.views import (
    ActionView,
    EvidenceDownloadView,
    FireView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
    WorkflowDetailView,
)
from jiuye.ledger.views import ResidentMixin
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region


class IdentificationListView(ScopedListView):
    model = Identification
    filterset_class = IdentificationFilter
    template_name = "assistance/identification_list.html"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("援助对象类别"), "category_names", 20), Column(_("申请日期"), "applied_on"),
        Column(_("居住地"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("当前环节"), "state_label"), Column(_("办理时限"), "due_on"), Column(_("就业援助卡"), "card.number"),
    ]  # fmt: skip
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


class IdentificationDetailView(WorkflowDetailView):
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
        assisted = case.state in ("identified", "exit_review")
        context.update(
            today=today,
            review_reason=self._review_reason(context["events"]),
            attachments=case.attachments.select_related("uploaded_by", "category"),
            refusals=case.refusals.select_related("recorded_by", "referral__vacancy", "service"),
            objections=case.objections.select_related("recorded_by"),
            card=Card.objects.filter(identification=case).first(),
            plan=Plan.objects.filter(identification=case).first(),
            services=case.services.select_related("worker"),
            history=timeline(case.history.all(), viewer=user),
            forms={
                "attachment": AttachmentForm(identification=case),
                "refusal": RefusalForm(identification=case, initial={"on": today}),
                "objection": ObjectionForm(),
                "decision": ObjectionDecisionForm(),
                "exit": ExitForm(initial={"on": today}),
                "service": ServiceForm(identification=case, initial={"on": today}),
            },
            can_edit=flow.is_editable(case.state) and self.may("assistance.first_review"),
            can_object="object" in permitted,
            can_decide="resolve" in permitted,
            can_exit="exit" in permitted,
            can_serve=case.state == "identified" and self.may("assistance.add_assistanceservice"),
            can_refuse=assisted and self.may("assistance.add_assistanceservice"),
            can_attach=case.state == "investigation" and self.may("assistance.first_review"),
        )
        return context

    def _review_reason(self, events) -> str:
        """Why the case waits for its exit review (the comment of the step that sent it)."""
        if self.object.state != "exit_review":
            return ""
        return next((event.comment for event, *_labels in reversed(events)
                     if event.to_state == "exit_review"), "")  # fmt: skip


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


class RefusalView(ActionView):
    """Record a job or training refused by the person (the evidence for an exit for refusing)."""

    model = Identification

    def act(self, request, data):
        form = RefusalForm(request.POST, identification=self.object)
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        services.refusal_record(actor=request.user, identification=self.object, **form.cleaned_data)
        messages.success(request, _("已记录拒绝推荐。"))


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


class AttachmentDownloadView(EvidenceDownloadView):
    model = Attachment
    purpose = _("查看认定材料")

    def persons(self, attachment):
        return [attachment.identification.person]


class NoticeView(PermissionRequiredMixin, generic.TemplateView):
    """The public-notice list for the notice board (公示名单): name, sex, age, category, period and
    the officer's phone — no identity number. ``?format=pdf`` prints it."""

    permission_required = "assistance.view_identification"
    template_name = "assistance/notice.html"

    def get(self, request, *args, **kwargs):
        cases = (
            Identification.objects.visible_to(request.user).filter(state__in=["notice", "on_hold"])
            .select_related("person", "region", "assignee").prefetch_related("categories")
            .order_by("region_id", "notice_ends_on")
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
