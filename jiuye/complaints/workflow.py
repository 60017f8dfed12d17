"""A complaint (投诉) from its receipt to its closing: the office it is assigned to handles and
answers it by the deadline; overdue, a nightly check escalates it to the office of the level
above (``services.escalate_overdue``) with a new deadline; once answered, a call-back records
the complainant's satisfaction and closes it, or the complainant rates it on the public page."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow

RECEIVED, HANDLING, ESCALATED, ANSWERED, CLOSED = (
    "received", "handling", "escalated", "answered", "closed"
)  # fmt: skip
# Steps that wait for the answer: their deadline is the complaint's own ``answer_by``.
AWAITING_ANSWER = (RECEIVED, HANDLING, ESCALATED)


class ComplaintWorkflow(Workflow):
    name = "complaint"
    create_permission = "complaints.add_complaint"
    states = (
        State(RECEIVED, _("已受理")),
        State(HANDLING, _("办理中")),
        State(ESCALATED, _("已升级")),
        State(ANSWERED, _("已答复，待回访"), deadline="complaints.callback_days"),
        State(CLOSED, _("已办结"), final=True),
    )
    transitions = (
        Transition("handle", _("开始办理"), (RECEIVED, ESCALATED), HANDLING,
                   "complaints.handle_complaint"),
        Transition("answer", _("答复投诉人"), AWAITING_ANSWER, ANSWERED,
                   "complaints.handle_complaint", service_only=True),
        Transition("close", _("回访办结"), (ANSWERED,), CLOSED, "complaints.handle_complaint",
                   service_only=True),
        Transition("escalate", _("超期升级"), AWAITING_ANSWER, ESCALATED, automatic=True),
        Transition("rate", _("投诉人评价办结"), (ANSWERED,), CLOSED, automatic=True),
    )  # fmt: skip

    def due_on(self, state, item, today):
        if state.name in AWAITING_ANSWER:
            return item.answer_by
        return super().due_on(state, item, today)

    def may_fire(self, transition, item, user):
        """Only the office the complaint is assigned to handles it (the levels above read it
        until it is escalated to them)."""
        return user.is_superuser or (user.org_id is not None and user.org_id == item.handler_id)

    def actionable(self, queryset, user):
        if user.is_superuser:
            return queryset
        return queryset.filter(handler_id=user.org_id)
