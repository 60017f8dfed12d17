from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.complaints import public, services
from jiuye.complaints.filters import ComplaintFilter
from jiuye.complaints.forms import (
    AnswerForm,
    CloseForm,
    ComplaintForm,
    LookupForm,
    NoteForm,
    PublicComplaintForm,
    RateForm,
)
from jiuye.complaints.models import Complaint
from jiuye.complaints.workflow import ANSWERED, AWAITING_ANSWER
from jiuye.core.exporting import Column, ExportMixin
from jiuye.core.history import timeline
from jiuye.core.services import access_log
from jiuye.core.views import (
    FireView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    WorkflowDetailView,
    add_service_error,
)
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import contains, is_valid_code, prefix_of
from jiuye.regions.models import Region, ServiceOrg


class ComplaintListView(ScopedListView):
    """The complaints about the jurisdiction, late ones marked; phones masked."""

    model = Complaint
    filterset_class = ComplaintFilter
    template_name = "complaints/complaint_list.html"
    sort_fields = {"received_on": "received_on", "due_on": "due_on", "region": "region_id"}
    default_sort = "-received_on"
    export_name, export_file = _("投诉台账"), "complaints"
    export_columns = [
        Column(_("回执码"), "receipt"), Column(_("受理日期"), "received_on"),
        Column(_("投诉渠道"), "get_channel_display"), Column(_("被投诉地区"), "region.name", 20),
        Column(_("区划代码"), "region_id"), Column(_("投诉对象"), "get_about_display"),
        Column(_("被投诉机构"), "org.name", 24), Column(_("被投诉工作人员"), "worker_name"),
        Column(_("相关事项"), "case_ref"), Column(_("投诉人"), "name"),
        Column(_("联系电话"), "masked_phone"), Column(_("投诉内容"), "content", 40),
        Column(_("承办机构"), "handler.name", 24), Column(_("状态"), "state_label"),
        Column(_("答复时限（受理时）"), "first_answer_by"), Column(_("答复时限"), "answer_by"),
        Column(_("超期"), lambda c: _t("是") if c.is_overdue else ""),
        Column(_("升级次数"), "escalations"), Column(_("答复内容"), "answer", 40),
        Column(_("答复日期"), "answered_on"),
        Column(_("按时答复"), lambda c: _t("是") if c.answered_on_time else ""),
        Column(_("满意度"), "get_satisfaction_display"),
    ]  # fmt: skip

    def scope(self, queryset):
        return queryset.with_parties()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class ComplaintExportView(ExportMixin, ComplaintListView):
    """The filtered complaints as an Excel file (投诉台账), phones masked."""


class ComplaintCreateView(ServiceFormMixin, generic.FormView):
    """Record a complaint received at a window or by telephone."""

    form_class = ComplaintForm
    permission_required = "complaints.add_complaint"
    template_name = "complaints/complaint_form.html"
    success_message = _("投诉已登记，已分派给承办机构。")

    def save(self, form):
        return services.complaint_record(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class ComplaintDetailView(WorkflowDetailView):
    """A complaint: what was said, by whom, the office handling it and its deadline, the notes,
    the answer and satisfaction, and every step (办理过程). The office handling it acts here."""

    model = Complaint
    template_name = "complaints/complaint_detail.html"

    def scope(self, queryset):
        return queryset.with_parties().select_related("recorded_by", "answered_by", "worker",
                                                      "satisfaction_by")  # fmt: skip

    def can(self, transition: str) -> bool:
        complaint, workflow = self.object, self.object.workflow
        transition = workflow.transition(transition)
        return (
            complaint.state in transition.sources
            and self.may(transition.permission)
            and workflow.may_fire(transition, complaint, self.request.user)
        )

    def get_context_data(self, **kwargs):
        complaint, user = self.object, self.request.user
        # the page shows the complainant's whole phone number: the opening is logged
        access_log(actor=user, objs=[complaint], purpose=str(_("查看投诉人信息")))
        handling = self.can("answer")
        return super().get_context_data(
            today=timezone.localdate(),
            notes=complaint.notes.select_related("by"),
            note_form=NoteForm() if handling or self.can("close") else None,
            answer_form=AnswerForm() if handling else None,
            close_form=CloseForm() if self.can("close") else None,
            history=timeline(complaint.history.all(), viewer=user),
            **kwargs,
        )


class ComplaintFireView(FireView):
    model = Complaint
    permission_required = "complaints.handle_complaint"


class NoteAddView(ServiceActionView):
    model = Complaint
    form_class = NoteForm
    permission_required = "complaints.handle_complaint"
    service, record = staticmethod(services.complaint_note), "complaint"
    done = _("已记录办理情况。")


class AnswerView(ServiceActionView):
    model = Complaint
    form_class = AnswerForm
    permission_required = "complaints.handle_complaint"
    service, record = staticmethod(services.complaint_answer), "complaint"
    done = _("已答复，请在回访时限内回访投诉人。")


class CloseView(ServiceActionView):
    model = Complaint
    form_class = CloseForm
    permission_required = "complaints.handle_complaint"
    service, record = staticmethod(services.complaint_close), "complaint"
    done = _("已回访，投诉办结。")


# The public pages: no login (``login_not_required``), nothing personal shown.


def public_root() -> str:
    """The province the public form offers regions of: that of the province's department."""
    org = ServiceOrg.objects.filter(kind=OrgKind.PROVINCE_DEPARTMENT, is_active=True).first()
    return org.region_id if org else ""


@method_decorator(login_not_required, name="dispatch")
class PublicSubmitView(generic.FormView):
    """The public complaint form. Limited per client address, refused when the honeypot is
    filled or the form comes back too fast; the receipt code is shown once, on the next page."""

    form_class = PublicComplaintForm
    template_name = "complaints/public_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "root": public_root()}

    def post(self, request, *args, **kwargs):
        if public.over_limit("submit", request):
            return self.refuse(_("提交过于频繁，请稍后再试，或拨打当地人社服务热线。"), status=429)
        return super().post(request, *args, **kwargs)

    def refuse(self, message, *, status=400, form=None):
        """The form again, as the user filled it, with ``message`` above it."""
        form = form or self.get_form()
        form.is_valid()
        form.add_error(None, message)
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def form_valid(self, form):
        public.count_attempt("submit", self.request)
        if form.is_spam():
            return self.refuse(_("提交未成功：填写时间过短或页面已过期，请刷新页面后重新填写。"),
                               form=form)  # fmt: skip
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("website", "started")}
        try:
            complaint = services.complaint_submit(**data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        self.request.session[RECEIPT_KEY] = complaint.receipt
        return redirect("complaints:public-done")


RECEIPT_KEY = "complaints.receipt"


@method_decorator(login_not_required, name="dispatch")
class PublicDoneView(generic.TemplateView):
    """The receipt code of the complaint just made, shown once (taken from the session)."""

    template_name = "complaints/public_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(receipt=self.request.session.pop(RECEIPT_KEY, ""), **kwargs)


@method_decorator(login_not_required, name="dispatch")
class PublicProgressView(generic.FormView):
    """A complaint's progress by its receipt code (POSTed, so the code stays out of addresses
    and logs): its state, dates and the answer, nothing personal. Once answered, the
    complainant may rate it here."""

    form_class = LookupForm
    template_name = "complaints/public_progress.html"

    def post(self, request, *args, **kwargs):
        if public.over_limit("lookup", request):
            form = LookupForm(request.POST)
            form.is_valid()
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        public.count_attempt("lookup", request)
        rating = "satisfaction" in request.POST
        form = (RateForm if rating else LookupForm)(request.POST)
        if not form.is_valid():
            return self.form_invalid(form)
        complaint = Complaint.objects.filter(receipt=form.cleaned_data["receipt"]).first()
        if complaint is None:
            form.add_error("receipt", _("没有找到该回执码的投诉，请核对后重新输入。"))
            return self.form_invalid(form)
        if rating:
            try:
                services.complaint_rate(complaint=complaint,
                                        satisfaction=form.cleaned_data["satisfaction"])  # fmt: skip
            except ValidationError as error:
                add_service_error(form, error)
            complaint.refresh_from_db()
        return self.render_to_response(self.get_context_data(
            form=LookupForm(initial={"receipt": complaint.receipt}), found=progress(complaint),
            rate_form=RateForm(initial={"receipt": complaint.receipt})
            if complaint.state == ANSWERED else None,
        ))  # fmt: skip


def progress(complaint: Complaint) -> dict:
    """What the public page shows of a complaint: no name, phone, worker or office person."""
    return {
        "receipt": complaint.receipt,
        "state": complaint.public_state,
        "received_on": complaint.received_on,
        "answer_by": complaint.answer_by if complaint.state in AWAITING_ANSWER else None,
        "answered_on": complaint.answered_on,
        "answer": complaint.answer,
        "satisfaction": complaint.get_satisfaction_display(),
        "escalated": complaint.escalations > 0,
    }


@method_decorator(login_not_required, name="dispatch")
class PublicRegionsView(generic.View):
    """The children of a region of the province, for the public form's cascading selects:
    the official division codes and names, public data."""

    def get(self, request):
        parent, root = request.GET.get("parent", ""), public_root()
        if not (is_valid_code(parent) and root and contains(prefix_of(root), parent)):
            return JsonResponse({"results": []})
        children = Region.objects.filter(parent_id=parent).order_by("code").values("code", "name")
        return JsonResponse({"results": list(children)})
