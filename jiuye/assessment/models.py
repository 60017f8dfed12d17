"""The yearly assessment of grassroots staff by 德、勤、绩、效 (guideline 二十): a county's
round of a year (``Round``, with its weights and grade lines as data), one ``Assessment`` per
worker of the county's townships and villages, and the ``Score`` each level gives a worker on
德 and 效 (条块结合). 绩 and 勤 are prefilled from what the worker recorded (``prefill``)."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiuye.assessment.choices import Decision, Dimension, Grade, ScorerLevel
from jiuye.assessment.workflow import CLOSED, RoundWorkflow
from jiuye.core.models import BaseModel, ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.core.scoping import ScopedQuerySet
from jiuye.regions.codes import Level, level_of

POINTS = [MinValueValidator(0), MaxValueValidator(100)]
ONE_PLACE = Decimal("0.1")


def points(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(ONE_PLACE, ROUND_HALF_UP)


def weight(label):
    return models.PositiveSmallIntegerField(label, validators=[MaxValueValidator(100)])


class RoundQuerySet(WorkflowQuerySet):
    def with_counts(self):
        """Each round's workers and how many of them got each grade."""
        return self.select_related("org").annotate(
            workers=Count("assessments"),
            **{
                f"grade_{grade.value}": Count("assessments", filter=Q(assessments__grade=grade))
                for grade in Grade
            },
            flagged=Count("assessments", filter=Q(assessments__flagged=True)),
        )


class Round(WorkflowModel):
    """A county's assessment of its townships' and villages' staff for one year (考核). Its
    scheme is data kept on the round: the points of each side (德、勤、绩、效, adding up to
    100), the weight of each level's score on 德 and 效, the lowest total of each grade, the
    largest share of 优秀, and how many visits a year earn full 勤 for visits."""

    workflow = RoundWorkflow()
    worklist_related = ("org",)

    org = models.ForeignKey(
        "regions.ServiceOrg",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("组织考核机构"),
    )
    year = models.PositiveSmallIntegerField(_("考核年度"))
    title = models.CharField(_("名称"), max_length=100)
    weight_de = weight(_("德（分）"))
    weight_qin = weight(_("勤（分）"))
    weight_ji = weight(_("绩（分）"))
    weight_xiao = weight(_("效（分）"))
    weight_community = weight(_("社区（村）评分权重"))
    weight_township = weight(_("街道（乡镇）评分权重"))
    weight_county = weight(_("县级评分权重"))
    excellent_min = weight(_("优秀最低分"))
    competent_min = weight(_("称职最低分"))
    basic_min = weight(_("基本称职最低分"))
    excellent_share = weight(_("优秀比例上限（%）"))
    visits_expected = models.PositiveIntegerField(_("年度应走访次数"))
    visit_share = weight(_("勤中走访占比（%）"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("开启人"),
    )
    prefilled_at = models.DateTimeField(_("预填时间"), null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="assessment_round_once_a_year")
        ]
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:round", args=[self.pk])

    def clean(self):
        errors = {}
        if self.weight_de + self.weight_qin + self.weight_ji + self.weight_xiao != 100:
            errors["weight_de"] = _("德、勤、绩、效的分值合计应为100分。")
        if self.weight_community + self.weight_township + self.weight_county != 100:
            errors["weight_community"] = _("社区（村）、街道（乡镇）和县级的评分权重合计应为100。")
        if not self.excellent_min > self.competent_min > self.basic_min:
            errors["excellent_min"] = _("应为：优秀最低分 > 称职最低分 > 基本称职最低分。")
        if errors:
            raise ValidationError(errors)

    @property
    def dimension_weights(self) -> dict[str, int]:
        return {Dimension.DE: self.weight_de, Dimension.QIN: self.weight_qin,
                Dimension.JI: self.weight_ji, Dimension.XIAO: self.weight_xiao}  # fmt: skip

    @property
    def level_weights(self) -> dict[str, int]:
        return {ScorerLevel.COMMUNITY: self.weight_community,
                ScorerLevel.TOWNSHIP: self.weight_township, ScorerLevel.COUNTY: self.weight_county}  # fmt: skip

    def grade_of(self, total: Decimal | None) -> str:
        if total is None:
            return ""
        if total >= self.excellent_min:
            return Grade.EXCELLENT
        if total >= self.competent_min:
            return Grade.COMPETENT
        if total >= self.basic_min:
            return Grade.BASIC
        return Grade.INCOMPETENT


class AssessmentQuerySet(ScopedQuerySet):
    def with_parts(self):
        return self.select_related("worker", "org__region", "round").prefetch_related("scores")

    def incomplete(self):
        """Assessments that still lack one of the four sides."""
        return self.filter(
            Q(de__isnull=True) | Q(xiao__isnull=True)
            | Q(ji_auto__isnull=True, ji_adjusted__isnull=True)
            | Q(qin_auto__isnull=True, qin_adjusted__isnull=True)
        )  # fmt: skip


class Assessment(ScopedModel):
    """One worker's assessment in a round: the self-assessment, 绩 and 勤 as prefilled from
    the data with their sources (and a scorer's adjustment with its reason), 德 and 效 from the
    levels' scores, the total and the grade. It belongs to the region of the worker's office,
    so the worker, the township and the county read it. ``flagged``: 不称职 this year and the
    year before, for the county's ``decision``."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("年度考核")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("工作人员"),
    )
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+", verbose_name=_("所在机构")
    )
    position = models.CharField(_("岗位"), max_length=50, blank=True)
    self_text = models.TextField(_("个人自评"), blank=True)
    self_submitted_at = models.DateTimeField(_("自评提交时间"), null=True, blank=True)
    ji_auto = models.DecimalField(
        _("绩（预填）"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    # {"shares": [{"work", "target", "count", "rate"}]}
    ji_sources = models.JSONField(_("绩的来源"), default=dict, blank=True)
    ji_adjusted = models.DecimalField(
        _("绩（调整后）"), max_digits=4, decimal_places=1, null=True, blank=True, validators=POINTS
    )
    ji_reason = models.TextField(_("绩的调整理由"), blank=True)
    qin_auto = models.DecimalField(
        _("勤（预填）"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    qin_sources = models.JSONField(_("勤的来源"), default=dict, blank=True)
    qin_adjusted = models.DecimalField(
        _("勤（调整后）"), max_digits=4, decimal_places=1, null=True, blank=True, validators=POINTS
    )
    qin_reason = models.TextField(_("勤的调整理由"), blank=True)
    de = models.DecimalField(_("德"), max_digits=4, decimal_places=1, null=True, blank=True)
    xiao = models.DecimalField(_("效"), max_digits=4, decimal_places=1, null=True, blank=True)
    total = models.DecimalField(_("总分"), max_digits=4, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("等次"), max_length=20, choices=Grade.choices, blank=True)
    flagged = models.BooleanField(_("连续两年不称职"), default=False)
    decision = models.CharField(_("处理决定"), max_length=20, choices=Decision.choices, blank=True)
    decision_note = models.TextField(_("处理说明"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("决定人"),
    )  # fmt: skip
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["round_id", "region_id", "worker_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "worker"], name="assessment_once_per_round")
        ]
        verbose_name = _("工作人员年度考核")
        verbose_name_plural = _("工作人员年度考核")

    def __str__(self):
        return _("%(worker)s %(year)s年度考核") % {
            "worker": self.worker.name,
            "year": self.round.year,
        }

    def get_absolute_url(self):
        return reverse("assessment:detail", args=[self.pk])

    @property
    def ji(self) -> Decimal | None:
        return self.ji_adjusted if self.ji_adjusted is not None else self.ji_auto

    @property
    def qin(self) -> Decimal | None:
        return self.qin_adjusted if self.qin_adjusted is not None else self.qin_auto

    @property
    def levels(self) -> list[str]:
        """The levels that score this worker's 德 and 效: a village's worker by the
        community, the township and the county; a township's by the township and the county."""
        if level_of(self.region_id) == Level.VILLAGE:
            return [ScorerLevel.COMMUNITY, ScorerLevel.TOWNSHIP, ScorerLevel.COUNTY]
        return [ScorerLevel.TOWNSHIP, ScorerLevel.COUNTY]

    def side_of(self, scores, name: str) -> Decimal | None:
        """德 or 效 from the levels' ``scores`` (``{level: Score}``): their mean weighted by the
        round's weights of the levels that apply to the worker, once every level has scored."""
        weights = self.round.level_weights
        if any(level not in scores for level in self.levels):
            return None
        total_weight = sum(weights[level] for level in self.levels)
        if not total_weight:
            return None
        return points(
            sum(getattr(scores[level], name) * weights[level] for level in self.levels)
            / total_weight
        )

    def compute_total(self) -> Decimal | None:
        sides = {
            Dimension.DE: self.de,
            Dimension.QIN: self.qin,
            Dimension.JI: self.ji,
            Dimension.XIAO: self.xiao,
        }
        if any(value is None for value in sides.values()):
            return None
        weights = self.round.dimension_weights
        return points(sum(sides[name] * weights[name] for name in sides) / 100)


class ScoreQuerySet(ScopedQuerySet):
    region_field = "assessment__region_id"


class Score(BaseModel):
    """A level's score of a worker on 德 and 效 (0–100 each), with a note; entered again, it
    is changed (the change history keeps the earlier one)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("考核")
    )
    level = models.CharField(_("评分层级"), max_length=20, choices=ScorerLevel.choices)
    de = models.DecimalField(_("德"), max_digits=4, decimal_places=1, validators=POINTS)
    xiao = models.DecimalField(_("效"), max_digits=4, decimal_places=1, validators=POINTS)
    note = models.TextField(_("评语"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("评分人"),
    )

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["assessment_id", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "level"], name="assessment_score_once_per_level"
            )
        ]
        verbose_name = _("德效评分")
        verbose_name_plural = _("德效评分")

    def __str__(self):
        return f"{self.get_level_display()} {self.de}/{self.xiao}"


__all__ = ["CLOSED", "Assessment", "Round", "Score"]
