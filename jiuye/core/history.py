"""Change history as a timeline: who changed what, when, with the values before and after."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

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
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    return str(value)


def timeline(*histories, limit: int = 100) -> list[Entry]:
    """Merge the history querysets of a record and its parts into one list, newest first."""
    entries = []
    for history in histories:
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
