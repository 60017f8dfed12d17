"""An enrolment (推荐参训) from the referral to the end of the course: referred by the community
or township, attending, then completed (with attendance, certificate and appraisal) or
dropped. Completion is recorded through its form (``services.enrolment_complete``)."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow

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
