"""What issue 12 asks the yearly assessment to show: a county's round from its opening to the
grades, with a worker whose 绩 is prefilled from the services she recorded against her post's
target, and the flag of a worker assessed 不称职 two years running."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiuye.assessment import services
from jiuye.assessment.choices import Decision, Grade, ScorerLevel
from jiuye.assessment.models import Round
from jiuye.assistance.models import AssistanceService, Identification
from jiuye.assistance.services import service_record
from jiuye.conftest import SIBLING_COUNTY
from jiuye.core import workflow
from jiuye.regions.codes import Level, ancestor, prefix_of
from jiuye.staff.models import PositionTarget, User

pytestmark = pytest.mark.django_db


def township_scorer(assessment):
    """A reviewer of the worker's township other than the worker."""
    reviewers = User.objects.filter(
        org__region_id=ancestor(assessment.region_id, Level.TOWNSHIP),
        roles__code="reviewer",
    ).exclude(pk=assessment.worker_id)
    return reviewers.order_by("username").first()


def score_everyone(round_, approver, *, low):
    """Each township enters its own and its villages' community scores, the county its own;
    the worker ``low`` is scored low, and their 绩 and 勤 are set low with the reason."""
    for assessment in round_.assessments.select_related("worker", "round").order_by("pk"):
        points = (50, 45) if assessment.worker_id == low else (90, 88)
        scorer = township_scorer(assessment)
        for level in assessment.levels:
            actor = approver if level == ScorerLevel.COUNTY else scorer
            services.score_save(
                actor=actor, assessment=assessment, level=level, de=points[0], xiao=points[1]
            )
        if assessment.worker_id == low:
            for side in ("ji", "qin"):
                services.adjust(
                    actor=approver,
                    assessment=assessment,
                    dimension=side,
                    value=40,
                    reason="全年多次缺勤",
                )
        elif assessment.ji is None:
            services.adjust(
                actor=scorer, assessment=assessment, dimension="ji", value=85, reason="按述职评定"
            )


def test_a_county_round_from_opening_to_grades(sibling_approver, login):
    approver, year, today = sibling_approver, timezone.localdate().year, timezone.localdate()
    # 市中区 grades last year's round: one worker 不称职, not flagged (no round the year before)
    last = Round.objects.get(region_id=SIBLING_COUNTY, year=year - 1)
    failing = last.assessments.get(grade=Grade.INCOMPETENT).worker
    workflow.fire(last, "close", actor=approver)
    assert not last.assessments.filter(flagged=True).exists()

    # she: a coordinator whose post holds a share of the services target, with a person to serve
    served = (
        Identification.objects.within(prefix_of(SIBLING_COUNTY)).filter(state="identified")
        .exclude(region_id=failing.org.region_id).order_by("pk").first()
    )  # fmt: skip
    assert served is not None
    her = User.objects.get(org__region_id=served.region_id, roles__code="coordinator")
    share = PositionTarget.objects.get(
        position=her.position, target__year=year, work="assistance_services"
    )

    round_ = services.round_open(actor=approver, year=year)
    assert (
        round_.state == "open"
        and round_.assessments.count() == services.workers_of(SIBLING_COUNTY).count()
    )
    mine = round_.assessments.get(worker=her)
    recorded = AssistanceService.objects.filter(worker=her, on__year=year).count()
    source = next(s for s in mine.ji_sources["shares"] if s["work"] == "assistance_services")
    assert (source["count"], Decimal(source["target"])) == (recorded, share.value)

    # she records a home visit; she writes her self-assessment; scoring prefills again
    service_record(
        actor=her,
        identification=served,
        kind="home_visit",
        on=today,
        content="上门走访，了解求职意向",
    )
    services.self_assess(actor=her, assessment=mine, text="全年记录援助服务，完成岗位目标。")
    workflow.fire(round_, "score", actor=approver)
    mine.refresh_from_db()
    source = next(s for s in mine.ji_sources["shares"] if s["work"] == "assistance_services")
    assert source["count"] == recorded + 1
    assert source["rate"] == str(
        min(Decimal(100), Decimal(recorded + 1) * 100 / share.value).quantize(Decimal("0.1"))
    )
    rates = [Decimal(s["rate"]) for s in mine.ji_sources["shares"]]
    assert mine.ji_auto == (sum(rates) / len(rates)).quantize(Decimal("0.1"))
    assert (
        next(v for v in mine.qin_sources["visits"] if v["work"] == "assistance_visits")["count"]
        >= 1
    )
    page = login(approver).get(f"/assessment/{mine.pk}/").content.decode()
    assert "记录援助服务" in page and str(share.value) in page

    with pytest.raises(ValidationError, match="评分不全"):
        workflow.fire(round_, "grade", actor=approver)
    score_everyone(round_, approver, low=failing.pk)
    workflow.fire(round_, "grade", actor=approver)
    mine.refresh_from_db()
    mine.round = round_
    assert mine.total == mine.compute_total() and mine.grade == round_.grade_of(mine.total)
    down = round_.assessments.get(worker=failing)
    assert down.grade == Grade.INCOMPETENT and not down.flagged

    workflow.fire(round_, "close", actor=approver)
    down.refresh_from_db()
    assert down.flagged and list(round_.assessments.filter(flagged=True)) == [down]
    services.decide(
        actor=approver, assessment=down, decision=Decision.ADJUST, note="建议调整至其他岗位"
    )
    down.refresh_from_db()
    assert (down.decision, down.decided_by) == (Decision.ADJUST, approver)
    history = login(approver).get(f"/assessment/worker/{failing.pk}/").content.decode()
    assert history.count("不称职") >= 2 and "向有关部门提出调整建议" in history
