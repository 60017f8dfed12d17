"""Excel of every list, by one mechanism.

A list view declares its columns once (``export_columns``, a list of ``Column``); its export is
the same view with ``ExportMixin`` in front (``exporting.view(ListView)`` makes one for a URL),
so the file holds what the list holds: the user's jurisdiction, the filters and the sort of
the query string, every page of it. Every list page shows the link through
``includes/filters.html`` (``export_url``, with the current query string and the list's own
URL arguments). A list whose rows are computed from its records (accounts of offices,
figures of communities) returns them as a Python list from ``get_queryset``: the page and
the file then show the same rows.

- Identity numbers and phones (``Column.personal``) are masked unless the query asks
  ``full=1`` and the user holds ``ledger.view_person_identity``; a full export writes one
  access-log row per person (``export_persons``).
- Cells are formula-safe (``core.excel.safe``) and money stays a number.
- More than ``settings.EXPORT_BACKGROUND_ROWS`` rows are made in the background (an
  ``Export`` and the task ``build_export``, which opens the same view with the same query as
  the same user): the user is sent to its progress page and only they can download the file,
  while they still hold the jurisdiction, until it expires (``settings.EXPORT_KEEP_HOURS``).
"""

import datetime
import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError, PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, QueryDict
from django.shortcuts import redirect
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_htmx.middleware import HtmxDetails
from django_tasks import task
from django_tasks_db.compat import task_finished

from jiuye.core import audit, excel
from jiuye.core.models import AccessKind, Export, ExportState
from jiuye.core.services import access_log
from jiuye.core.tasks import after_fault, failed_job
from jiuye.regions.selectors import jurisdiction_root

logger = logging.getLogger(__name__)

FULL_PERMISSION = "ledger.view_person_identity"
PROGRESS_EVERY = 1000  # rows between two saves of a background export's progress


@dataclass(frozen=True)
class Column:
    """A column of a list's export: its ``head``, and its ``value`` (an attribute path such as
    ``"region.name"`` or ``"get_state_display"``, methods called, or a function of the record).
    ``personal`` (``"id_number"`` or ``"phone"``) is masked unless the export is full."""

    head: Any
    value: Any
    width: int | None = None
    money: bool = False
    personal: str = ""

    def of(self, record, *, full: bool):
        value = self.value(record) if callable(self.value) else _path(record, self.value)
        if self.personal and value and not full:
            value = mask(self.personal, value)
        if isinstance(value, bool):
            return gettext("是") if value else gettext("否")
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        return value


def _path(record, path: str):
    value = record
    for name in path.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
        if callable(value):
            value = value()
    return value


def mask(kind: str, value: str) -> str:
    """``value`` masked as a ``kind`` of personal data: ``"id_number"`` or ``"phone"``."""
    from jiuye.ledger.identity import mask_id_number, mask_phone

    return mask_id_number(value) if kind == "id_number" else mask_phone(value)


def may_see_full(user) -> bool:
    """Whether ``user``'s role needs identity numbers and phones in full (and so may ask)."""
    return user.has_perm(FULL_PERMISSION)


def full_asked(request) -> bool:
    """Whether ``request`` asks for the numbers in full (``full=1``) and its user may have
    them: a user who may not gets them masked, whatever they ask."""
    return request.GET.get("full") == "1" and may_see_full(request.user)


def persons_of(queryset, path: str = "person") -> list:
    """The residents ``queryset``'s records are about (through ``path``; the records
    themselves if they are residents or about no one): whom a full file shows."""
    person = apps.get_model("ledger", "Person")
    if queryset.model is person:
        return list(queryset)
    try:
        return list(person.objects.filter(pk__in=queryset.order_by().values(path)))
    except FieldError:  # about no person: the records themselves
        return list(queryset)


class ExportMixin:
    """The list view it is put in front of, as an Excel file (see the module's docstring).
    Hooks: ``export_queryset`` (the list's queryset, plus what only the file reads),
    ``export_rows`` (the cells), ``export_content`` (the file), ``export_refused`` (a size
    limit of the list's own), ``export_persons`` (whom a full export logged)."""

    paginate_by = None
    list_view = None  # the list view exported, set for each subclass

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        from jiuye.core.views import ScopedListView

        cls.list_view = next(
            base
            for base in cls.__mro__[1:]
            if issubclass(base, ScopedListView) and not issubclass(base, ExportMixin)
        )

    def get(self, request, *args, **kwargs):
        queryset = self.export_queryset()
        total = len(queryset) if isinstance(queryset, list) else queryset.count()
        refused = self.export_refused(total)
        if refused is not None:
            return refused
        purpose = self.export_log_purpose()
        if self.full:
            purpose = gettext("%(purpose)s（完整号码）") % {"purpose": purpose}
        audit.record(AccessKind.EXPORT, user=request.user, purpose=purpose)
        if total > settings.EXPORT_BACKGROUND_ROWS:
            return redirect(export_start(request, self, total))
        return excel.file_response(self.export_filename(), self.export_content(queryset))

    # What the file holds -------------------------------------------------------------------

    def export_queryset(self):
        return self.get_queryset()

    def export_title(self) -> str:
        return str(getattr(self, "export_name", "") or self.model._meta.verbose_name_plural)

    def export_filename(self) -> str:
        stem = getattr(self, "export_file", "") or self.model._meta.model_name
        return f"{stem}-{timezone.localdate():%Y%m%d}"

    @property
    def full(self) -> bool:
        """Whether the numbers go in full: asked (``full=1``), and the user's role needs them."""
        return any(
            column.personal for column in getattr(self, "export_columns", ())
        ) and full_asked(self.request)

    def export_rows(self, queryset):
        full = self.full
        columns = self.export_columns
        records = queryset if isinstance(queryset, list) else queryset.iterator(chunk_size=2000)
        for record in records:
            yield [column.of(record, full=full) for column in columns]

    def export_content(self, queryset, progress=None) -> bytes:
        """The file; ``progress(done)`` is called as rows are written."""
        if self.full:
            access_log(actor=self.request.user, objs=self.export_persons(queryset),
                       purpose=self.export_log_purpose())  # fmt: skip
        columns = self.export_columns
        money = {index for index, column in enumerate(columns) if column.money}
        widths = {index: column.width for index, column in enumerate(columns) if column.width}
        return excel.sheet(self.export_filename(), self.export_title(),
                           [column.head for column in columns],
                           counted(self.export_rows(queryset), progress), money=money,
                           widths=widths)  # fmt: skip

    def export_refused(self, total: int):
        """A response that refuses an export of ``total`` rows, or None."""
        return None

    def export_log_purpose(self) -> str:
        return gettext("导出%(list)s") % {"list": self.export_title()}

    def export_persons(self, queryset):
        """The residents whose numbers a full export shows: the records themselves, or the
        persons they are about (``person_path``, ``person`` by default)."""
        return persons_of(queryset, getattr(self, "person_path", "person"))


def counted(rows, progress):
    """``rows``, calling ``progress(done)`` every ``PROGRESS_EVERY`` rows."""
    for done, row in enumerate(rows, start=1):
        yield row
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)


def view(list_view, **attrs):
    """The export of ``list_view``: ``path("export/", exporting.view(views.XListView), …)``."""
    name = list_view.__name__.removesuffix("View").removesuffix("List") + "ExportView"
    return type(
        name, (ExportMixin, list_view), {"__module__": list_view.__module__, **attrs}
    ).as_view()


# Which export a list has ----------------------------------------------------------------------


@cache
def exports() -> dict[type, tuple[str, type]]:
    """Each exported list view, and the URL name and view of its export, read from the URL
    patterns once."""
    found = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
                continue
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class and issubclass(view_class, ExportMixin) and pattern.name:
                found.setdefault(view_class.list_view, (f"{namespace}{pattern.name}", view_class))

    walk(get_resolver().url_patterns, "")
    return found


def export_links(view) -> dict:
    """For a list page: ``export_url`` (its export, with the current query string) and, where
    the user may have the numbers in full, ``export_full_url``; empty if the list has no
    export or the user lacks the export's permission."""
    name, export = exports().get(type(view), (None, None))
    if export is None or not view.request.user.has_perms(export().get_permission_required()):
        return {}
    query = view.request.GET.copy()
    query.pop("page", None)
    query.pop("full", None)
    url = f"{reverse(name, kwargs=view.kwargs)}?{query.urlencode()}"
    links = {"export_url": url, "export_label": getattr(export, "export_label", "")}
    personal = any(column.personal for column in getattr(export, "export_columns", ()))
    if personal and may_see_full(view.request.user):
        links["export_full_url"] = f"{url}{'&' if query else ''}full=1"
    return links


# In the background -------------------------------------------------------------------------


def export_start(request, export_view, total: int) -> Export:
    """Record an export too long for a request and start its task."""
    now = timezone.now()
    job = Export.objects.create(
        region=jurisdiction_root(request.user),
        requested_by=request.user,
        created_at=now,
        expires_at=now + datetime.timedelta(hours=settings.EXPORT_KEEP_HOURS),
        title=export_view.export_title(),
        filename=export_view.export_filename(),
        path=request.path,
        query=request.GET.urlencode(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        total=total,
    )
    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


def _view_for(job: Export):
    """The export view of ``job``'s URL, opened as its user with its query string."""
    match = resolve(job.path)
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = job.path
    request.GET = QueryDict(job.query)
    request.user = job.requested_by
    request.resolver_match = match
    request.htmx = HtmxDetails(request)
    export = match.func.view_class(**match.func.view_initkwargs)
    export.setup(request, *match.args, **match.kwargs)
    if not export.has_permission():
        raise PermissionDenied
    return export


def _save(job: Export, **fields) -> None:
    Export.objects.filter(pk=job.pk).update(**fields)


@task()
def build_export(export_id: int) -> None:
    job = Export.objects.select_related("requested_by__org").get(pk=export_id)
    with translation.override(job.language):
        try:
            export = _view_for(job)
            content = export.export_content(
                export.export_queryset(), progress=lambda done: _save(job, processed=done)
            )
        except Exception:
            logger.exception("export %s failed", job.pk)
            after_fault(lambda: _save(job, state=ExportState.FAILED, finished_at=timezone.now()))
            raise
    _save(job, state=ExportState.DONE, content=content, processed=job.total,
          finished_at=timezone.now())  # fmt: skip


@receiver(task_finished)
def _lost(sender, task_result, **kwargs):
    """An export whose worker was lost (``core.tasks.reap_lost``) is failed, not running."""
    export_id = failed_job(task_result, build_export)
    if export_id is not None:
        Export.objects.filter(pk=export_id, state=ExportState.RUNNING).update(
            state=ExportState.FAILED, finished_at=timezone.now()
        )


def drop_expired() -> int:
    """The nightly check: delete the files past their time. Returns how many."""
    deleted, _counts = Export.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
