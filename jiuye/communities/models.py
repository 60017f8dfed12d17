"""Full-employment and entrepreneurial communities (guideline 四, 十一–十三, 十八): the standards
and their criteria as data, each community's figures by month, recognition rounds, the
titles they give and the re-checks that keep or revoke them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.communities.choices import Comparison, StandardKind, Unit
from jiuye.communities.workflow import ApplicationWorkflow, TitleWorkflow
from jiuye.core.models import BaseModel, Evidence, ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.core.registry import registry
from jiuye.core.scoping import DownwardQuerySet, ScopedQuerySet


class Standard(ScopedModel):
    """A title and what it takes, as the province sets it for an edition (国家级充分就业示范社区
    2021, 省级充分就业社区三星 …). ``region`` is the province whose standard it is. ``rank`` orders
    the titles of a kind (a higher rank is a higher title); the target standard is the one a
    community must meet to count toward the share at the standard (guideline 四: 80 %)."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=20, choices=StandardKind.choices)
    unit = models.CharField(
        _("评定对象"), max_length=20, choices=Unit.choices, default=Unit.COMMUNITY
    )
    edition = models.PositiveSmallIntegerField(_("版本（年）"))
    rank = models.PositiveSmallIntegerField(_("等级"), default=1)
    valid_years = models.PositiveSmallIntegerField(_("命名有效期（年）"), default=2)
    is_target = models.BooleanField(_("计入达标率"), default=False)
    is_active = models.BooleanField(_("在用"), default=True)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    objects = DownwardQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "unit", "rank", "-edition"]
        verbose_name = _("认定标准")
        verbose_name_plural = _("认定标准")

    def __str__(self):
        return _("%(name)s（%(edition)s）") % {"name": self.name, "edition": self.edition}

    def get_absolute_url(self):
        return reverse("communities:standard", args=[self.pk])


class Criterion(BaseModel):
    """One condition of a standard: an indicator of the registry against a threshold, computed
    from the ledger; or an item of the platform the reviewers check with evidence (a marked
    service window, duties and process on the wall)."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("序号"), default=1)
    label = models.CharField(_("条件"), max_length=100)
    indicator = models.CharField(_("指标"), max_length=60, blank=True)
    comparison = models.CharField(
        _("比较"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    threshold = models.DecimalField(
        _("标准值"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    evidence = models.CharField(_("需提供的证明材料"), max_length=200, blank=True)

    class Meta:
        ordering = ["standard", "position", "id"]
        verbose_name = _("认定条件")
        verbose_name_plural = _("认定条件")

    def __str__(self):
        return self.label

    @property
    def is_computed(self) -> bool:
        return bool(self.indicator)

    def clean(self):
        if self.indicator:
            if self.indicator not in registry["indicators"]:
                raise ValidationError({"indicator": _("没有这个指标。")})
            if self.threshold is None:
                raise ValidationError({"threshold": _("按指标计算的条件须填写标准值。")})
        elif not self.evidence.strip():
            raise ValidationError({"evidence": _("不按指标计算的条件须写明需提供的证明材料。")})

    def met_by(self, value) -> bool:
        """Whether ``value`` of its indicator meets it. Nobody to count in a rate (no
        hard-to-employ person in the community) leaves nothing to fail."""
        if value is None:
            return registry["indicators"][self.indicator].ratio is not None
        if self.comparison == Comparison.AT_LEAST:
            return value >= self.threshold
        return value <= self.threshold


class CommunityMonthQuerySet(ScopedQuerySet):
    pass


class CommunityMonth(models.Model):
    """The figures of a community or village (or of a street or township, for the standards
    that measure them) at the end of a month, or on the day of the nightly run for the month
    under way, and the standards it met then. Computed, never edited: the ledger is the
    source."""

    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("月份"))
    values = models.JSONField(_("指标值"), default=dict)
    met = models.JSONField(_("达到的标准"), default=list)  # ids of the standards met
    at_target = models.BooleanField(_("达到充分就业标准"), default=False)
    computed_at = models.DateTimeField(_("计算时间"), default=timezone.now)

    objects = CommunityMonthQuerySet.as_manager()

    class Meta:
        ordering = ["region", "month"]
        constraints = [
            models.UniqueConstraint(fields=["month", "region"], name="communitymonth_one_per_month")
        ]
        verbose_name = _("社区月度指标")
        verbose_name_plural = _("社区月度指标")

    def __str__(self):
        return f"{self.region_id} {self.month:%Y-%m}"


class Round(ScopedModel):
    """A recognition round the province opens (every two years): communities apply for the
    titles of ``kind`` until ``closes_on``."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=20, choices=StandardKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    opens_on = models.DateField(_("开始申报"), default=timezone.localdate)
    closes_on = models.DateField(_("申报截止"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DownwardQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("评定批次")
        verbose_name_plural = _("评定批次")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:round", args=[self.pk])

    def is_open(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class ApplicationQuerySet(WorkflowQuerySet):
    def with_related(self):
        return self.select_related("region", "standard", "round")


class TitleQuerySet(WorkflowQuerySet):
    def with_related(self):
        return self.select_related("region", "standard", "application__round")


class Application(WorkflowModel):
    """A community's application for a title in a round: its self-assessment and evidence;
    the township and county review, the city recommends, the province decides. The figures
    are frozen when it is submitted."""

    workflow = ApplicationWorkflow()
    worklist_related = ("region", "standard")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="applications",
                                 verbose_name=_("申报称号"))  # fmt: skip
    self_assessment = models.TextField(_("自评情况"))
    submitted_on = models.DateField(_("提交日期"), null=True, blank=True)
    values = models.JSONField(_("提交时的指标值"), default=dict, blank=True)
    decided_on = models.DateField(_("认定日期"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "region", "standard"],
                                    name="application_one_per_round"),
        ]  # fmt: skip
        verbose_name = _("评定申报")
        verbose_name_plural = _("评定申报")

    def __str__(self):
        return _("%(region)s申报%(title)s") % {
            "region": self.region.name,
            "title": self.standard.name,
        }

    def get_absolute_url(self):
        return reverse("communities:application", args=[self.pk])


class ApplicationAttachment(Evidence):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(Evidence.Meta):
        verbose_name = _("申报证明材料")
        verbose_name_plural = _("申报证明材料")

    @property
    def folder(self) -> str:
        return f"community-{self.application_id}"


class Title(WorkflowModel):
    """A title a community holds (国家级充分就业示范社区, 省级三星 …), valid for the standard's
    years from the decision, unless a re-check revokes it."""

    workflow = TitleWorkflow()
    worklist_related = ("region", "standard")

    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="titles",
                                 verbose_name=_("称号"))  # fmt: skip
    application = models.OneToOneField(Application, on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="title")  # fmt: skip
    granted_on = models.DateField(_("命名日期"))
    valid_until = models.DateField(_("有效期至"))
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    revoke_reason = models.TextField(_("撤销原因"), blank=True)

    objects = TitleQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_on", "-id"]
        verbose_name = _("命名")
        verbose_name_plural = _("命名")

    def __str__(self):
        return f"{self.region.name} {self.standard.name}"

    def get_absolute_url(self):
        return reverse("communities:title", args=[self.pk])


class Recheck(ScopedModel):
    """A re-check campaign the province starts (guideline 十三): the titles of a kind in force,
    all or a sample, recomputed on ``on``; a title that fails is revoked with the reason."""

    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=20, choices=StandardKind.choices)
    on = models.DateField(_("复查日期"), default=timezone.localdate)
    sample_percent = models.PositiveSmallIntegerField(_("抽查比例（%）"), default=100)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = DownwardQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("复查")
        verbose_name_plural = _("复查")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:recheck", args=[self.pk])


class RecheckItem(models.Model):
    """One title's re-check: the figures recomputed and, when it failed, why."""

    recheck = models.ForeignKey(Recheck, on_delete=models.CASCADE, related_name="items")
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="rechecks")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    values = models.JSONField(_("复查时的指标值"), default=dict)
    passed = models.BooleanField(_("复查合格"))
    reasons = models.TextField(_("不合格原因"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region", "id"]
        constraints = [
            models.UniqueConstraint(fields=["recheck", "title"], name="recheckitem_once_per_title")
        ]
        verbose_name = _("复查结果")
        verbose_name_plural = _("复查结果")

    def __str__(self):
        return f"{self.title} {self.recheck}"
