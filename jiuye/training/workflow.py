"""The processes of training: an enrolment (推荐参训) from the referral to the end of the course —
referred by the community or township, attending, then completed (with attendance,
certificate and appraisal) or dropped; completion is recorded through its form
(``services.enrolment_complete``) —, and a resident's training need."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow
from jiuye.training.choices import NeedState

OPEN_ENROLMENT_STATES = ("referred", "attending")


class EnrolmentWorkflow(Workflow):
    name = "enrolment"
    create_permission = "training.add_enrolment"
    states = (
        State("referred", _("已推荐，待开班")),
        State("attending", _("参训中")),
        State("completed", _("已结业"), final=True),
        State("dropped", _("已退出"), final=True),
    )
    transitions = (
        Transition("attend", _("登记报到参训"), ("referred",), "attending", "training.change_enrolment"),
        Transition("complete", _("登记结业"), ("attending",), "completed", "training.change_enrolment", service_only=True),
        Transition("drop", _("登记退出培训"), OPEN_ENROLMENT_STATES, "dropped", "training.change_enrolment", comment_required=True),
    )  # fmt: skip
    # A trainee attending a course waits for its end, not for a worker.
    resting_states = frozenset({"attending"})


class NeedWorkflow(Workflow):
    """A resident's training need: recorded by the community, met when the resident is
    referred to a course of its kind, or closed when the resident no longer wishes it. An open
    need waits for a suitable course, not for a worker's step: it rests off the work list (the
    needs list and the 培训需求摸底 page are where offices arrange training)."""

    name = "need"
    create_permission = "training.add_need"
    resting_states = frozenset({NeedState.OPEN})
    states = (
        State(NeedState.OPEN, NeedState.OPEN.label),
        State(NeedState.MET, NeedState.MET.label, final=True),
        State(NeedState.CLOSED, NeedState.CLOSED.label, final=True),
    )
    transitions = (
        Transition("meet", _("推荐参训"), (NeedState.OPEN,), NeedState.MET, "training.add_enrolment", service_only=True),
        Transition("close", _("撤销培训需求"), (NeedState.OPEN,), NeedState.CLOSED, "training.change_need"),
    )  # fmt: skip
