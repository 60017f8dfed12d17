"""The processes of employment assistance: the identification of hard-to-employ persons
(就业困难人员认定: community investigation and first review with evidence, public notice for the
parameter's working days — an objection holds the case —, township review, county
identification; afterwards the person is an assistance target until they exit, 退出 — the nightly
check or the end of their unemployment registration sends a person no longer eligible to the
coordinator's exit review, 待退出审核, who exits them or keeps them with a reason), and the
zero-employment household case (零就业家庭)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES, PLACING_STATES, HouseholdState
from jiuye.core import parameters
from jiuye.core.workdays import add_months, add_working_days
from jiuye.core.workflow import State, Transition, Workflow

# Which role is named responsible for each step (priority service: 明确责任人).
RESPONSIBLE_ROLE = {
    "investigation": "coordinator",
    "notice": "coordinator",
    "on_hold": "coordinator",
    "township_review": "reviewer",
    "county_identification": "approver",
    "exit_review": "coordinator",
}


class IdentificationWorkflow(Workflow):
    name = "identification"
    create_permission = "assistance.add_identification"
    editable_states = frozenset({"investigation"})
    resting_states = frozenset({"identified"})  # helped through plans and services, not a step
    states = (
        State("investigation", _("社区调查初审"), deadline="assistance.days_investigation"),
        State("notice", _("公示中"), deadline="assistance.notice_days"),
        State("on_hold", _("公示异议处理中")),
        State(
            "township_review", _("待街道（乡镇）审核"), deadline="assistance.days_township_review"
        ),
        State(
            "county_identification",
            _("待县级认定"),
            deadline="assistance.days_county_identification",
        ),
        State("identified", _("已认定（援助中）")),
        State("exit_review", _("待退出审核"), deadline="assistance.days_exit_review"),
        State("rejected", _("不予认定"), final=True),
        State("exited", _("已退出"), final=True),
    )
    transitions = (
        Transition("first_approve", _("初审通过，开始公示"), ("investigation",), "notice", "assistance.first_review"),
        Transition("object", _("登记公示异议"), ("notice",), "on_hold", "assistance.record_objection", comment_required=True, service_only=True),
        Transition("resolve", _("异议不成立，重新公示"), ("on_hold",), "notice", "assistance.record_objection", comment_required=True, service_only=True),
        Transition("reject_hold", _("异议成立，不予认定"), ("on_hold",), "rejected", "assistance.record_objection", comment_required=True, service_only=True),
        Transition("end_notice", _("公示期满，上报街道"), ("notice",), "township_review", "assistance.first_review"),
        Transition("report", _("审核通过并上报"), ("township_review",), "county_identification", "assistance.township_review"),
        Transition("identify", _("认定"), ("county_identification",), "identified", "assistance.identify"),
        Transition("return_township", _("退回补正"), ("township_review",), "investigation", "assistance.township_review", comment_required=True),
        Transition("return_county", _("退回补正"), ("county_identification",), "investigation", "assistance.identify", comment_required=True),
        Transition("reject_first", _("不予认定"), ("investigation",), "rejected", "assistance.first_review", comment_required=True),
        Transition("reject_township", _("不予认定"), ("township_review",), "rejected", "assistance.township_review", comment_required=True),
        Transition("reject_county", _("不予认定"), ("county_identification",), "rejected", "assistance.identify", comment_required=True),
        Transition("exit", _("退出援助"), ("identified", "exit_review"), "exited", "assistance.exit", comment_required=True, service_only=True),
        Transition("review_exit", _("不再符合条件，转退出审核"), ("identified",), "exit_review", automatic=True),
        Transition("keep", _("仍符合条件，继续援助"), ("exit_review",), "identified", "assistance.exit", comment_required=True),
    )  # fmt: skip

    def deadline_days(self, state, item):
        days = super().deadline_days(state, item)
        # the notice runs its days; reporting it is due the working day after it ends
        return days + 1 if state.name == "notice" else days

    def assignee_for(self, state, item, actor):
        from jiuye.assistance.services import responsible_worker

        role = RESPONSIBLE_ROLE.get(state.name)
        return responsible_worker(item.region_id, role, prefer=actor) if role else None

    def check(self, transition, item, actor):
        today = timezone.localdate()
        if transition.name == "first_approve":
            errors = {}
            if not item.investigation.strip():
                errors["investigation"] = _("请填写调查核实情况。")
            if not item.attachments.exists():
                errors["attachments"] = _("请上传调查材料（如困难情况证明）后再初审。")
            if errors:
                raise ValidationError(errors)
        if transition.name == "end_notice" and item.notice_ends_on and today <= item.notice_ends_on:
            raise ValidationError(
                _("公示期至%(date)s结束，期满后才能上报。") % {"date": item.notice_ends_on},
                code="notice_running",
            )
        if transition.name == "identify":
            if not item.person.registrations.registered_unemployed().exists():
                raise ValidationError(
                    _(
                        "该人员不是登记失业人员（失业登记未办结或已注销），不能认定（先发证、后发卡）。"
                    ),
                    code="not_registered",
                )
            from jiuye.assistance.eligibility import check_categories

            # the data may have changed since the application: the categories again
            check_categories(item.categories.all(), item.person, identification=item)

    def on_enter(self, transition, item, actor, comment):
        today = timezone.localdate()
        if transition.target == "notice":
            days = parameters.value("assistance.notice_days", item.region_id)
            item.notice_starts_on, item.notice_ends_on = today, add_working_days(today, days)
        elif transition.name == "identify":
            item.identified_on = today
        elif transition.name == "keep":
            item.kept_on = today

    def on_fired(self, transition, item, actor, event):
        from jiuye.assistance.services import card_issue

        if transition.name == "identify":
            card_issue(identification=item, on=item.identified_on)


HOUSEHOLD_STEP_ROLE = {
    HouseholdState.APPEARED: "coordinator",
    HouseholdState.TOWNSHIP_REVIEW: "reviewer",
    HouseholdState.COUNTY_REVIEW: "approver",
}


class ZeroHouseholdWorkflow(Workflow):
    """A zero-employment household case (出现一户、认定一户、扶持一户、稳定一户). The ledger's rules
    open it and end it (``assistance.households``); people identify it — the community
    investigates with evidence, the township reviews, the county confirms — and set its
    support. A member must be placed within the limit counted from identification, in calendar
    months (动态清零); the steps before have working-day deadlines. At identification the
    members able to work are proposed for identification as hard-to-employ persons."""

    name = "zero_household"
    create_permission = "assistance.change_zerohousehold"  # found from the ledger, never typed in
    editable_states = frozenset({HouseholdState.APPEARED})
    resting_states = frozenset({HouseholdState.STABLE})  # watched, no step for anyone
    states = (
        State(
            HouseholdState.APPEARED,
            HouseholdState.APPEARED.label,
            deadline="assistance.days_investigation",
        ),
        State(
            HouseholdState.TOWNSHIP_REVIEW,
            HouseholdState.TOWNSHIP_REVIEW.label,
            deadline="assistance.days_township_review",
        ),
        State(
            HouseholdState.COUNTY_REVIEW,
            HouseholdState.COUNTY_REVIEW.label,
            deadline="assistance.days_county_identification",
        ),
        State(HouseholdState.IDENTIFIED, HouseholdState.IDENTIFIED.label),
        State(HouseholdState.SUPPORTED, HouseholdState.SUPPORTED.label),
        State(HouseholdState.STABLE, HouseholdState.STABLE.label),
        State(HouseholdState.CLEARED, HouseholdState.CLEARED.label, final=True),
        State(HouseholdState.LAPSED, HouseholdState.LAPSED.label, final=True),
        State(HouseholdState.REJECTED, HouseholdState.REJECTED.label, final=True),
        State(HouseholdState.CLOSED, HouseholdState.CLOSED.label, final=True),
    )
    transitions = (
        Transition("submit", _("调查核实，报街道审核"), (HouseholdState.APPEARED,), HouseholdState.TOWNSHIP_REVIEW, "assistance.first_review"),
        Transition("report", _("审核通过，报县级确认"), (HouseholdState.TOWNSHIP_REVIEW,), HouseholdState.COUNTY_REVIEW, "assistance.township_review"),
        Transition("identify", _("确认为零就业家庭"), (HouseholdState.COUNTY_REVIEW,), HouseholdState.IDENTIFIED, "assistance.identify"),
        Transition("return_township", _("退回补充调查"), (HouseholdState.TOWNSHIP_REVIEW,), HouseholdState.APPEARED, "assistance.township_review", comment_required=True),
        Transition("return_county", _("退回补充调查"), (HouseholdState.COUNTY_REVIEW,), HouseholdState.APPEARED, "assistance.identify", comment_required=True),
        Transition("reject_first", _("调查不符合条件"), (HouseholdState.APPEARED,), HouseholdState.REJECTED, "assistance.first_review", comment_required=True),
        Transition("reject_township", _("不予认定"), (HouseholdState.TOWNSHIP_REVIEW,), HouseholdState.REJECTED, "assistance.township_review", comment_required=True),
        Transition("reject_county", _("不予认定"), (HouseholdState.COUNTY_REVIEW,), HouseholdState.REJECTED, "assistance.identify", comment_required=True),
        Transition("support", _("落实扶持措施"), PLACING_STATES, HouseholdState.SUPPORTED, "assistance.change_zerohousehold", service_only=True),
        Transition("settle", _("成员稳定就业"), OPEN_HOUSEHOLD_STATES, HouseholdState.STABLE, automatic=True),
        Transition("clear", _("成员就业，脱零"), OPEN_HOUSEHOLD_STATES, HouseholdState.CLEARED, automatic=True),
        Transition("lapse", _("台账显示不再符合条件"), OPEN_HOUSEHOLD_STATES, HouseholdState.LAPSED, automatic=True),
        Transition("close", _("跟踪期满销号"), (HouseholdState.STABLE,), HouseholdState.CLOSED, automatic=True),
    )  # fmt: skip

    def due_on(self, state, item, today):
        if state.name in PLACING_STATES:  # the placement limit, counted from identification
            return item.placement_due_on or self.placement_due_on(item, today)
        return super().due_on(state, item, today)

    @staticmethod
    def placement_due_on(item, identified_on):
        months = parameters.value(
            "assistance.placement_limit_months", item.region_id, identified_on
        )
        return add_months(identified_on, months)

    def assignee_for(self, state, item, actor):
        if state.name in PLACING_STATES:  # the worker responsible for the support follows it
            return item.responsible
        role = HOUSEHOLD_STEP_ROLE.get(state.name)
        if role is None or actor is None:  # found by the nightly check: whoever holds the role
            return None
        from jiuye.assistance.services import responsible_worker

        return responsible_worker(item.region_id, role, prefer=actor)

    def check(self, transition, item, actor):
        if transition.name == "submit":
            errors = {}
            if not item.investigation.strip():
                errors["investigation"] = _("请填写入户调查核实情况。")
            if not item.attachments.exists():
                errors["attachments"] = _(
                    "请上传调查材料（如家庭收入、成员就业情况证明）后再上报。"
                )
            if errors:
                raise ValidationError(errors)

    def on_enter(self, transition, item, actor, comment):
        today = timezone.localdate()
        if transition.name == "identify":
            item.identified_on, item.placement_due_on = today, self.placement_due_on(item, today)
        elif transition.target == HouseholdState.REJECTED:
            item.ended_on = today

    def on_fired(self, transition, item, actor, event):
        from jiuye.assistance.services import household_members_propose

        if transition.name == "identify":
            household_members_propose(case=item, actor=actor)
