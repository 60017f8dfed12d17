"""Reads of the yearly assessment beyond the querysets: the home page's panel and a worker's
history."""

from django.utils.translation import gettext_lazy as _

from jiuye.assessment.models import Assessment
from jiuye.assessment.workflow import CLOSED, OPEN, SCORING

PANEL_ROWS = 10


def home_panel(user, today):
    """The user's own self-assessment still to write, the workers of open rounds the user's
    office scores that lack its score, and (for the county) the workers flagged 不称职 two
    years running that wait for its decision."""
    if (
        not user.is_authenticated
        or user.org_id is None
        or not user.has_perm("assessment.view_assessment")
    ):
        return None
    parts = []
    own = Assessment.objects.filter(
        worker=user, round__state__in=(OPEN, SCORING), self_text=""
    ).select_related("round", "worker", "org")
    if own:
        parts.append({"title": _("请提交年度考核个人自评"), "rows": list(own)})
    if user.has_perm("assessment.score_assessment"):
        from jiuye.assessment.services import scorer_levels

        waiting = (
            Assessment.objects.visible_to(user).filter(round__state=SCORING).exclude(worker=user)
            .with_parts().order_by("region_id", "pk")
        )  # fmt: skip
        rows = []
        for assessment in waiting[:500]:
            mine = set(scorer_levels(user, assessment))
            if mine - {score.level for score in assessment.scores.all()}:
                rows.append(assessment)
        if rows:
            parts.append(
                {"title": _("待评分的工作人员"), "rows": rows[:PANEL_ROWS], "count": len(rows)}
            )
    if user.has_perm("assessment.decide_assessment"):
        flagged = (
            Assessment.objects.visible_to(user).filter(flagged=True, decision="", round__state=CLOSED,
                                                       round__region_id=user.org.region_id)
            .with_parts()
        )  # fmt: skip
        if flagged:
            parts.append(
                {
                    "title": _("连续两年考核不称职，待作出处理决定"),
                    "rows": list(flagged[:PANEL_ROWS]),
                }
            )
    if not parts:
        return None
    return "assessment/home_panel.html", {"parts": parts}
