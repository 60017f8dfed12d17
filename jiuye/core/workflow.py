"""The workflow engine: one small state machine for every process that moves through steps.

A process declares its ``Workflow``: states (each with a time limit in working days, or the
policy parameter that gives it), transitions (from which states, to which state, which
permission fires them). Its records inherit ``core.models.WorkflowModel``. Every change of
state goes through ``fire`` (a person acts) or ``fire_automatic`` (a rule of the process acts:
a household found from the ledger, a vacancy past its date), which

* locks the item's row (``SELECT … FOR UPDATE`` on PostgreSQL) and moves it only if it is
  still in the state the transition starts from, so of two people (or a person and a rule)
  acting at once exactly one succeeds and the other gets a clear refusal;
* for a person, checks that they may edit the item (else 404) and that their roles hold the
  transition's permission;
* sets the deadline of the new step;
* appends one ``WorkflowEvent`` (who — nobody for a rule acting on its own —, when, from,
  to, comment).
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import history, parameters
from jiuye.core.models import WorkflowEvent, WorkflowModel
from jiuye.core.workdays import add_working_days
from jiuye.regions.models import Region


@dataclass(frozen=True)
class State:
    name: str
    label: str
    # working days allowed for this step, or the key of the policy parameter that gives them
    deadline: int | str | None = None
    final: bool = False


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    permission: str = ""
    comment_required: bool = False
    # Fired only by a service that records more than the event (an objection, an exit's
    # reason): ``fire`` refuses it unless that service says ``by_service=True``.
    service_only: bool = False
    # Fired by a rule of the process, never by a person (``fire_automatic``).
    automatic: bool = False


class Workflow:
    """A process: its states, its transitions and the hooks a concrete process may override."""

    name: str = ""
    states: tuple[State, ...] = ()
    transitions: tuple[Transition, ...] = ()
    create_permission: str = ""  # who may start an item of this process
    # States in which the record's own fields may still be edited (None: the initial state
    # only). After that only the workflow changes it: what was submitted stays as submitted.
    editable_states: frozenset[str] | None = None
    # Open states where the item rests rather than waits for someone (an assistance target
    # being helped): they are not on anyone's work list, though transitions leave them.
    resting_states: frozenset[str] = frozenset()

    def __init__(self):
        self._states = {state.name: state for state in self.states}
        self._transitions = {transition.name: transition for transition in self.transitions}
        for transition in self.transitions:
            unknown = {*transition.sources, transition.target} - self._states.keys()
            if unknown:
                raise ValueError(
                    f"{self.name}: transition {transition.name} names unknown states {unknown}"
                )
            if not (transition.permission or transition.automatic):
                raise ValueError(f"{self.name}: transition {transition.name} needs a permission")

    @property
    def initial(self) -> str:
        return self.states[0].name

    def is_editable(self, state: str) -> bool:
        return state in (self.editable_states or {self.initial})

    @property
    def open_states(self) -> list[str]:
        return [state.name for state in self.states if not state.final]

    def choices(self) -> list[tuple[str, str]]:
        """The states as choices, for filters and forms."""
        return [(state.name, state.label) for state in self.states]

    def state(self, name: str) -> State:
        return self._states[name]

    def transition(self, name: str) -> Transition:
        try:
            return self._transitions[name]
        except KeyError:
            raise ValidationError(_("未知的操作：%(name)s"), params={"name": name}) from None

    def deadline_days(self, state: State, item) -> int | None:
        """Working days allowed for a step: the state's number, or its parameter's value for
        the item's region. Override for a rule beyond that."""
        if isinstance(state.deadline, str):
            return parameters.value(state.deadline, item.region_id)
        return state.deadline

    def due_on(self, state: State, item, today: datetime.date) -> datetime.date | None:
        """The deadline of a step entered ``today``: ``deadline_days`` working days later.
        Override where a step's deadline is counted from a date of the record (a household's
        clearance limit, in days from the day it appeared)."""
        days = self.deadline_days(state, item)
        return None if days is None else add_working_days(today, days)

    def assignee_for(self, state: State, item, actor):
        """The worker named responsible for a step (None: whoever holds the role). Override."""
        return None

    def may_fire(self, transition: Transition, item, user) -> bool:
        """Whether ``user``, whose roles hold the transition's permission and who may edit the
        item, may fire it on this item. Override where it depends on the item as well (a
        claim's approval belongs to the level its kind names)."""
        return True

    def actionable(self, queryset, user):
        """The items of ``queryset`` (open, in the user's jurisdiction, in steps the user's
        roles act on) that are the user's to act on: the work list. Override with
        ``may_fire``."""
        return queryset

    def check(self, transition: Transition, item, actor) -> None:
        """Raise ``ValidationError`` when the item's data forbid the transition now."""

    def on_enter(self, transition: Transition, item, actor, comment: str) -> None:
        """Set fields of the item that come with entering the new step (the day of an
        interview, the dates of a notice): saved with the new state, in the same history row."""

    def on_fired(self, transition: Transition, item, actor, event: WorkflowEvent) -> None:
        """Side effects of a transition on other records, run inside its transaction."""

    def available(self, item, user) -> list[Transition]:
        """The transitions ``user`` may fire on ``item`` now: the buttons to show."""
        return [
            transition
            for transition in self.transitions
            if item.state in transition.sources
            and not (transition.service_only or transition.automatic)
            and user.has_perm(transition.permission)
            and self.may_fire(transition, item, user)
        ]


def _due_on(workflow: Workflow, state: State, item, now):
    return None if state.final else workflow.due_on(state, item, timezone.localdate(now))


def _event(item, *, transition, from_state, to_state, actor, at, due_on, comment) -> WorkflowEvent:
    return WorkflowEvent.objects.create(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=item.pk,
        region_id=item.region_id,
        transition=transition,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        at=at,
        due_on=due_on,
        comment=comment,
    )


def _not_found():
    return Http404(_("该事项不存在或不在您的管辖范围内。"))


@transaction.atomic
def start(
    item: WorkflowModel, *, actor, comment: str = "", by_system: bool = False
) -> WorkflowEvent:
    """Save a new workflow item in its initial state and log its creation.

    A person needs the process's ``create_permission`` and a region they may edit. A rule of
    the process that found the item itself (``by_system``: a household the ledger shows with
    nobody employed) needs neither; ``actor`` is then the person whose change led to it, or
    None when a nightly check found it."""
    model = type(item)
    workflow = model.workflow
    if item.pk is not None:
        raise ValidationError(_("该事项已经创建。"))
    if not by_system:
        if not actor.has_perm(workflow.create_permission):
            raise PermissionDenied(_("您的角色不能办理此类事项。"))
        if not Region.objects.editable_by(actor).filter(pk=item.region_id).exists():
            raise ValidationError({"region": _("该区划不在您的管辖范围内。")})
    now = timezone.now()
    item.state = workflow.initial
    item.state_entered_at = now
    item.due_on = _due_on(workflow, workflow.state(workflow.initial), item, now)
    item.assignee = workflow.assignee_for(workflow.state(workflow.initial), item, actor)
    item.full_clean()
    item._history_user = actor
    item.save()
    return _event(
        item,
        transition="create",
        from_state="",
        to_state=item.state,
        actor=actor,
        at=now,
        due_on=item.due_on,
        comment=comment,
    )


@transaction.atomic
def start_all(items: list[WorkflowModel], *, actor=None, comment: str = "") -> None:
    """``start(item, by_system=True)`` for many items a rule found at once (the nightly check of
    a county's households): saved in bulk with their history rows and creation events."""
    if not items:
        return
    workflow = type(items[0]).workflow
    initial = workflow.state(workflow.initial)
    now = timezone.now()
    for item in items:
        item.state, item.state_entered_at = initial.name, now
        item.due_on = _due_on(workflow, initial, item, now)
        item.assignee = workflow.assignee_for(initial, item, actor)
    history.bulk_create(items, actor=actor)
    content_type = ContentType.objects.get_for_model(type(items[0]))
    WorkflowEvent.objects.bulk_create(
        [
            WorkflowEvent(
                content_type=content_type,
                object_id=item.pk,
                region_id=item.region_id,
                transition="create",
                to_state=item.state,
                actor=actor,
                at=now,
                due_on=item.due_on,
                comment=comment,
            )
            for item in items
        ],
        batch_size=2000,
    )


@transaction.atomic
def fire(
    item: WorkflowModel,
    transition_name: str,
    *,
    actor,
    comment: str = "",
    by_service: bool = False,
    values: dict | None = None,
) -> WorkflowEvent:
    """Move ``item`` along ``transition_name`` on behalf of ``actor``; return the event.
    A service that records more than the event gives the item's fields it sets in ``values``:
    they are saved with the new state.

    Raises ``Http404`` when the item is outside what the actor may edit, ``PermissionDenied``
    when the actor's roles may not fire the transition, and ``ValidationError`` when the
    item is no longer in a state the transition starts from (someone else was quicker) or
    its data forbid it.
    """
    model = type(item)
    transition = model.workflow.transition(transition_name)
    if transition.automatic:
        raise ValidationError(
            _("“%(action)s”由系统按规则自动办理。"),
            params={"action": transition.label},
            code="automatic",
        )
    if transition.service_only and not by_service:
        raise ValidationError(
            _("“%(action)s”须在专门的表单中办理。"),
            params={"action": transition.label},
            code="service_only",
        )
    try:
        current = model.objects.editable_by(actor).select_for_update().get(pk=item.pk)
    except model.DoesNotExist:
        raise _not_found() from None
    if not (
        actor.has_perm(transition.permission)
        and model.workflow.may_fire(transition, current, actor)
    ):
        raise PermissionDenied(_("您的角色不能执行“%(action)s”。") % {"action": transition.label})
    return _move(item, current, transition, actor=actor, comment=comment, values=values)


@transaction.atomic
def fire_automatic(
    item: WorkflowModel,
    transition_name: str,
    *,
    actor=None,
    comment: str = "",
    values: dict | None = None,
) -> WorkflowEvent:
    """Move ``item`` along an automatic transition: a rule of the process acts (a household's
    member found work, a vacancy passed its date). ``actor`` is the person whose change led to
    it, or None for a nightly check. Refused like ``fire`` when the item has moved meanwhile."""
    model = type(item)
    transition = model.workflow.transition(transition_name)
    if not transition.automatic:
        raise ValueError(f"{transition_name} is fired by people, through fire()")
    current = model.objects.select_for_update().get(pk=item.pk)
    return _move(item, current, transition, actor=actor, comment=comment, values=values)


def _move(item, current, transition: Transition, *, actor, comment: str, values) -> WorkflowEvent:
    """The common part of a transition, on the locked row ``current`` of ``item``."""
    model = type(current)
    workflow: Workflow = model.workflow
    refusal = ValidationError(
        _("该事项当前为“%(state)s”，不能再“%(action)s”；可能已有他人办理，请刷新后查看。"),
        params={"state": workflow.state(current.state).label, "action": transition.label},
        code="stale_state",
    )
    if current.state not in transition.sources:
        raise refusal
    if transition.comment_required and not comment.strip():
        raise ValidationError({"comment": _("请填写意见。")})
    workflow.check(transition, current, actor)

    # The conditional update is the claim: on a database without row locks (SQLite) the
    # second of two concurrent transitions finds the state changed and updates nothing.
    from_state = current.state
    if not model.objects.claim(current.pk, state=from_state):
        raise refusal
    now = timezone.now()
    target = workflow.state(transition.target)
    for name, value in (values or {}).items():
        setattr(current, name, value)
    current.state = target.name
    current.state_entered_at = now
    current.due_on = _due_on(workflow, target, current, now)
    current.assignee = None if target.final else workflow.assignee_for(target, current, actor)
    current.version += 1
    workflow.on_enter(transition, current, actor, comment)
    current._history_user = actor  # the change history credits the transition to its actor
    current.save()  # the row is locked and fresh: what was set above is saved with the state
    event = _event(
        current,
        transition=transition.name,
        from_state=from_state,
        to_state=target.name,
        actor=actor,
        at=now,
        due_on=current.due_on,
        comment=comment,
    )
    workflow.on_fired(transition, current, actor, event)
    for field in current._meta.concrete_fields:  # the caller's copy as saved
        setattr(item, field.attname, getattr(current, field.attname))
    return event


def event_log(item: WorkflowModel) -> list[tuple]:
    """The item's events, oldest first, as (event, what was done, the step it led to): the
    "办理过程" of its page."""
    workflow = type(item).workflow
    return [
        (
            event,
            _("受理")
            if event.transition == "create"
            else workflow.transition(event.transition).label,
            workflow.state(event.to_state).label,
        )
        for event in item.events
    ]
