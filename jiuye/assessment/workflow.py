"""A county's yearly assessment round (考核) from its opening to its close: the workers
write their self-assessments (open), the community, township and county score 德 and 效 and
may adjust the prefilled 绩 and 勤 (scoring), the grades are computed and reviewed (grading),
and the round is closed, which flags the workers assessed 不称职 two years running."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow

OPEN, SCORING, GRADING, CLOSED = "open", "scoring", "grading", "closed"


class RoundWorkflow(Workflow):
    name = "assessment_round"
    create_permission = "assessment.add_round"
    states = (
        State(OPEN, _("个人自评"), deadline="assessment.self_days"),
        State(SCORING, _("评分"), deadline="assessment.scoring_days"),
        State(GRADING, _("评定等次")),
        State(CLOSED, _("已结束"), final=True),
    )
    transitions = (
        Transition("score", _("自评结束，开始评分"), (OPEN,), SCORING, "assessment.change_round"),
        Transition("grade", _("评分结束，计算等次"), (SCORING,), GRADING, "assessment.change_round"),
        Transition("reopen", _("退回评分"), (GRADING,), SCORING, "assessment.change_round",
                   comment_required=True),
        Transition("close", _("确定等次，结束考核"), (GRADING,), CLOSED, "assessment.change_round"),
    )  # fmt: skip

    def may_fire(self, transition, item, user):
        """The county that opened the round moves it on, not a level above it."""
        return user.is_superuser or (
            user.org_id is not None and user.org.region_id == item.region_id
        )

    def actionable(self, queryset, user):
        if user.is_superuser:
            return queryset
        return queryset.filter(region_id=user.org.region_id if user.org_id else None)

    def check(self, transition, item, actor):
        if transition.name == "grade":
            missing = item.assessments.incomplete().count()
            if missing:
                raise ValidationError(
                    _("还有%(n)s名工作人员的德、勤、绩、效评分不全，不能计算等次。"),
                    params={"n": missing},
                )

    def on_fired(self, transition, item, actor, event):
        from jiuye.assessment import services

        if transition.name == "score":
            services.round_prefill(round_=item, actor=actor, by_workflow=True)
        elif transition.name == "grade":
            services.round_grade(round_=item, actor=actor)
        elif transition.name == "close":
            services.round_flag(round_=item, actor=actor)
