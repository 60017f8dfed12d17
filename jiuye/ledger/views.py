import io

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core import parameters
from jiuye.core.excel import CONTENT_TYPE
from jiuye.core.exporting import Column, ExportMixin, counted
from jiuye.core.history import timeline
from jiuye.core.models import AccessLog
from jiuye.core.registry import registry
from jiuye.core.services import access_log
from jiuye.core.views import (
    RegionOnDayMixin,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceFormMixin,
    ServiceUpdateMixin,
    add_service_error,
)
from jiuye.ledger import excel, importing, services
from jiuye.ledger.choices import Relation
from jiuye.ledger.filters import BehindFilter, PersonFilter
from jiuye.ledger.forms import (
    HouseholdForm,
    HouseholdMeansForm,
    ImportForm,
    MemberForm,
    PersonForm,
    StatusForm,
    TransferForm,
)
from jiuye.ledger.identity import parse_id_number
from jiuye.ledger.models import Household, ImportState, LedgerImport, Person
from jiuye.ledger.selectors import file_scope, person_file


class ResidentMixin:
    """Pages that start a record for a resident of the user's jurisdiction (``<person>`` in the
    URL): a resident outside it is a 404 before anything else."""

    @cached_property
    def person(self):
        return get_object_or_404(
            Person.objects.editable_by(self.request.user).select_related("region"),
            pk=self.kwargs["person"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)


class PersonListView(ScopedListView):
    model = Person
    filterset_class = PersonFilter
    template_name = "ledger/person_list.html"
    sort_fields = {
        "name": "name_initials",
        "age": "-birth_date",
        "region": "region_id",
        "status": "status",
    }

    def scope(self, queryset):
        return queryset.with_region().order_by("region_id", "id")


class PersonDetailView(ScopedDetailView):
    model = Person
    template_name = "ledger/person_detail.html"

    def scope(self, queryset):
        return queryset.select_related("region", "household")

    def get_context_data(self, **kwargs):
        person, user = self.object, self.request.user
        reveal = self.request.GET.get("reveal") == "1" and user.has_perm(
            "ledger.view_person_identity"
        )
        if reveal:
            access_log(actor=user, objs=[person], purpose=str(_("查看完整个人信息")))
        household = person.household
        context = super().get_context_data(**kwargs)
        records = person.status_records.select_related("region", "recorded_by")
        registrations = person.registrations.select_related("certificate")
        context.update(
            reveal=reveal,
            age=person.age_on(),
            # the resident's file, earlier places included (ledger.selectors.file_scope)
            records=person_file(person, user, records.order_by("-since", "-id")),
            members=household.members.order_by("id") if household else [],
            transfers=person.transfers.select_related("from_region", "to_region", "by"),
            registrations=person_file(person, user, registrations.order_by("-applied_on", "-id")),
            identifications=person_file(
                person,
                user,
                person.identifications.select_related("card").prefetch_related("categories"),
            ),
            seekers=person_file(person, user, person.seekers.order_by("-registered_on", "-id")),
            can_edit=self.may("ledger.change_person"),
            history=timeline(person.history.all(), viewer=user, scope=file_scope(person, user)),
            views=AccessLog.objects.filter(
                object_id=person.pk, content_type__model="person"
            ).count(),
        )
        return context


class PersonFormMixin(ServiceFormMixin):
    model = Person
    form_class = PersonForm
    template_name = "ledger/person_form.html"

    def warn(self, warnings):
        for warning in warnings:
            messages.warning(self.request, warning)

    def get_success_url(self):
        return reverse("ledger:detail", args=[self.object.pk])


class PersonCreateView(PersonFormMixin, generic.CreateView):
    permission_required = "ledger.add_person"
    success_message = _("人员已登记。")

    def get_initial(self):
        return {"region": self.request.GET.get("region", ""), "status_since": timezone.localdate()}

    def save(self, form):
        person, warnings = services.person_create(actor=self.request.user, **form.cleaned_data)
        self.warn(warnings)
        return person


class PersonUpdateView(PersonFormMixin, ServiceUpdateMixin, generic.UpdateView):
    permission_required = "ledger.change_person"
    success_message = _("人员信息已保存。")
    update, record = staticmethod(services.person_update), "person"

    def save(self, form):
        person, warnings = super().save(form)
        self.warn(warnings)
        return person


class PersonActionMixin(ScopedMixin, generic.FormView):
    """A form about one resident the user may edit (status change, transfer, household)."""

    model = Person
    scope_method = "editable_by"
    permission_required = "ledger.change_person"
    template_name = "ledger/person_action_form.html"
    title = ""

    @cached_property
    def person(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, title=self.title, **kwargs)

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("ledger:detail", args=[self.person.pk])


class StatusChangeView(PersonActionMixin):
    form_class = StatusForm
    title = _("变更就业状态")
    success_message = _("就业状态已变更。")

    def get_initial(self):
        return {"since": timezone.localdate(), "status": self.person.status}

    def act(self, data):
        services.person_set_status(actor=self.request.user, person=self.person, **data)


class TransferView(PersonActionMixin):
    form_class = TransferForm
    title = _("迁移")
    success_message = _("已办理迁移。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"on": timezone.localdate()}

    def act(self, data):
        services.person_transfer(actor=self.request.user, person=self.person, **data)

    def get_success_url(self):
        # After a move out of the jurisdiction the person's page is out of reach.
        if Person.objects.visible_to(self.request.user).filter(pk=self.person.pk).exists():
            return super().get_success_url()
        return reverse("ledger:list")


class HouseholdCreateView(PersonActionMixin):
    form_class = HouseholdForm
    title = _("建立家庭")
    success_message = _("家庭已建立。")

    def act(self, data):
        services.household_create(actor=self.request.user, head=self.person, **data)


class LeaveHouseholdView(PersonActionMixin):
    http_method_names = ["post"]
    success_message = _("已移出家庭。")

    def post(self, request, *args, **kwargs):
        household = self.person.household
        services.household_remove_member(actor=request.user, person=self.person)
        messages.success(request, self.success_message)
        return (
            redirect("ledger:household", pk=household.pk)
            if household
            else redirect(self.get_success_url())
        )


class HouseholdUpdateView(ServiceUpdateMixin, generic.UpdateView):
    """A household's address and means (低保, operating or investment income, income)."""

    model = Household
    form_class = HouseholdMeansForm
    permission_required = "ledger.change_household"
    template_name = "ledger/household_form.html"
    success_message = _("家庭情况已保存。")
    update, record = staticmethod(services.household_update), "household"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        return kwargs

    def get_success_url(self):
        return reverse("ledger:household", args=[self.object.pk])


class HouseholdDetailView(ScopedDetailView):
    model = Household
    template_name = "ledger/household_detail.html"

    def get_context_data(self, **kwargs):
        household, user = self.object, self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            members=household.members.order_by("id"),
            form=kwargs.get("form") or MemberForm(user=user),
            can_edit=self.may("ledger.change_person"),
            history=timeline(household.history.all(), viewer=user),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Add a member, found by identity number among the residents the user may edit."""
        self.object = self.get_object()
        form = MemberForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                number = parse_id_number(form.cleaned_data["id_number"]).number
                person = Person.objects.editable_by(request.user).filter(id_number=number).first()
                if person is None:
                    raise ValidationError(
                        {"id_number": _("本辖区台账中没有这个公民身份号码，请先登记该人员。")}
                    )
                services.household_add_member(
                    actor=request.user,
                    household=self.object,
                    person=person,
                    relation=form.cleaned_data["relation"],
                )
            except ValidationError as error:
                add_service_error(
                    form,
                    error
                    if hasattr(error, "error_dict")
                    else ValidationError({"id_number": error.messages}),
                )
            else:
                messages.success(request, _("已加入家庭。"))
                return redirect("ledger:household", pk=self.object.pk)
        return self.render_to_response(self.get_context_data(form=form))


class PersonExportView(ExportMixin, PersonListView):
    """The ledger's export: the import template's columns (``ledger.excel``), masked unless
    ``full=1`` by a role that needs the numbers; no more than the parameter's rows at once."""

    permission_required = "ledger.export_person"
    export_columns = [Column(name, name, personal="id_number" if name in ("公民身份号码", "户主公民身份号码") else
                             "phone" if name == "联系电话" else "") for name in excel.COLUMNS]  # fmt: skip
    export_file = "ledger"

    def export_refused(self, total):
        limit = parameters.value("ledger.export_max_rows", parameters.region_of(self.request.user))
        if total <= limit:
            return None
        messages.error(
            self.request,
            _("要导出的人员超过%(limit)d人，请先按区划或条件缩小范围。") % {"limit": limit},
        )
        return redirect(f"{reverse('ledger:list')}?{self.request.GET.urlencode()}")

    def export_queryset(self):
        head = Person.objects.filter(household=OuterRef("household"), relation=Relation.HEAD)
        queryset = self.get_queryset().select_related("household")
        return queryset.annotate(head_number=Subquery(head.values("id_number")[:1]))

    def export_title(self):
        return _("人力资源台账")

    def export_log_purpose(self):
        return str(_("导出台账"))

    def export_content(self, queryset, progress=None):
        full = self.full
        people = queryset.iterator(chunk_size=2000)
        if full:
            people = list(people)
            access_log(actor=self.request.user, objs=people, purpose=self.export_log_purpose())
        rows = (excel.person_row(p, p.head_number or "", full=full) for p in people)
        buffer = io.BytesIO()
        excel.workbook(counted(rows, progress)).save(buffer)
        return buffer.getvalue()


class ImportView(PermissionRequiredMixin, generic.FormView):
    """Upload a ledger file; the recent imports of the jurisdiction below."""

    permission_required = "ledger.import_person"
    form_class = ImportForm
    template_name = "ledger/import.html"

    def get_context_data(self, **kwargs):
        jobs = (
            LedgerImport.objects.visible_to(self.request.user)
            .select_related("uploaded_by")
            .defer("content")
        )
        return super().get_context_data(jobs=jobs[:20], **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            job = services.ledger_import_start(
                actor=self.request.user, filename=upload.name, size=upload.size, read=upload.read
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        return redirect("ledger:import-detail", pk=job.pk)


class ImportTemplateView(PermissionRequiredMixin, generic.View):
    permission_required = "ledger.import_person"

    def get(self, request):
        buffer = io.BytesIO()
        excel.template().save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="ledger-template.xlsx"'
        return response


PREVIEW_PAGE = 100  # rows of the preview on one page


class ImportDetailView(ScopedDetailView):
    """An import: progress while it runs, every error by row and column, the confirmation."""

    model = LedgerImport
    permission_required = "ledger.import_person"
    template_name = "ledger/import_detail.html"
    context_object_name = "job"

    def scope(self, queryset):
        return queryset.select_related("uploaded_by").defer("content")

    def get_template_names(self):
        if self.request.htmx:
            return ["ledger/_import_progress.html"]
        return [self.template_name]

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.request.htmx and not context["running"]:
            response["HX-Refresh"] = "true"  # finished: show the whole result
        return response

    def get_context_data(self, **kwargs):
        job = self.object
        running = job.state in (ImportState.VALIDATING, ImportState.IMPORTING)
        context = super().get_context_data(
            running=running,
            can_confirm=job.state == ImportState.READY
            and job.uploaded_by_id == self.request.user.pk,
            **kwargs,
        )
        if self.request.htmx:  # the progress only
            return context
        errors = [
            {
                **error,
                "heading": importing.heading(error["column"]),
                "text": importing.message_text(error),
            }
            for error in job.errors
        ]
        warnings = [
            {"row": warning["row"], "text": importing.message_text(warning)}
            for warning in job.summary.get("warnings", [])
        ]
        context.update(errors=errors, warnings=warnings)
        if job.summary.get("preview"):
            columns = job.summary["columns"]
            page = Paginator(job.summary["preview"], PREVIEW_PAGE).get_page(
                self.request.GET.get("page")
            )
            full = self.request.user.has_perm("ledger.view_person_identity")
            context.update(
                columns=[importing.heading(column) for column in columns],
                preview=importing.preview_rows(page.object_list, columns, full=full),
                page_obj=page,
                paginator=page.paginator,
                query_without_page="",
            )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            services.ledger_import_confirm(actor=request.user, job=self.object)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("ledger:import-detail", pk=self.object.pk)


class BehindView(RegionOnDayMixin, ScopedListView):
    """The residents behind a figure (an indicator's ``persons``): for a region the user may
    see and a day, those the figure counts — or, for a rate, those it still misses (the
    unemployed of an employment rate), narrowed by the ledger's filters. Opened from the
    number on a report or a community's page."""

    model = Person
    filterset_class = BehindFilter
    template_name = "ledger/behind.html"
    export_columns = [
        Column(_("姓名"), "name"), Column(_("公民身份号码"), "id_number", 21, personal="id_number"),
        Column(_("居住地"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("就业状态"), "get_status_display"), Column(_("状态起始日期"), "status_since"),
        Column(_("联系电话"), "phone", 16, personal="phone"),
    ]  # fmt: skip

    @cached_property
    def indicator(self):
        indicator = registry["indicators"].get(self.kwargs["indicator"])
        if indicator is None or indicator.persons is None:
            raise Http404
        return indicator

    def scope(self, queryset):
        # the indicator's persons are those of the user's jurisdiction already
        persons = self.indicator.persons(self.request.user, self.region.prefix, self.day, self.day)
        return persons.with_region().order_by("region_id", "id")

    def export_title(self) -> str:
        return f"{self.indicator.label} {self.region.name} {self.day:%Y-%m-%d}"

    def export_filename(self) -> str:
        return f"{self.indicator.code}-{self.region.code}-{self.day:%Y%m%d}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(indicator=self.indicator, region=self.region, day=self.day,
                                        **kwargs)  # fmt: skip
