"""The assessment of offices (绩效考核, guideline 二十二) and their commendation (二十四).

A ``Scheme`` is data: the province administrator enters the scheme of a year for the offices
of streets and townships, or of communities and villages; a county may keep its own, which
its offices are then assessed by. Its ``Item``s each name a registered indicator
(``core.indicators``), its weight in points, and how the figure earns them. Scores are not
stored: they are computed from the indicators whenever asked (``scoring``), so they follow
the ledger; what is paid on them is on the subsidy ledger (``reward``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import BaseModel, ScopedModel
from jiuye.core.registry import registry
from jiuye.core.scoping import ScopedQuerySet, jurisdiction_prefix, subtree_q
from jiuye.performance.choices import Honoree, Method, OfficeLevel
from jiuye.regions.codes import Level, ancestors, code_of_prefix, level_of


class SchemeQuerySet(ScopedQuerySet):
    def applying_to(self, prefix: str):
        """The schemes that may apply to offices under ``prefix``: the province's and those of
        the counties above, at or under it (a county's own overrides the province's)."""
        if prefix == "":
            return self.all()
        return self.filter(
            Q(region_id__in=ancestors(code_of_prefix(prefix))) | subtree_q("region_id", prefix)
        )

    def readable_by(self, user):
        """The schemes of the user's jurisdiction and those of the regions above it, which
        apply to its offices (the province's): policy, read like the policy parameters."""
        prefix = jurisdiction_prefix(user)
        return self.none() if prefix is None else self.applying_to(prefix)


class Scheme(ScopedModel):
    """The indicators, weights and targets of a year's assessment of one level of offices."""

    name = models.CharField(_("方案名称"), max_length=100)
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    level = models.PositiveSmallIntegerField(_("考核对象"), choices=OfficeLevel.choices)
    note = models.TextField(_("说明"), blank=True)

    objects = SchemeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "level", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "level"], name="scheme_one_per_region_year_level")
        ]  # fmt: skip
        verbose_name = _("绩效考核方案")
        verbose_name_plural = _("绩效考核方案")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("performance:scheme", args=[self.pk])

    def clean(self):
        if self.region_id and level_of(self.region_id) not in (Level.PROVINCE, Level.COUNTY):
            raise ValidationError({"region": _("考核方案由省级制定，或由县级制定本县的方案。")})

    @property
    def total_weight(self) -> Decimal:
        return sum((item.weight for item in self.items.all()), Decimal("0"))


class ItemQuerySet(ScopedQuerySet):
    region_field = "scheme__region_id"


class Item(BaseModel):
    """One indicator of a scheme: its weight (points), and how its figure earns them."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="items")
    indicator = models.CharField(_("指标"), max_length=60)
    per = models.CharField(
        _("除以指标"), max_length=60, blank=True,
        help_text=_("按人均等计算时的分母，如“在岗协管员”；不填为指标本身"),
    )  # fmt: skip
    weight = models.DecimalField(
        _("分值"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    method = models.CharField(_("计分方法"), max_length=10, choices=Method.choices)
    target = models.DecimalField(
        _("目标值"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("达到目标值得满分；“每个扣分”时为每个扣的分数；按同级最高值计分时不填"),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["scheme", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "indicator", "per"], name="item_once_per_scheme")
        ]  # fmt: skip
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")

    def __str__(self):
        return f"{self.label} {self.weight}"

    def get_absolute_url(self):
        return self.scheme.get_absolute_url()

    def clean(self):
        indicators = registry["indicators"]
        errors = {}
        if self.indicator not in indicators:
            errors["indicator"] = _("“%(code)s”不是已登记的指标。") % {"code": self.indicator}
        if self.per and self.per not in indicators:
            errors["per"] = _("“%(code)s”不是已登记的指标。") % {"code": self.per}
        if self.method == Method.BEST and self.target is not None:
            errors["target"] = _("按同级最高值计分时不填目标值。")
        if self.method in (Method.TARGET, Method.DEDUCT) and self.target is None:
            errors["target"] = _("请填写目标值。")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        indicators = registry["indicators"]
        found = indicators.get(self.indicator)
        label = str(found.label) if found else self.indicator
        if self.per:
            per = indicators.get(self.per)
            label += str(_("（每%(per)s）") % {"per": per.label if per else self.per})
        return label


class Commendation(ScopedModel):
    """A commendation (表彰) of an office or of a worker for a period, kept on record: whom,
    why, and who commended. Its region is the office's (the worker's office's)."""

    honoree = models.CharField(_("表彰对象"), max_length=10, choices=Honoree.choices)
    office = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="commendations",
        verbose_name=_("服务机构"),
    )  # fmt: skip
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commendations",
        verbose_name=_("工作人员"), null=True, blank=True,
    )  # fmt: skip
    period = models.CharField(_("考核期间"), max_length=7)
    reason = models.TextField(_("表彰事由"))
    commended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("表彰人"),
    )  # fmt: skip
    commended_on = models.DateField(_("表彰日期"), default=timezone.localdate)

    class Meta:
        ordering = ["-commended_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "period"], condition=Q(honoree="office"),
                name="commendation_office_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["worker", "period"], condition=Q(honoree="worker"),
                name="commendation_worker_once_per_period",
            ),
            models.CheckConstraint(
                condition=Q(honoree="office", worker__isnull=True) | Q(honoree="worker", worker__isnull=False),
                name="commendation_worker_if_worker",
            ),
        ]  # fmt: skip
        verbose_name = _("表彰")
        verbose_name_plural = _("表彰")

    def __str__(self):
        whom = self.worker if self.worker_id else self.office
        return f"{whom} {self.period}"

    def get_absolute_url(self):
        return reverse("performance:office", args=[self.region_id])
