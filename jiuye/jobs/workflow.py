"""The processes of job introduction: a vacancy (see ``VacancyWorkflow``), and a referral
(职业介绍) from the letter to the employer's answer: interviewed, hired (with the contract's term
and social insurance) or not hired (with the reason). The answer is due within the parameter's
working days; hiring and refusal are recorded through their forms."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow
from jiuye.jobs.choices import VacancyState

OPEN_REFERRAL_STATES = ("referred", "interviewed")
ANSWER_DAYS = "jobs.referral_answer_days"  # the parameter: working days for the answer


class ReferralWorkflow(Workflow):
    name = "referral"
    create_permission = "jobs.add_referral"
    states = (
        State("referred", _("已推荐，待单位反馈"), deadline=ANSWER_DAYS),
        State("interviewed", _("已面试，待录用结果"), deadline=ANSWER_DAYS),
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

    def on_enter(self, transition, item, actor, comment):
        if transition.name == "interview":
            item.interviewed_on = timezone.localdate()


class VacancyWorkflow(Workflow):
    """A vacancy from its registration: published at once and open until hires through
    referrals fill its posts, its date passes (the nightly check) or the office withdraws it.
    An open vacancy waits for seekers, not for a worker's step: it rests off the work list,
    and its deadline is its own closing day (``valid_until``)."""

    name = "vacancy"
    create_permission = "jobs.add_vacancy"
    resting_states = frozenset({VacancyState.OPEN})
    states = (
        State(VacancyState.OPEN, VacancyState.OPEN.label),
        State(VacancyState.FILLED, VacancyState.FILLED.label, final=True),
        State(VacancyState.EXPIRED, VacancyState.EXPIRED.label, final=True),
        State(VacancyState.WITHDRAWN, VacancyState.WITHDRAWN.label, final=True),
    )
    transitions = (
        Transition("withdraw", _("撤回岗位"), (VacancyState.OPEN,), VacancyState.WITHDRAWN, "jobs.change_vacancy"),
        Transition("fill", _("招满"), (VacancyState.OPEN,), VacancyState.FILLED, automatic=True),
        Transition("expire", _("过期下架"), (VacancyState.OPEN,), VacancyState.EXPIRED, automatic=True),
    )  # fmt: skip
