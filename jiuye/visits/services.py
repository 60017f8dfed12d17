"""Writes of the visit round: a visit recorded counts as the contact and the service of every
line of work waiting on it, in one transaction, through each line's own services."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.core.registry import registry
from jiuye.core.services import check_evidence, check_scope, require
from jiuye.ledger.models import Person
from jiuye.visits import selectors
from jiuye.visits.models import Visit, VisitPhoto


class VisitConflict(ValidationError):
    """What the visitor saw of the records waiting changed meanwhile (another worker's contact,
    a check, a measure done): nothing was recorded. ``changes`` says what, for the user."""

    def __init__(self, changes: list[str]):
        self.changes = changes
        super().__init__(_("走访期间该人员的待办已有变化，未记录：%(changes)s。请核对后重新记录。")
                         % {"changes": _("；").join(changes)})  # fmt: skip


def _changes(seen: set[str], items) -> list[str]:
    """What differs between the tokens the visitor saw and the items due now."""
    now = {item.token: item for item in items}
    labels = {source.code: str(source.label) for source in registry["visit_sources"].values()}
    changes = []
    for token in sorted(seen - set(now)):
        source = token.split(":", 1)[0]
        changes.append(_("%(line)s：已被他人办理或已变更") % {"line": labels.get(source, source)})
    for token in sorted(set(now) - seen):
        changes.append(_("新增：%(reason)s") % {"reason": now[token].reason})
    return changes


@transaction.atomic
def visit_record(
    *, actor, person: Person, on: datetime.date, kind: str, result: str, notes: str = "",
    next_step: str = "", photo=None, seen: str | None = None, key: str | None = None,
) -> Visit:  # fmt: skip
    """Record a visit. When it reached the person, it is recorded as the contact or service of
    each line of work that was waiting on it (``registry["visit_sources"]``). ``seen`` is what
    the visitor's page showed as due (``Stop.seen``); if that changed meanwhile nothing is
    recorded (``VisitConflict``). A ``key`` already stored is the same visit sent again: the
    stored one is answered."""
    require(actor, "visits.add_visit")
    check_scope(Person.objects.editable_by(actor), person)
    if key:
        sent = Visit.objects.filter(key=key, recorded_by=actor).first()
        if sent is not None:
            return sent
    person = Person.objects.select_for_update().get(pk=person.pk)  # one visit of a person at a time
    today = timezone.localdate()
    if on > today:
        raise ValidationError({"on": _("走访日期不能晚于今天。")})
    stop = selectors.stop_for(actor, person, today)
    if seen is not None:
        changes = _changes(set(seen.split()), stop.items)
        if changes:
            raise VisitConflict(changes)
    visit = Visit(person=person, region_id=person.region_id, on=on, kind=kind, result=result,
                  notes=notes.strip(), next_step=next_step.strip(), recorded_by=actor, key=key or None)  # fmt: skip
    visit.full_clean(exclude=["person"])
    served = []
    if visit.met:
        for source in registry["visit_sources"].values():
            items = [item for item in stop.items if item.source == source.code]
            if items:
                done = (
                    source.record(actor=actor, visit=visit, items=items) if source.record else None
                )
                if done is not False:  # False: the line still waits (a change to record there)
                    served.append(str(source.label))
    visit.served = _("、").join(served)[:200]
    visit._history_user = actor
    visit.save()
    if photo is not None:
        check_evidence(photo)
        evidence = VisitPhoto(visit=visit, region_id=visit.region_id, title=_("走访照片"),
                              file=photo, uploaded_by=actor)  # fmt: skip
        evidence._history_user = actor
        evidence.save()
    return visit
