"""Writes of the yearly assessment: a county opens a round for a year, the workers submit
their self-assessments, the levels score 德 and 效 and may adjust the prefilled 绩 and 勤
with a reason, the round is graded and closed, and the county decides on a worker assessed
不称职 two years running. The round's steps are its workflow (``workflow.RoundWorkflow``)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assessment import prefill
from jiuye.assessment.choices import Decision, Dimension, Grade, ScorerLevel
from jiuye.assessment.models import Assessment, Round, Score
from jiuye.assessment.workflow import CLOSED, OPEN, SCORING
from jiuye.core import history, parameters, workflow
from jiuye.core.services import check_scope, require
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, ancestor, level_of, prefix_of
from jiuye.staff.models import User

# The scheme of a county's first round (the seed's example, after common practice: 德 20, 勤
# 25, 绩 40, 效 15; 优秀 ≥ 90 and at most 15 %, 称职 ≥ 70, 基本称职 ≥ 60, else 不称职). A
# county's later rounds start from its previous round's scheme.
SCHEME = {
    "weight_de": 20, "weight_qin": 25, "weight_ji": 40, "weight_xiao": 15,
    "weight_community": 30, "weight_township": 30, "weight_county": 40,
    "excellent_min": 90, "competent_min": 70, "basic_min": 60, "excellent_share": 15,
    "visit_share": 60,
}  # fmt: skip
ASSESSED_KINDS = (OrgKind.TOWNSHIP_CENTRE, OrgKind.VILLAGE_STATION)
PREFILLED = ["ji_auto", "ji_sources", "qin_auto", "qin_sources"]


def scheme_for(org, year: int) -> dict:
    """The scheme a new round of ``org`` starts from: its latest earlier round's, else ``SCHEME``
    with the expected visits of the parameter."""
    last = Round.objects.filter(org=org, year__lt=year).order_by("-year").first()
    if last is not None:
        return {name: getattr(last, name) for name in [*SCHEME, "visits_expected"]}
    return {
        **SCHEME,
        "visits_expected": parameters.value("assessment.expected_visits", org.region_id),
    }


def workers_of(county_code: str):
    """The staff a county's round assesses: the active accounts of the active township and
    village offices of the county."""
    return (
        User.objects.within(prefix_of(county_code))
        .filter(
            is_active=True, is_superuser=False, org__is_active=True, org__kind__in=ASSESSED_KINDS
        )
        .select_related("org", "position")
        .order_by("org__region_id", "pk")
    )


def runs_round(actor, round_: Round) -> bool:
    """Whether ``actor`` is of the county office that runs the round (or a superuser)."""
    return actor.is_superuser or (
        actor.org_id is not None and actor.org.region_id == round_.region_id
    )


@transaction.atomic
def round_open(*, actor, year: int, title: str = "", **scheme) -> Round:
    """Open the county's round of ``year`` for all the staff of its townships and villages,
    with the scheme given (else the county's last one), and prefill their 绩 and 勤."""
    require(actor, "assessment.add_round")
    org = actor.org
    if org is None or org.kind != OrgKind.COUNTY_AGENCY:
        raise PermissionDenied(_("年度考核由县级公共就业服务机构组织。"))
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise ValidationError({"year": _("考核年度应不晚于今年。")})
    if Round.objects.filter(org=org, year=year).exists():
        raise ValidationError({"year": _("本县该年度的考核已经开启。")})
    values = {**scheme_for(org, year), **{k: v for k, v in scheme.items() if v is not None}}
    round_ = Round(
        region_id=org.region_id, org=org, year=year, opened_by=actor,
        title=title.strip() or _("%(year)s年度基层工作人员考核") % {"year": year}, **values,
    )  # fmt: skip
    try:
        with transaction.atomic():
            workflow.start(round_, actor=actor)
    except IntegrityError:
        raise ValidationError({"year": _("本县该年度的考核已经开启。")}) from None
    history.bulk_create(
        [
            Assessment(round=round_, worker=worker, org=worker.org, region_id=worker.org.region_id,
                       position=worker.position.title if worker.position_id else "")
            for worker in workers_of(org.region_id)
        ],
        actor=actor,
    )  # fmt: skip
    round_prefill(round_=round_, actor=actor, by_workflow=True)
    return round_


@transaction.atomic
def round_prefill(*, actor, round_: Round, by_workflow: bool = False) -> int:
    """Prefill 绩 and 勤 of every worker of the round from the data of the year so far (an
    adjustment a scorer made stays). Returns how many workers."""
    if not by_workflow:
        require(actor, "assessment.change_round")
        check_scope(Round.objects.editable_by(actor), round_)
        if not runs_round(actor, round_):
            raise PermissionDenied(_("只有组织考核的县级机构可以重新预填。"))
        if round_.state not in (OPEN, SCORING):
            raise ValidationError(_("评分结束后不再预填。"))
    assessments = list(
        round_.assessments.select_for_update().select_related("worker").order_by("pk")
    )
    found = prefill.compute(round_, assessments)
    for assessment in assessments:
        for name, value in found[assessment.pk].items():
            setattr(assessment, name, value)
    history.bulk_update(assessments, PREFILLED, actor=actor)
    history.change(round_, actor=actor, prefilled_at=timezone.now())
    return len(assessments)


@transaction.atomic
def self_assess(*, actor, assessment: Assessment, text: str) -> Assessment:
    """The worker's own account of the year (个人自评), while the round is open or scoring."""
    require(actor, "assessment.submit_assessment")
    if actor.pk != assessment.worker_id:
        raise PermissionDenied(_("个人自评只能由本人提交。"))
    if assessment.round.state not in (OPEN, SCORING):
        raise ValidationError(_("考核已进入评定等次，不能再修改自评。"))
    if not text.strip():
        raise ValidationError({"text": _("请填写个人自评。")})
    return history.change(
        assessment, actor=actor, self_text=text.strip(), self_submitted_at=timezone.now()
    )


def scorer_levels(actor, assessment: Assessment) -> list[str]:
    """The levels whose score of 德 and 效 ``actor`` enters for the worker (条块结合): the
    county that runs the round its own; the township its own and, for a village's worker,
    the community's (a village has one coordinator, so the township enters it); a village's
    worker the community's for another worker of the village. Nobody scores themselves."""
    if not actor.has_perm("assessment.score_assessment") or actor.pk == assessment.worker_id:
        return []
    if actor.is_superuser:
        return list(assessment.levels)
    if actor.org_id is None:
        return []
    office, worker_office = actor.org.region_id, assessment.region_id
    village = level_of(worker_office) == Level.VILLAGE
    if office == assessment.round.region_id:
        return [ScorerLevel.COUNTY]
    if level_of(office) == Level.TOWNSHIP and office == ancestor(worker_office, Level.TOWNSHIP):
        return [ScorerLevel.COMMUNITY, ScorerLevel.TOWNSHIP] if village else [ScorerLevel.TOWNSHIP]
    if village and office == worker_office:
        return [ScorerLevel.COMMUNITY]
    return []


def _check_scoring(actor, assessment: Assessment) -> list[str]:
    require(actor, "assessment.score_assessment")
    check_scope(Assessment.objects.editable_by(actor), assessment)
    if assessment.round.state != SCORING:
        raise ValidationError(_("只有在评分环节才能评分。"))
    levels = scorer_levels(actor, assessment)
    if not levels:
        raise PermissionDenied(_("您不是该工作人员的评分人。"))
    return levels


def _points(value, field: str) -> Decimal:
    if value is None or not 0 <= value <= 100:
        raise ValidationError({field: _("分数应在0到100之间。")})
    return Decimal(value)


@transaction.atomic
def score_save(*, actor, assessment: Assessment, level: str, de, xiao, note: str = "") -> Score:
    """A level's score of the worker on 德 and 效; entered again, it replaces the level's
    earlier score (kept in its history). 德 and 效 of the assessment follow."""
    Round.objects.select_for_update().filter(pk=assessment.round_id).first()  # no grading meanwhile
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("round", "worker")
        .get(pk=assessment.pk)
    )
    levels = _check_scoring(actor, assessment)
    if level not in levels:
        raise ValidationError({"level": _("您不能代表该层级评分。")})
    de, xiao = _points(de, "de"), _points(xiao, "xiao")
    score = Score.objects.filter(assessment=assessment, level=level).first()
    if score is None:
        score = Score(
            assessment=assessment, level=level, de=de, xiao=xiao, note=note.strip(), scored_by=actor
        )
        score._history_user = actor
        score.save()
    else:
        history.change(score, actor=actor, de=de, xiao=xiao, note=note.strip(), scored_by=actor)
    scores = {each.level: each for each in Score.objects.filter(assessment=assessment)}
    history.change(assessment, actor=actor, de=assessment.side_of(scores, "de"),
                   xiao=assessment.side_of(scores, "xiao"))  # fmt: skip
    return score


@transaction.atomic
def adjust(
    *, actor, assessment: Assessment, dimension: str, value=None, reason: str = ""
) -> Assessment:
    """A scorer of the township or the county sets 绩 or 勤 otherwise than prefilled, with the
    reason (kept on the assessment and in its history); no value goes back to the prefilled."""
    levels = _check_scoring(actor, assessment)
    if not {ScorerLevel.TOWNSHIP, ScorerLevel.COUNTY} & set(levels):
        raise PermissionDenied(_("预填分数由街道（乡镇）或县级评分人调整。"))
    if dimension not in (Dimension.JI, Dimension.QIN):
        raise ValidationError({"dimension": _("只能调整预填的绩和勤。")})
    if value is not None:
        value = _points(value, "value")
        if not reason.strip():
            raise ValidationError({"reason": _("调整预填分数须写明理由。")})
    return history.change(assessment, actor=actor, **{f"{dimension}_adjusted": value,
                                                       f"{dimension}_reason": reason.strip()})  # fmt: skip


def round_grade(*, actor, round_: Round) -> None:
    """Every worker's total and grade by the round's scheme (the step 评定等次)."""
    assessments = list(round_.assessments.order_by("pk"))
    for assessment in assessments:
        assessment.round = round_
        assessment.total = assessment.compute_total()
        assessment.grade = round_.grade_of(assessment.total)
    history.bulk_update(assessments, ["total", "grade"], actor=actor)


def round_flag(*, actor, round_: Round) -> None:
    """At the close: the workers assessed 不称职 this year who were 不称职 in a closed round of
    the year before too are flagged for the county's decision (guideline 二十)."""
    failing = {a.worker_id: a for a in round_.assessments.filter(grade=Grade.INCOMPETENT)}
    before = set(
        Assessment.objects.filter(
            worker_id__in=list(failing), grade=Grade.INCOMPETENT, round__year=round_.year - 1,
            round__state=CLOSED,
        ).values_list("worker_id", flat=True)
    )  # fmt: skip
    flagged = [failing[worker] for worker in sorted(before)]
    for assessment in flagged:
        assessment.flagged = True
    history.bulk_update(flagged, ["flagged"], actor=actor)


@transaction.atomic
def decide(*, actor, assessment: Assessment, decision: str, note: str = "") -> Assessment:
    """The county's decision on a worker flagged 不称职 two years running: dismissal (辞退) or
    a proposal of adjustment to the department concerned (调整建议), with its note."""
    require(actor, "assessment.decide_assessment")
    check_scope(Assessment.objects.editable_by(actor), assessment)
    if not runs_round(actor, assessment.round):
        raise PermissionDenied(_("处理决定由组织考核的县级机构作出。"))
    if not assessment.flagged:
        raise ValidationError(_("只有连续两年考核不称职的工作人员才需作出处理决定。"))
    if decision not in Decision.values:
        raise ValidationError({"decision": _("请选择处理决定。")})
    if not note.strip():
        raise ValidationError({"note": _("请写明处理说明。")})
    return history.change(assessment, actor=actor, decision=decision, decision_note=note.strip(),
                          decided_by=actor, decided_on=timezone.localdate())  # fmt: skip


def excellent_over(round_: Round, counts: dict) -> bool:
    """Whether more workers are graded 优秀 than the round's share allows (``counts``: grade →
    number of workers)."""
    graded = sum(counts.values())
    return bool(graded) and counts.get(Grade.EXCELLENT, 0) * 100 > round_.excellent_share * graded
