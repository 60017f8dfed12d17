"""A small guaranteed loan (小额担保贷款, guideline 十八) from the community's application to
the last repayment: the community applies, the township reviews, the county reviews the
guarantee and records the bank's decision and the disbursement; repayments follow."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow

OPEN_LOAN_STATES = ("applied", "returned", "county_review", "bank_review", "approved",
                    "disbursed", "repaying")  # fmt: skip
LENT_STATES = ("disbursed", "repaying", "repaid")


class LoanWorkflow(Workflow):
    name = "loan"
    create_permission = "startups.add_loan"
    editable_states = frozenset({"applied", "returned"})
    resting_states = frozenset({"disbursed", "repaying"})
    states = (
        State("applied", _("已受理，待街道（乡镇）审核"), deadline="startups.loan_days_township"),
        State("returned", _("退回补正"), deadline="startups.loan_days_returned"),
        State("county_review", _("待县级审核（担保）"), deadline="startups.loan_days_county"),
        State("bank_review", _("待银行审批"), deadline="startups.loan_days_bank"),
        State("approved", _("银行已批准，待放款"), deadline="startups.loan_days_disburse"),
        State("disbursed", _("已放款")),
        State("repaying", _("还款中")),
        State("repaid", _("已结清"), final=True),
        State("refused", _("未获批准"), final=True),
        State("withdrawn", _("已撤回"), final=True),
    )
    transitions = (
        Transition("township_approve", _("审核通过并上报"), ("applied",), "county_review", "startups.township_review_loan"),
        Transition("township_return", _("退回补正"), ("applied",), "returned", "startups.township_review_loan",
                   comment_required=True),
        Transition("township_refuse", _("不予推荐"), ("applied",), "refused", "startups.township_review_loan",
                   comment_required=True),
        Transition("resubmit", _("补正后重新提交"), ("returned",), "applied", "startups.add_loan"),
        Transition("county_approve", _("审核通过（落实担保）并报送银行"), ("county_review",), "bank_review",
                   "startups.county_review_loan"),
        Transition("county_return", _("退回补正"), ("county_review",), "returned", "startups.county_review_loan",
                   comment_required=True),
        Transition("county_refuse", _("不予担保"), ("county_review",), "refused", "startups.county_review_loan",
                   comment_required=True),
        Transition("bank_approve", _("登记银行批准"), ("bank_review",), "approved", "startups.record_bank_decision",
                   service_only=True),
        Transition("bank_refuse", _("登记银行拒贷"), ("bank_review",), "refused", "startups.record_bank_decision",
                   comment_required=True),
        Transition("disburse", _("登记放款"), ("approved",), "disbursed", "startups.record_bank_decision"),
        Transition("withdraw", _("撤回申请"), ("applied", "returned"), "withdrawn", "startups.add_loan",
                   comment_required=True),
        Transition("repay", _("开始还款"), ("disbursed",), "repaying", "startups.repay_loan", service_only=True),
        Transition("settle", _("结清"), ("disbursed", "repaying"), "repaid", "startups.repay_loan",
                   service_only=True),
    )  # fmt: skip

    def check(self, transition, item, actor):
        from jiuye.startups.services import check_limits

        if transition.name in ("township_approve", "county_approve", "resubmit"):
            check_limits(item, timezone.localdate())
        if transition.name == "county_approve" and not item.guarantor.strip():
            raise ValidationError(
                {"guarantor": _("请先填写担保机构或担保人，落实担保后再报送银行。")}
            )
        if transition.name == "disburse" and (
            item.disbursed_on is None or item.disbursed_on > timezone.localdate()
        ):
            raise ValidationError({"disbursed_on": _("放款日期未到，不能登记放款。")})

    def on_enter(self, transition, item, actor, comment):
        if transition.name in ("township_refuse", "county_refuse", "bank_refuse"):
            item.refusal_reason = comment

    def on_fired(self, transition, item, actor, event):
        from jiuye.startups.services import loan_disbursed

        if transition.name == "disburse":
            loan_disbursed(item, actor=actor)
