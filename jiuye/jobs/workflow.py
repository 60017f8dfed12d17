"""A referral (职业介绍) from the letter to the employer's answer: interviewed, hired (with the
contract's term and social insurance) or not hired (with the reason). The answer is due within
the parameter's working days; hiring and refusal are recorded through their forms."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import parameters
from jiuye.core.workflow import State, Transition, Workflow

OPEN_REFERRAL_STATES = ("referred", "interviewed")


class ReferralWorkflow(Workflow):
    name = "referral"
    create_permission = "jobs.add_referral"
    states = (
        State("referred", _("已推荐，待单位反馈")),
        State("interviewed", _("已面试，待录用结果")),
        State("hired", _("已录用"), final=True),
        State("not_hired", _("未录用"), final=True),
        State("cancelled", _("已撤销"), final=True),
    )
    transitions = (
        Transition("interview", _("登记已面试"), ("referred",), "interviewed", "jobs.answer_referral"),
        Transition("hire", _("登记录用"), OPEN_REFERRAL_STATES, "hired", "jobs.answer_referral", service_only=True),
        Transition("not_hire", _("登记未录用"), OPEN_REFERRAL_STATES, "not_hired", "jobs.answer_referral", service_only=True),
        Transition("cancel", _("撤销推荐"), OPEN_REFERRAL_STATES, "cancelled", "jobs.add_referral", comment_required=True),
    )  # fmt: skip

    def deadline_days(self, state, item):
        return parameters.value("jobs.referral_answer_days", item.region_id)

    def on_fired(self, transition, item, actor, event):
        if transition.name == "interview":
            item.interviewed_on = timezone.localdate()
            item.save(update_fields=["interviewed_on"])
