"""A subsidy claim's approval: the claiming office submits, the HR department of the level
the kind names approves (人社部门核定), then that level's finance department (财政部门核定): the
county's by default, the township's for a kind paid from its own funds (``SubsidyKind.level``).
Only staff of an office at that level may fire those steps (its jurisdiction holding the
claiming office is the workflow's scope), and a worker does not approve a claim they prepared.
A return sends the claim back to the office to correct; a refusal frees its lines, so the
persons can be claimed again. Finance approves within that level's budget for the kind and
year; beyond it only by the explicit override (超预算核准), whose reason is kept in the events."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow
from jiuye.regions.codes import level_of
from jiuye.subsidies import kinds

# The permissions of the approval steps, which belong to the kind's level.
APPROVALS = frozenset({"subsidies.hr_approve", "subsidies.finance_approve"})


class ClaimWorkflow(Workflow):
    name = "claim"
    create_permission = "subsidies.add_claim"
    states = (
        State("draft", _("待提交")),
        State("hr_review", _("待人社部门审核"), deadline="subsidies.days_hr_review"),
        State("finance_review", _("待财政部门审核"), deadline="subsidies.days_finance_review"),
        State("approved", _("已核准"), final=True),
        State("rejected", _("不予核准"), final=True),
    )
    transitions = (
        Transition("submit", _("提交审核"), ("draft",), "hr_review", "subsidies.add_claim"),
        Transition("propose", _("提出并提交审核"), ("draft",), "hr_review", "subsidies.propose_claim"),
        Transition("hr_approve", _("审核通过，送财政"), ("hr_review",), "finance_review", "subsidies.hr_approve"),
        Transition("hr_return", _("退回修改"), ("hr_review",), "draft", "subsidies.hr_approve", comment_required=True),
        Transition("hr_reject", _("不予核准"), ("hr_review",), "rejected", "subsidies.hr_approve", comment_required=True),
        Transition("finance_approve", _("核准拨付"), ("finance_review",), "approved", "subsidies.finance_approve"),
        Transition("finance_override", _("超预算核准"), ("finance_review",), "approved", "subsidies.finance_approve",
                   comment_required=True),
        Transition("finance_return", _("退回修改"), ("finance_review",), "draft", "subsidies.finance_approve", comment_required=True),
        Transition("finance_reject", _("不予核准"), ("finance_review",), "rejected", "subsidies.finance_approve", comment_required=True),
    )  # fmt: skip

    def may_fire(self, transition, item, user):
        if transition.name in ("submit", "propose"):  # a claim is submitted, a reward proposed
            return (transition.name == "propose") == kinds.is_proposed(item.kind)
        if transition.permission not in APPROVALS or user.is_superuser:
            return True
        return acting_level(user) == kinds.level_of_kind(item.kind)

    def actionable(self, queryset, user):
        if user.is_superuser:
            return queryset
        level = acting_level(user)
        at_level = [code for code, _label in kinds.choices(level)] if level else []
        approval_states = {
            state
            for transition in self.transitions
            if transition.permission in APPROVALS
            for state in transition.sources
        }
        return queryset.filter(~Q(state__in=approval_states) | Q(kind__in=at_level))

    def check(self, transition, item, actor):
        if transition.permission == "subsidies.hr_approve" and item.prepared_by_id == actor.pk:
            raise ValidationError(_("经办人不能审核本人经办的申报。"), code="own_claim")
        if transition.name in ("submit", "propose") and not item.lines.exists():
            raise ValidationError(_("申报中没有补贴人员，不能提交。"), code="empty")
        if transition.name in ("finance_approve", "finance_override"):
            check_budget(item, override=transition.name == "finance_override")

    def on_fired(self, transition, item, actor, event):
        if transition.target == "rejected":
            item.lines.update(void=True)


def acting_level(user):
    """The level of the user's office (None without one): the kinds whose approval it acts on."""
    org = user.org
    return None if org is None else level_of(org.region_id)


def check_budget(claim, *, override: bool) -> None:
    """Refuse an approval beyond the approving office's budget unless it is the override, and the
    override of a claim within it. The budget row is locked, so two approvals at once cannot
    both spend its last funds. A kind without a budget for the year is not limited."""
    from jiuye.subsidies.selectors import budget_of, budget_uses

    budget = budget_of(claim, lock=True)
    if budget is None:
        over = False
    else:
        balance = budget_uses([budget])[budget.pk].balance(budget)
        over = claim.total > balance
    if over and not override:
        raise ValidationError(
            _(
                "本申报%(total)s元超出%(budget)s的余额%(balance)s元；如确需核准，请使用“超预算核准”并说明理由。"
            )
            % {"total": claim.total, "budget": budget, "balance": balance},
            code="over_budget",
        )
    if override and not over:
        raise ValidationError(_("本申报未超出预算，请使用“核准拨付”。"), code="within_budget")
