"""A subsidy claim's approval: the claiming office submits, the county's HR department
approves (人社部门核定), then its finance department (财政部门核定). A return sends the claim back
to the office to correct; a refusal frees its lines, so the persons can be claimed again.
Finance approves within the county's budget for the kind and year; beyond it only by the
explicit override (超预算核准), whose reason is kept in the claim's events."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow


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
        Transition("hr_approve", _("审核通过，送财政"), ("hr_review",), "finance_review", "subsidies.hr_approve"),
        Transition("hr_return", _("退回修改"), ("hr_review",), "draft", "subsidies.hr_approve", comment_required=True),
        Transition("hr_reject", _("不予核准"), ("hr_review",), "rejected", "subsidies.hr_approve", comment_required=True),
        Transition("finance_approve", _("核准拨付"), ("finance_review",), "approved", "subsidies.finance_approve"),
        Transition("finance_override", _("超预算核准"), ("finance_review",), "approved", "subsidies.finance_approve",
                   comment_required=True),
        Transition("finance_return", _("退回修改"), ("finance_review",), "draft", "subsidies.finance_approve", comment_required=True),
        Transition("finance_reject", _("不予核准"), ("finance_review",), "rejected", "subsidies.finance_approve", comment_required=True),
    )  # fmt: skip

    def check(self, transition, item, actor):
        if transition.name == "submit" and not item.lines.exists():
            raise ValidationError(_("申报中没有补贴人员，不能提交。"), code="empty")
        if transition.name in ("finance_approve", "finance_override"):
            check_budget(item, override=transition.name == "finance_override")

    def on_fired(self, transition, item, actor, event):
        if transition.target == "rejected":
            item.lines.update(void=True)


def check_budget(claim, *, override: bool) -> None:
    """Refuse an approval beyond the county's budget unless it is the override, and the
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
