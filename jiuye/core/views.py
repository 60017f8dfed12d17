"""Base views: every page that shows records narrows them to the user's jurisdiction first."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django_filters.views import FilterMixin

from jiuye.core import status, workflow
from jiuye.core.excel import file_response
from jiuye.core.exporting import Column, export_links
from jiuye.core.filters import AuditFilter
from jiuye.core.forms import CalendarDayForm, PolicyParameterForm
from jiuye.core.models import AccessLog, CalendarDay, Export, ExportState
from jiuye.core.parameters import PARAMETERS, rows_for
from jiuye.core.registry import registry
from jiuye.core.scoping import can_edit
from jiuye.core.selectors import worklist, worklist_counts
from jiuye.core.services import access_log, calendar_day_delete, calendar_day_save, parameter_set
from jiuye.core.workdays import library_last_year, special_days
from jiuye.regions.selectors import asked_day, asked_region, jurisdiction_root, subtree_counts
from jiuye.staff.models import StaffCertificate


class ScopedMixin(PermissionRequiredMixin):
    """Scope at dispatch, once: ``get_queryset`` is the model's records the user may reach.

    Single objects come from that queryset, so a record outside the jurisdiction is a 404,
    never a 403 that would tell it exists. ``scope_method`` names the queryset method that
    narrows: ``visible_to`` to read, ``below``/``managed_by`` on pages that administer. The
    permission defaults to ``<app>.view_<model>``.
    """

    model: type[models.Model]
    scope_method = "visible_to"

    def get_permission_required(self):
        if self.permission_required:
            return super().get_permission_required()
        meta = self.model._meta
        return [f"{meta.app_label}.view_{meta.model_name}"]

    def get_queryset(self):
        narrow = getattr(self.model.objects, self.scope_method)
        return self.scope(narrow(self.request.user))

    def scope(self, queryset):
        """Add ``select_related``/``prefetch_related`` and other narrowing here."""
        return queryset


class RegionOnDayMixin:
    """A view of a region of the user's jurisdiction (``<code>`` in the URL; any other is a
    404) on the day of ``?on=`` (today when not given)."""

    @cached_property
    def region(self):
        return asked_region(self.request.user, self.kwargs["code"])

    @cached_property
    def day(self):
        return asked_day(self.request.GET.get("on"))


class PagedListMixin:
    """Paging for list pages: a page number past the end shows the last page instead of an
    error, and the page links keep the rest of the query string (``query_without_page``)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(query_without_page=query.urlencode(), **kwargs)


class ScopedListView(ScopedMixin, PagedListMixin, FilterMixin, generic.ListView):
    """A list with a filter form (``filterset_class``), sortable columns and paging.

    ``sort_fields`` maps the ``?sort=`` values a user may pick to orderings; ``-name``
    sorts descending.
    """

    paginate_by = 50
    sort_fields: dict[str, str] = {}
    default_sort: str = ""

    def get_queryset(self):
        queryset = super().get_queryset()
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound:
            if not self.filterset.is_valid():
                return queryset.none()
            queryset = self.filterset.filter_queryset(queryset)
        ordering = self.get_sort()
        return queryset.order_by(*ordering) if ordering else queryset

    def get_filterset_kwargs(self, filterset_class):
        # The scoped queryset is filtered in get_queryset; the filterset only validates.
        return {
            "data": self.request.GET or None,
            "request": self.request,
            "queryset": self.model.objects.none(),
        }

    def get_sort(self) -> list[str]:
        key = self.request.GET.get("sort", self.default_sort)
        field = self.sort_fields.get(key.lstrip("-"))
        if not field:
            return []
        if key.startswith("-"):  # the other way round ("age" is "-birth_date")
            field = field[1:] if field.startswith("-") else f"-{field}"
        return [field, "pk"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter"] = self.filterset
        query.pop("sort", None)
        context["query_without_sort"] = query.urlencode()
        context["current_sort"] = self.request.GET.get("sort", self.default_sort)
        context.update(export_links(self))
        return context


def add_service_error(form, error: ValidationError) -> None:
    """Show a service's refusal at the form fields it names; what names no field of this
    form is shown above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ScopedDetailView(ScopedMixin, generic.DetailView):
    @cached_property
    def editable(self) -> bool:
        """Whether the user may change this record, not only read it (asked once)."""
        return can_edit(self.request.user, self.object)

    def may(self, permission: str) -> bool:
        """Whether the user's roles hold ``permission`` and the record is theirs to change."""
        return self.request.user.has_perm(permission) and self.editable


class WorkflowDetailView(ScopedDetailView):
    """The page of a workflow record: its ``actions`` (the transitions the user may fire on it
    now, if it is theirs to change) and its ``events`` (办理过程), for the includes
    ``workflow_actions.html`` and ``workflow_events.html``."""

    def get_context_data(self, **kwargs):
        item, user = self.object, self.request.user
        return super().get_context_data(
            actions=item.workflow.available(item, user) if self.editable else [],
            events=workflow.event_log(item),
            **kwargs,
        )


class EvidenceDownloadView(ScopedDetailView):
    """Evidence files are served only inside the jurisdiction (never as public media), each
    download in the access log as a view of the ``persons`` it concerns."""

    purpose = ""

    def persons(self, attachment) -> list:
        """The residents the file concerns (none: a file about an office)."""
        return []

    def get(self, request, *args, **kwargs):
        attachment = self.get_object()
        persons = self.persons(attachment)
        if persons:
            access_log(actor=request.user, objs=persons, purpose=str(self.purpose))
        return FileResponse(attachment.file.open("rb"), as_attachment=True,
                            filename=attachment.file.name.rsplit("/", 1)[-1].split("-", 1)[-1])  # fmt: skip


def posted_version(request) -> int:
    """The version of the record the page was showing, posted with an action that changes it."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise ValidationError(_("页面已过期，请刷新后重试。")) from None


class ActionView(ScopedDetailView):
    """POST-only actions on one record the user may edit: a workflow step, or a service fed by
    a small form (``form_class``). A refusal comes back as a message on the record's page."""

    http_method_names = ["post"]
    scope_method = "editable_by"
    form_class = None

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.form_class(request.POST, request.FILES) if self.form_class else None
        try:
            if form is not None and not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            self.act(request, form.cleaned_data if form else {})
        except ValidationError as error:
            messages.error(request, _("；").join(error.messages))
        return redirect(self.object)

    def act(self, request, data: dict) -> None:
        raise NotImplementedError


class ServiceActionView(ActionView):
    """An action declared by its parts: ``service`` (a ``staticmethod``) is called with the
    actor, the record as keyword ``record``, the form's data and, when ``versioned``, the version
    the page showed; ``done`` is the message of success."""

    service = None
    record = ""
    done = ""
    versioned = False

    def act(self, request, data):
        if self.versioned:
            data = {**data, "expected_version": posted_version(request)}
        self.service(actor=request.user, **{self.record: self.object}, **data)
        messages.success(request, self.done)


class FireView(ActionView):
    """Fire the posted workflow transition (the buttons of ``includes/workflow_actions.html``)."""

    def act(self, request, data):
        event = workflow.fire(self.object, request.POST.get("transition", ""), actor=request.user,
                              comment=request.POST.get("comment", ""))  # fmt: skip
        label = self.object.workflow.transition(event.transition).label
        messages.success(request, _("已办理：%(action)s。") % {"action": label})


class ServiceFormMixin(PermissionRequiredMixin):
    """Create and edit pages: ``save`` calls a service; its ``ValidationError`` lands on the
    form (at the field it names), so nothing the user typed is lost."""

    success_message = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def save(self, form):
        raise NotImplementedError


class ServiceUpdateMixin(ScopedMixin, ServiceFormMixin):
    """An edit page over a record the user may edit, its form carrying the version they loaded.
    ``update`` (a ``staticmethod``) is the service that saves it, called with the actor, the
    record as keyword ``record`` (read again: validating the form changed ``self.object``), the
    version and the fields of ``form_data``."""

    scope_method = "editable_by"
    update = None
    record = ""

    def form_data(self, form) -> dict:
        return dict(form.cleaned_data)

    def save(self, form):
        data = self.form_data(form)
        fresh = self.get_queryset().get(pk=self.object.pk)
        return self.update(
            actor=self.request.user,
            **{self.record: fresh},
            expected_version=data.pop("version"),
            **data,
        )


class ExportDetailView(ScopedDetailView):
    """A list's export made in the background (``core.exporting``): its progress while it
    runs, then the file's link. Only for the user who asked, while they hold the jurisdiction."""

    model = Export
    template_name = "core/export_detail.html"
    context_object_name = "job"

    def scope(self, queryset):
        return queryset.defer("content")

    def get_template_names(self):
        return ["core/_export_progress.html"] if self.request.htmx else [self.template_name]

    def get_context_data(self, **kwargs):
        running = self.object.state == ExportState.RUNNING
        return super().get_context_data(running=running, **kwargs)


class ExportDownloadView(ScopedDetailView):
    """The file of a finished background export, for the user who asked."""

    model = Export

    def get(self, request, *args, **kwargs):
        job = get_object_or_404(self.get_queryset(), pk=kwargs["pk"], state=ExportState.DONE)
        return file_response(job.filename, bytes(job.content))


class HomeView(generic.TemplateView):
    """The work list: what waits for the user, what is overdue, and alerts of the jurisdiction."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        root = jurisdiction_root(user)
        today = timezone.localdate()
        context = super().get_context_data(**kwargs)
        context.update(
            today=today,
            items=worklist(user),
            counts=worklist_counts(user),
            root=root,
            totals=subtree_counts(user, root, [])[0] if root else None,
            panels=[panel for show in registry["home_panels"] if (panel := show(user, today))],
        )
        if user.has_perm("staff.view_user"):
            context["expiring_certificates"] = (
                StaffCertificate.objects.visible_to(user)
                .expiring(90)
                .select_related("user__org")
                .order_by("expires_on")[:20]
            )
        return context


class CalendarView(PermissionRequiredMixin, generic.TemplateView):
    """The working-day calendar of a year: holidays and make-up working days, and the rows an
    administrator added for years the built-in calendar does not know yet."""

    permission_required = "core.view_calendarday"
    template_name = "core/calendar.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("year", today.year))
        except ValueError:
            year = today.year
        year = min(max(year, 2004), 2100)
        context = super().get_context_data(**kwargs)
        context.update(
            year=year,
            years=range(min(year, today.year) - 1, max(year, today.year) + 3),
            days=special_days(year),
            library_last_year=library_last_year(),
            form=CalendarDayForm(user=self.request.user),
            can_edit=self.request.user.has_perm("core.add_calendarday"),
        )
        return context


class CalendarDayCreateView(ServiceFormMixin, generic.CreateView):
    model = CalendarDay
    form_class = CalendarDayForm
    permission_required = "core.add_calendarday"
    template_name = "core/calendarday_form.html"
    success_message = _("已保存。")

    def save(self, form):
        return calendar_day_save(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return f"{reverse('core:calendar')}?year={self.object.date.year}"


class CalendarDayDeleteView(PermissionRequiredMixin, generic.View):
    model = CalendarDay
    permission_required = "core.delete_calendarday"

    def post(self, request, pk):
        day = get_object_or_404(CalendarDay, pk=pk)
        year = day.date.year
        calendar_day_delete(actor=request.user, day=day)
        messages.success(request, _("已删除。"))
        return redirect(f"{reverse('core:calendar')}?year={year}")


class ParameterListView(PermissionRequiredMixin, generic.FormView):
    """Every policy parameter with its default and the rows that override it; the province
    administrator adds a value for a region from a date."""

    permission_required = "core.view_policyparameter"
    form_class = PolicyParameterForm
    template_name = "core/parameters.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"effective_from": timezone.localdate(), "key": self.request.GET.get("key", ""),
                "policy": self.request.GET.get("policy")}  # fmt: skip

    def get_context_data(self, **kwargs):
        # The rows that apply to the user's jurisdiction: its own and those of the regions above.
        user = self.request.user
        rows = rows_for(user).select_related("region", "policy")
        by_key = {}
        for row in rows.order_by("key", "region_id", "-effective_from"):
            by_key.setdefault(row.key, []).append(row)
        parameters = [
            (parameter, by_key.get(key, [])) for key, parameter in sorted(PARAMETERS.items())
        ]
        return super().get_context_data(
            parameters=parameters,
            can_edit=self.request.user.has_perm("core.add_policyparameter"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("core.add_policyparameter"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            parameter_set(actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("参数已保存。"))
        return redirect("core:parameters")


class AuditListView(ScopedListView):
    """The audit log (等保): logins, failed logins, logouts, exports and full views of personal
    data, for the province administrator only; anyone else gets 404. Read-only: there is no
    page, API or admin that changes a row."""

    model = AccessLog
    permission_required = "core.view_accesslog"
    filterset_class = AuditFilter
    template_name = "core/audit_list.html"
    export_name, export_file = _("审计日志"), "audit"
    export_columns = [
        Column(_("时间"), "at", 18), Column(_("类别"), "get_kind_display"),
        Column(_("用户名"), "username", 24), Column(_("姓名"), "user.name"),
        Column(_("IP地址"), "address", 18), Column(_("区划代码"), "region_id", 14),
        Column(_("区划"), "region.name", 20), Column(_("记录"), lambda row: row.record_label, 20),
        Column(_("用途"), "purpose", 30),
    ]  # fmt: skip
    sort_fields = {"at": "at"}
    default_sort = "-at"

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise Http404
        return super().handle_no_permission()

    def scope(self, queryset):
        return queryset.select_related("user", "region", "content_type")

    def get_context_data(self, **kwargs):
        return super().get_context_data(keep_days=settings.AUDIT_KEEP_DAYS, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class StatusView(generic.View):
    """The health of the web, the database and the task worker for monitoring, as JSON: 200
    when healthy, 503 otherwise. No personal data. Open to ``settings.STATUS_ADDRESSES`` or to
    a request with ``Authorization: Bearer <settings.STATUS_TOKEN>``; anyone else gets 404."""

    def get(self, request):
        if not status.allowed(request):
            raise Http404
        report = status.report()
        return JsonResponse(report, status=200 if report["healthy"] else 503)
