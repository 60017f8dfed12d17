"""A three-step approval used only by the tests of the workflow engine."""

from django.db import models

from jiuye.core.models import WorkflowModel
from jiuye.core.workflow import State, Transition, Workflow


class SampleFlow(Workflow):
    name = "sample"
    states = (
        State("draft", "草稿"),
        State("submitted", "待审核", deadline_days=5),
        State("reviewed", "待审批", deadline_days=10),
        State("approved", "已批准", final=True),
        State("rejected", "已退回", final=True),
    )
    transitions = (
        Transition("submit", "提交", ("draft",), "submitted", "regions.view_region"),
        Transition("review", "审核", ("submitted",), "reviewed", "staff.add_user"),
        Transition("approve", "审批", ("reviewed",), "approved", "staff.add_user"),
        Transition(
            "reject",
            "退回",
            ("submitted", "reviewed"),
            "rejected",
            "staff.add_user",
            comment_required=True,
        ),
    )
    editable_states = frozenset({"draft"})


class SampleCase(WorkflowModel):
    workflow = SampleFlow()
    title = models.CharField(max_length=100)
