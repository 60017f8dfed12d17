"""Demo data of the yearly assessment, in the first two counties of the scale (历下区 and
市中区), through the real services and transitions: 历下区 closed its rounds of the year before
last and of last year — its last village's coordinator graded 不称职 both years, so flagged for
the county's decision — and is scoring this year's (a part of the self-assessments and scores
entered); 市中区 is grading last year's round, one worker 不称职, and has not opened this
year's. Where a post had no targets in the system (past years; this year, an office that records
none of the work its targets count), its 绩 was set by the township with that reason."""

import datetime
from decimal import Decimal

from django.utils import timezone

from jiuye.assessment import services
from jiuye.assessment.choices import ScorerLevel
from jiuye.assessment.models import Assessment, Round, Score
from jiuye.core import history, workflow
from jiuye.core.scoping import subtree_q
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region
from jiuye.staff.models import User

SELF = ("本年度认真履行岗位职责，按时完成台账更新和就业援助任务，定期走访辖区就业困难人员，"
        "参加业务培训，遵守服务规范，无群众投诉。")  # fmt: skip
NO_TARGETS = "岗位无在系统中分解的年度目标，按年终述职和台账核定"
FAILING = "多次未按时更新台账，走访记录缺失，群众投诉两次"


def seed(context) -> None:
    if Round.objects.exists():
        return
    year = timezone.localdate().year
    counties = _counties(context)
    if not counties:
        return
    first = counties[0]
    _round(context, first, year - 2, "closed")
    _round(context, first, year - 1, "closed")
    _round(context, first, year, "scoring", part=True)
    if len(counties) > 1:
        _round(context, counties[1], year - 1, "grading")
    context.log(
        f"  {Round.objects.count()} assessment rounds, {Assessment.objects.count()} assessments"
    )


def _counties(context) -> list[Region]:
    """The first county of each of the scale's regions, and the second of the first region
    when there is only one (small and large)."""
    found = []
    for prefix in context.scale.prefixes:
        counties = (
            Region.objects.filter(level=Level.COUNTY)
            .filter(subtree_q("code", prefix))
            .order_by("code")
        )
        found += list(counties[: 2 if len(context.scale.prefixes) == 1 else 1])
    return found


def _round(context, county: Region, year: int, state: str, *, part: bool = False) -> Round:
    approver = User.objects.get(username=f"approver-{prefix_of(county.code, Level.COUNTY)}")
    round_ = services.round_open(actor=approver, year=year)
    assessments = list(round_.assessments.select_related("worker").order_by("region_id", "pk"))
    coordinators = [a for a in assessments if a.worker.username.startswith("coordinator-")]
    failing = coordinators[-1].pk if coordinators and not part else None
    now = timezone.now()
    for assessment in assessments:  # each written by the worker, as the page would
        rng = context.rng("assessment", year, assessment.worker.username)
        if not part or rng.random() < 0.6:
            text = SELF if assessment.pk != failing else "本年度工作有不足，今后改进。"
            history.change(assessment, actor=assessment.worker, self_text=text,
                           self_submitted_at=now - datetime.timedelta(days=rng.randint(20, 40)))  # fmt: skip
    if state == "open":
        return round_
    workflow.fire(round_, "score", actor=approver)
    assessments = list(round_.assessments.select_related("worker").order_by("region_id", "pk"))
    scores = []
    for assessment in assessments:
        assessment.round = round_
        rng = context.rng("assessment-scores", year, assessment.worker.username)
        if part and rng.random() < 0.5:
            continue
        low = assessment.pk == failing
        given = {}
        for level in assessment.levels:
            de = Decimal(rng.randint(50, 58) if low else rng.randint(78, 98))
            xiao = Decimal(rng.randint(45, 56) if low else rng.randint(72, 97))
            given[level] = Score(assessment=assessment, level=level, de=de, xiao=xiao, scored_by=approver,
                                 note="不称职" if low and level == ScorerLevel.COUNTY else "")  # fmt: skip
        scores += given.values()
        assessment.de, assessment.xiao = (
            assessment.side_of(given, "de"),
            assessment.side_of(given, "xiao"),
        )
        if low:
            assessment.ji_adjusted, assessment.ji_reason = Decimal(42), FAILING
            assessment.qin_adjusted, assessment.qin_reason = Decimal(48), FAILING
        elif assessment.ji_auto is None:
            assessment.ji_adjusted, assessment.ji_reason = Decimal(rng.randint(72, 96)), NO_TARGETS
        if assessment.qin_auto is not None and assessment.qin_auto < 60 and not low:
            assessment.qin_adjusted = Decimal(rng.randint(75, 92))
            assessment.qin_reason = "出勤正常，走访多以电话和窗口服务方式进行"
    Score.objects.bulk_create(scores, batch_size=2000)
    Assessment.objects.bulk_update(
        assessments,
        ["de", "xiao", "ji_adjusted", "ji_reason", "qin_adjusted", "qin_reason"],
        batch_size=500,
    )
    if state == "scoring":
        return round_
    workflow.fire(round_, "grade", actor=approver)
    if state == "closed":
        workflow.fire(round_, "close", actor=approver)
    return round_
