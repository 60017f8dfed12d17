"""A finding of an inspection (督查问题) from the inspection to its closing: the office fixes
it and replies by the deadline; the inspectors accept the fix (销号) or send it back with
their reason and a new deadline, and the office replies again."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow

OPEN, REPLIED, CLOSED = "open", "replied", "closed"


def office_of(user) -> str | None:
    """The region code of the user's own office (None without one)."""
    return user.org.region_id if user.org_id else None


class FindingWorkflow(Workflow):
    name = "finding"
    create_permission = "supervision.add_finding"
    states = (
        State(OPEN, _("待整改")),  # its deadline is the finding's own (``fix_by``)
        State(REPLIED, _("已反馈，待复核"), deadline="supervision.follow_up_days"),
        State(CLOSED, _("已销号"), final=True),
    )
    transitions = (
        Transition("reply", _("反馈整改情况"), (OPEN,), REPLIED, "supervision.reply_finding",
                   service_only=True),
        Transition("accept", _("复核通过，销号"), (REPLIED,), CLOSED, "supervision.follow_up_finding",
                   service_only=True),
        Transition("send_back", _("退回重新整改"), (REPLIED,), OPEN, "supervision.follow_up_finding",
                   comment_required=True, service_only=True),
    )  # fmt: skip

    def due_on(self, state, item, today):
        if state.name == OPEN:
            return item.fix_by
        return super().due_on(state, item, today)

    def may_fire(self, transition, item, user):
        """The office inspected replies (not the level above it, which may also edit it); the
        office that inspected follows up."""
        if user.is_superuser:
            return True
        if transition.name == "reply":
            return office_of(user) == item.region_id
        return office_of(user) == item.inspection.by_org.region_id

    def actionable(self, queryset, user):
        if user.is_superuser:
            return queryset
        office = office_of(user)
        return queryset.filter(
            Q(state=OPEN, region_id=office) | Q(state=REPLIED, inspection__by_org__region_id=office)
        )
