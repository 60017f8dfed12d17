import datetime

from django.apps import apps
from django.db.models import Count, Q, Subquery
from django.utils import timezone

from jiuye.core.models import WorkflowModel


def workflow_models() -> list[type[WorkflowModel]]:
    return [model for model in apps.get_models() if issubclass(model, WorkflowModel)]


def _actionable(model, user):
    """Open items of one process in the user's jurisdiction whose current step the user's
    roles can act on; None when the roles can act on no step of it."""
    states = {
        state
        for transition in model.workflow.transitions
        if user.has_perm(transition.permission)
        for state in transition.sources
    } - model.workflow.resting_states
    if not states:
        return None
    # a step with a named worker is theirs, unless their account was closed
    mine = Q(assignee__isnull=True) | Q(assignee=user) | Q(assignee__is_active=False)
    queryset = model.objects.editable_by(user).open().filter(mine, state__in=states)
    return model.workflow.actionable(queryset, user)


def worklist(user, *, limit: int = 50) -> list[WorkflowModel]:
    """What waits for the user across all processes, soonest deadline first (steps without
    a deadline last). One query per process."""
    items = []
    for model in workflow_models():
        queryset = _actionable(model, user)
        if queryset is not None:
            items.extend(model.for_worklist(queryset).order_by("due_on", "pk")[:limit])
    items.sort(key=lambda item: (item.due_on is None, item.due_on or datetime.date.max))
    return items[:limit]


def worklist_counts(user) -> dict[str, int]:
    """How many items wait for the user, how many are overdue and how many are due today."""
    today = timezone.localdate()
    totals = {"total": 0, "overdue": 0, "due_today": 0}
    for model in workflow_models():
        queryset = _actionable(model, user)
        if queryset is None:
            continue
        counts = queryset.aggregate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            due_today=Count("pk", filter=Q(due_on=today)),
        )
        for key in totals:
            totals[key] += counts[key]
    return totals


def latest_day(queryset, *, person: str, day: str):
    """A source for the registry's ``contact_sources``: the latest ``day`` among the records of
    ``queryset`` whose ``person`` (a lookup path) is the outer query's person."""

    def source(outer):
        return Subquery(queryset.filter(**{person: outer}).order_by(f"-{day}").values(day)[:1])

    return source


def last_contact(person):
    """The latest day any line of work served or contacted ``person`` (an ``OuterRef`` to a
    person): the greatest of the registry's ``contact_sources``, 1 January 1900 when none did.
    One expression, so a list of due visits stays one query."""
    from django.db.models import DateField, Value
    from django.db.models.functions import Coalesce, Greatest

    from jiuye.core.registry import registry

    never = Value(datetime.date(1900, 1, 1), output_field=DateField())
    days = [Coalesce(source(person), never) for source in registry["contact_sources"]]
    if not days:
        return never
    return Greatest(*days) if len(days) > 1 else days[0]
