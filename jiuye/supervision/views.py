from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.exporting import Column, ExportMixin
from jiuye.core.history import timeline
from jiuye.core.views import (
    EvidenceDownloadView,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
    WorkflowDetailView,
)
from jiuye.regions.models import ServiceOrg
from jiuye.supervision import services
from jiuye.supervision.filters import InspectionFilter
from jiuye.supervision.forms import (
    FindingForm,
    FindingFormSet,
    FollowUpForm,
    InspectionForm,
    ReplyForm,
)
from jiuye.supervision.models import Finding, FindingAttachment, Inspection
from jiuye.supervision.workflow import CLOSED


class InspectionListView(ScopedListView):
    """The inspections of the jurisdiction, with how many of their findings are still open
    and how many are past their deadline."""

    model = Inspection
    filterset_class = InspectionFilter
    template_name = "supervision/inspection_list.html"
    sort_fields = {"inspected_on": "inspected_on", "region": "region_id"}
    default_sort = "-inspected_on"

    def scope(self, queryset):
        return queryset.with_parties().with_counts()


class InspectionExportView(ExportMixin, InspectionListView):
    """The findings of the filtered inspections as an Excel file (整改台账): those of the
    area, state and lateness chosen."""

    export_name, export_file = _("督查问题整改台账"), "supervision"
    export_label = _("导出整改台账")
    export_columns = [
        Column(_("督查日期"), "inspection.inspected_on"), Column(_("被督查机构"), "inspection.org.name", 22),
        Column(_("区划代码"), "region_id", 14), Column(_("督查机构"), "inspection.by_org.name", 22),
        Column(_("督查人员"), "inspection.inspectors"),
        Column(_("督查结论"), "inspection.get_conclusion_display"), Column(_("督查方面"), "get_area_display"),
        Column(_("发现的问题"), "problem", 40), Column(_("整改要求"), "requirement", 40),
        Column(_("整改期限"), "fix_by"), Column(_("状态"), "state_label"),
        Column(_("超期"), lambda f: _t("是") if f.state != CLOSED and f.due_on and f.due_on < timezone.localdate() else ""),
        Column(_("整改情况"), "reply", 40), Column(_("反馈日期"), "replied_on"), Column(_("复核意见"), "follow_up"),
    ]  # fmt: skip

    def export_queryset(self):
        inspections = self.get_queryset()
        findings = Finding.objects.visible_to(self.request.user).filter(
            inspection__in=inspections.values("pk")
        )
        if self.filterset.is_bound and self.filterset.is_valid():
            findings = findings.filter(self.filterset.finding_q())
        return findings.with_inspection().order_by("-inspection__inspected_on", "pk")


class InspectionCreateView(ServiceFormMixin, generic.CreateView):
    """Record an inspection and the problems it found (``?org=`` chooses the office)."""

    model = Inspection
    form_class = InspectionForm
    permission_required = "supervision.add_inspection"
    template_name = "supervision/inspection_form.html"
    success_message = _("督查情况已登记，被督查机构将在其待办中看到整改事项。")

    def get_initial(self):
        return {"org": self.request.GET.get("org")}

    @cached_property
    def formset(self):
        return FindingFormSet(self.request.POST or None, prefix="findings")

    def get_context_data(self, **kwargs):
        return super().get_context_data(formset=self.formset, **kwargs)

    def form_valid(self, form):
        if not self.formset.is_valid():
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form):
        findings = [each.cleaned_data for each in self.formset if each.cleaned_data]
        return services.inspection_record(
            actor=self.request.user, findings=findings, **form.cleaned_data
        )


class InspectionUpdateView(ServiceUpdateMixin, generic.UpdateView):
    """Correct an inspection or record its conclusion: the inspecting office only."""

    model = Inspection
    form_class = InspectionForm
    permission_required = "supervision.change_inspection"
    template_name = "supervision/inspection_form.html"
    success_message = _("督查情况已保存。")
    update, record = staticmethod(services.inspection_update), "inspection"

    def scope(self, queryset):
        return queryset.with_parties()

    def get_object(self, queryset=None):
        inspection = super().get_object(queryset)
        if not services.is_inspector(self.request.user, inspection):
            raise PermissionDenied
        return inspection


class InspectionDetailView(ScopedDetailView):
    """An inspection and its findings; the inspecting office adds a finding here."""

    model = Inspection
    template_name = "supervision/inspection_detail.html"

    def scope(self, queryset):
        return queryset.with_parties().select_related("recorded_by")

    def get_context_data(self, **kwargs):
        inspection, user = self.object, self.request.user
        inspector = self.editable and services.is_inspector(user, inspection)
        return super().get_context_data(
            today=timezone.localdate(),
            findings=inspection.findings.order_by("pk"),
            can_edit=inspector and user.has_perm("supervision.change_inspection"),
            finding_form=FindingForm() if inspector and user.has_perm("supervision.add_finding") else None,
            history=timeline(inspection.history.all(), viewer=user),
            **kwargs,
        )  # fmt: skip


class FindingAddView(ServiceActionView):
    model = Inspection
    form_class = FindingForm
    permission_required = "supervision.add_finding"
    service, record = staticmethod(services.finding_add), "inspection"
    done = _("已增加督查问题。")


class FindingDetailView(WorkflowDetailView):
    """A finding: what must be fixed by when, the office's reply with its files, the
    follow-up, and every step (办理过程). The office replies here, the inspectors follow up."""

    model = Finding
    template_name = "supervision/finding_detail.html"

    def scope(self, queryset):
        return queryset.with_inspection().prefetch_related("attachments")

    def can(self, transition: str) -> bool:
        finding, workflow = self.object, self.object.workflow
        transition = workflow.transition(transition)
        return (
            finding.state in transition.sources
            and self.may(transition.permission)
            and workflow.may_fire(transition, finding, self.request.user)
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            today=timezone.localdate(),
            reply_form=ReplyForm() if self.can("reply") else None,
            follow_up_form=FollowUpForm() if self.can("accept") else None,
            **kwargs,
        )


class FindingReplyView(ServiceActionView):
    model = Finding
    form_class = ReplyForm
    permission_required = "supervision.reply_finding"
    service, record = staticmethod(services.finding_reply), "finding"
    done = _("已反馈整改情况，等待督查机构复核。")


class FindingFollowUpView(ServiceActionView):
    model = Finding
    form_class = FollowUpForm
    permission_required = "supervision.follow_up_finding"
    service, record = staticmethod(services.finding_follow_up), "finding"
    done = _("已办理复核。")


class AttachmentDownloadView(EvidenceDownloadView):
    """A reply's file, served only inside the jurisdiction (the office and the levels above)."""

    model = FindingAttachment


class OfficeView(ScopedDetailView):
    """An office's inspections and its findings not yet closed."""

    model = ServiceOrg
    pk_url_kwarg = "org"
    permission_required = "supervision.view_inspection"
    template_name = "supervision/office.html"

    def scope(self, queryset):
        return queryset.with_region()

    def get_context_data(self, **kwargs):
        user, org = self.request.user, self.object
        return super().get_context_data(
            today=timezone.localdate(),
            inspections=Inspection.objects.visible_to(user).filter(org=org).with_parties().with_counts(),
            findings=Finding.objects.visible_to(user).filter(inspection__org=org)
            .exclude(state=CLOSED).with_inspection().order_by("due_on", "pk"),
            **kwargs,
        )  # fmt: skip
