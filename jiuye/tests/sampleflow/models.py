"""A three-step approval used only by the tests of the workflow engine."""

from django.db import models

from jiuye.core.models import WorkflowModel
from jiuye.core.workflow import State, Transition, Workflow


class SampleFlow(Workflow):
    name = "sample"
    create_permission = "sampleflow.add_samplecase"
    states = (
        State("draft", "草稿"),
        State("submitted", "待审核", deadline=5),
        State("reviewed", "待审批", deadline=10),
        State("approved", "已批准", final=True),
        State("rejected", "已退回", final=True),
    )
    transitions = (
        Transition("submit", "提交", ("draft",), "submitted", "sampleflow.submit_samplecase"),
        Transition("review", "审核", ("submitted",), "reviewed", "sampleflow.review_samplecase"),
        Transition("approve", "审批", ("reviewed",), "approved", "sampleflow.review_samplecase"),
        Transition(
            "reject",
            "退回",
            ("submitted", "reviewed"),
            "rejected",
            "sampleflow.review_samplecase",
            comment_required=True,
        ),
    )


class SampleCase(WorkflowModel):
    workflow = SampleFlow()
    title = models.CharField("标题", max_length=100)

    def __str__(self):
        return self.title
