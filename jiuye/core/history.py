"""Change history: no write may skip it, and it reads as a timeline or as a record on a date.

django-simple-history writes a history row on every ``save()`` and ``delete()`` of a model
with history. A queryset ``update()`` or a plain ``bulk_create``/``bulk_update`` would change
rows without one, so the querysets of those models refuse them (``RecordedQuerySet``). Writes
in bulk go through ``bulk_create``, ``bulk_update`` and ``update`` here, which write the history
rows beside the records. Only demo data, which has no past, is written without history, inside
``unrecorded`` (``core/tests/test_history.py`` checks that nothing else uses it).
"""

import contextlib
import contextvars
import datetime
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

_unrecorded = contextvars.ContextVar("unrecorded", default="")


class HistorySkipped(RuntimeError):
    """A write that would change records of a model with history without recording it."""


def is_recorded(model) -> bool:
    return getattr(model._meta, "simple_history_manager_attribute", None) is not None


@contextlib.contextmanager
def unrecorded(reason: str):
    """Let the block write records with history in bulk without history rows: for demo data,
    which has no past to record, and for the helpers below, which write the rows themselves."""
    token = _unrecorded.set(reason)
    try:
        yield
    finally:
        _unrecorded.reset(token)


class RecordedQuerySet(models.QuerySet):
    """Refuses ``update``, ``bulk_create`` and ``bulk_update`` when its model keeps history,
    unless called by the helpers below or inside ``unrecorded``."""

    def _check(self, what: str) -> None:
        if is_recorded(self.model) and not _unrecorded.get():
            raise HistorySkipped(
                f"{self.model._meta.label}.{what}() would skip the change history: "
                f"use save() or jiuye.core.history.{what}()"
            )

    def update(self, **fields):
        self._check("update")
        return super().update(**fields)

    def bulk_create(self, objs, *args, **kwargs):
        self._check("bulk_create")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        self._check("bulk_update")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def claim(self, pk, **expected) -> bool:
        """Take row ``pk`` for a change if it still holds ``expected`` (a state, a version):
        one conditional UPDATE that adds one to its version and takes its write lock, so of two
        people changing it at once exactly one gets it. The caller then saves the record,
        which records the change."""
        with unrecorded("the caller saves the claimed record with its history"):
            return super().filter(pk=pk, **expected).update(version=F("version") + 1) == 1


def change(obj, *, actor, **values):
    """Set ``values`` on ``obj`` (a record the calling service has checked or locked) and save
    them with a history row credited to ``actor``. Its version goes up by one, so an editor
    holding the older version is told instead of overwriting the change."""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.version += 1
    obj._history_user = actor
    obj.save(update_fields=[*values, "version", "updated_at"])
    return obj


def bulk_create(objs: list, *, actor, batch_size: int = 2000) -> list:
    """Create records in bulk with a history row each (credited to ``actor``)."""
    if not objs:
        return objs
    with unrecorded("the history rows are written beside the records"):
        return bulk_create_with_history(
            objs, type(objs[0]), batch_size=batch_size, default_user=actor
        )


def bulk_update(objs: list, fields: list[str], *, actor, batch_size: int = 2000) -> int:
    """Save ``fields`` of records in bulk with a history row each; their version goes up by
    one, so an editor holding an older version is told instead of overwriting the change."""
    if not objs:
        return 0
    now = timezone.now()
    for obj in objs:
        obj.version += 1
        obj.updated_at = now
    with unrecorded("the history rows are written beside the records"):
        return bulk_update_with_history(
            objs, type(objs[0]), [*fields, "version", "updated_at"], batch_size=batch_size,
            default_user=actor,
        )  # fmt: skip


@transaction.atomic
def update(queryset, *, actor, **values) -> int:
    """``queryset.update(**values)`` with the change history: the records whose values differ
    are locked, changed and saved in bulk with a history row each. Returns how many changed."""
    changed = {}
    for obj in queryset.select_for_update():  # a join may give a record twice: once is enough
        new = _attnames(obj, values)
        if obj.pk not in changed and any(
            getattr(obj, name) != value for name, value in new.items()
        ):
            for name, value in new.items():
                setattr(obj, name, value)
            changed[obj.pk] = obj
    return bulk_update(list(changed.values()), list(values), actor=actor)


def _attnames(obj, values: dict) -> dict:
    """``values`` by attribute name (``region`` given as a Region sets ``region_id``)."""
    found = {}
    for name, value in values.items():
        model_field = obj._meta.get_field(name)
        if model_field.is_relation and isinstance(value, models.Model):
            value = value.pk
        found[model_field.attname] = value
    return found


def record_on(instance, day: datetime.date):
    """What ``instance`` said at the end of ``day``: the historical record in force then, or
    None when it did not exist yet."""
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    return (
        instance.history.filter(history_date__lte=end)
        .order_by("-history_date", "-history_id")
        .first()
    )


KIND_LABELS = {"+": _("新建"), "~": _("修改"), "-": _("删除")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    at: datetime.datetime
    user: object
    kind: str
    subject: str
    changes: list[Change] = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


def _display(model, name, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many: rows of the through table
        related = [
            next((v for k, v in row.items() if k != model._meta.model_name), "") for row in value
        ]
        choices = dict(model._meta.get_field(name).related_model._meta.pk.choices or [])
        return _("、").join(str(choices.get(code, code)) for code in related) or "—"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if name == "state" and getattr(model, "workflow", None):
        return str(model.workflow.state(value).label)
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return str(value)


def _in_jurisdiction(history, viewer, scope):
    """The history rows of a scoped model whose region lies under ``scope`` (the viewer's
    jurisdiction unless the caller gives another, such as a resident's file): a record that
    moved in from elsewhere does not show where it was or what it held there."""
    # scoping's querysets build on RecordedQuerySet above: imported here to break the cycle
    from jiuye.core.scoping import EVERYTHING, ScopedQuerySet, jurisdiction_prefix, subtree_q

    queryset = history.model.instance_type._default_manager.get_queryset()
    if not isinstance(queryset, ScopedQuerySet):
        return history
    prefix = jurisdiction_prefix(viewer) if scope is None else scope
    if prefix is None:
        return history.none()
    return (
        history
        if prefix == EVERYTHING
        else history.filter(subtree_q(queryset.region_field, prefix))
    )


def timeline(*histories, viewer, limit: int = 100, scope: str | None = None) -> list[Entry]:
    """Merge the history querysets of a record and its parts into one list, newest first,
    as far as ``viewer``'s jurisdiction reaches (or the region prefix ``scope``: a resident's
    file, ``ledger.selectors.file_scope``)."""
    entries = []
    for history in histories:
        history = _in_jurisdiction(history, viewer, scope)
        records = list(
            history.select_related("history_user").order_by("history_date", "history_id")
        )
        previous_by_object = {}
        for record in records:
            model = record.instance_type
            key = getattr(record, model._meta.pk.attname)
            previous = previous_by_object.get(key)
            previous_by_object[key] = record
            entry = Entry(
                at=record.history_date,
                user=record.history_user,
                kind=record.history_type,
                subject=f"{model._meta.verbose_name} {record.instance}",
            )
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous)
                if not delta.changes:
                    continue
                entry.changes = [
                    Change(
                        field=str(model._meta.get_field(change.field).verbose_name),
                        old=_display(model, change.field, change.old),
                        new=_display(model, change.field, change.new),
                    )
                    for change in delta.changes
                ]
            entries.append(entry)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]
