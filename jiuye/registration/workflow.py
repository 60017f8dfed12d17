"""The registration process: community first review, township review and report, county
approval (guideline clause 五: 受理、初审 / 审核、上报 / 审批)."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow


class RegistrationWorkflow(Workflow):
    name = "registration"
    create_permission = "registration.add_registration"
    states = (
        State("first_review", _("待社区初审"), deadline="registration.days_first_review"),
        State(
            "township_review", _("待街道（乡镇）审核"), deadline="registration.days_township_review"
        ),
        State("county_approval", _("待县级审批"), deadline="registration.days_county_approval"),
        State("approved", _("已登记"), final=True),
        State("rejected", _("不予登记"), final=True),
    )
    transitions = (
        Transition("first_approve", _("初审通过"), ("first_review",), "township_review", "registration.first_review"),
        Transition("report", _("审核通过并上报"), ("township_review",), "county_approval", "registration.township_review"),
        Transition("approve", _("审批登记"), ("county_approval",), "approved", "registration.county_approve"),
        Transition("return_township", _("退回补正"), ("township_review",), "first_review",
                   "registration.township_review", comment_required=True),
        Transition("return_county", _("退回补正"), ("county_approval",), "first_review",
                   "registration.county_approve", comment_required=True),
        Transition("reject_first", _("不予登记"), ("first_review",), "rejected", "registration.first_review",
                   comment_required=True),
        Transition("reject_township", _("不予登记"), ("township_review",), "rejected", "registration.township_review",
                   comment_required=True),
        Transition("reject_county", _("不予登记"), ("county_approval",), "rejected", "registration.county_approve",
                   comment_required=True),
    )  # fmt: skip

    def check(self, transition, item, actor):
        if transition.name in ("first_approve", "report", "approve"):
            from jiuye.registration.services import check_conditions

            check_conditions(item)

    def on_fired(self, transition, item, actor, event):
        if transition.name == "approve":
            from jiuye.registration.services import registration_took_effect

            registration_took_effect(item, actor=actor)
