"""Change history as a timeline: who changed what, when, with the values before and after."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.scoping import EVERYTHING, ScopedQuerySet, jurisdiction_prefix, subtree_q

KIND_LABELS = {"+": _("新建"), "~": _("修改"), "-": _("删除")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    at: datetime
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
        return "、".join(str(choices.get(code, code)) for code in related) or "—"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if name == "state" and getattr(model, "workflow", None):
        return str(model.workflow.state(value).label)
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return str(value)


def _in_jurisdiction(history, viewer):
    """The history rows of a scoped model whose region lies in the viewer's jurisdiction:
    a record that moved in from elsewhere does not show where it was or what it held there."""
    queryset = history.model.instance_type._default_manager.get_queryset()
    if not isinstance(queryset, ScopedQuerySet):
        return history
    prefix = jurisdiction_prefix(viewer)
    if prefix is None:
        return history.none()
    return (
        history
        if prefix == EVERYTHING
        else history.filter(subtree_q(queryset.region_field, prefix))
    )


def timeline(*histories, viewer, limit: int = 100) -> list[Entry]:
    """Merge the history querysets of a record and its parts into one list, newest first,
    as far as ``viewer``'s jurisdiction reaches."""
    entries = []
    for history in histories:
        history = _in_jurisdiction(history, viewer)
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
