from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import ScopedModel, evidence_path
from jiuye.funds.choices import Category, Source

MONEY_FIELD = {"max_digits": 14, "decimal_places": 2}


class Recorded(ScopedModel):
    """A record of the funds with the worker who recorded it and the day."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("录入人"),
    )  # fmt: skip
    recorded_on = models.DateField(_("录入日期"), default=timezone.localdate)

    class Meta:
        abstract = True


class PlatformBudget(Recorded):
    """A grassroots platform's budget for one year (平台经费预算, guideline 十九): the budget of
    a street's or township's platform, or of a community's or village's where the county funds
    it. Its lines say how much of which category comes from which source; set by the county."""

    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["-year", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="platformbudget_one_per_year")
        ]
        verbose_name = _("平台经费预算")
        verbose_name_plural = _("平台经费预算")

    def __str__(self):
        return _("%(year)s年平台经费预算") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("funds:detail", args=[self.pk])


class BudgetLine(ScopedModel):
    """One line of a platform's budget: a category (工作经费、人员经费、项目经费), the source of
    the money (同级财政、政府购买服务、费随事转、以奖代补), what it is for and the amount."""

    budget = models.ForeignKey(
        PlatformBudget, on_delete=models.PROTECT, related_name="lines", verbose_name=_("预算")
    )
    category = models.CharField(_("经费类别"), max_length=20, choices=Category.choices)
    source = models.CharField(_("资金来源"), max_length=20, choices=Source.choices)
    title = models.CharField(
        _("预算项目"), max_length=100, help_text=_("如：窗口办公经费、协管员补贴")
    )
    amount = models.DecimalField(
        _("预算金额（元）"), **MONEY_FIELD, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["budget", "id"]
        verbose_name = _("预算项目")
        verbose_name_plural = _("预算项目")

    def __str__(self):
        return f"{self.get_category_display()}·{self.title}"

    def get_absolute_url(self):
        return self.budget.get_absolute_url()


class Spending(Recorded):
    """What was spent against a budget line (经费支出): the day, amount, purpose and voucher,
    with an optional scan of the voucher kept under ``MEDIA_ROOT`` and served only inside the
    jurisdiction. Spending beyond the line's balance is kept only with its reason."""

    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="spendings", verbose_name=_("预算项目")
    )
    spent_on = models.DateField(_("支出日期"))
    amount = models.DecimalField(
        _("支出金额（元）"), **MONEY_FIELD, validators=[MinValueValidator(Decimal("0.01"))]
    )
    purpose = models.CharField(_("用途"), max_length=200)
    voucher = models.CharField(_("凭证号"), max_length=50)
    file = models.FileField(_("凭证附件"), upload_to=evidence_path, blank=True)
    over_reason = models.CharField(
        _("超预算理由"), max_length=200, blank=True,
        help_text=_("支出超出该预算项目余额时必须填写"),
    )  # fmt: skip

    class Meta:
        ordering = ["-spent_on", "-id"]
        indexes = [models.Index(fields=["region", "spent_on"], name="spending_region_day")]
        verbose_name = _("经费支出")
        verbose_name_plural = _("经费支出")

    def __str__(self):
        return f"{self.spent_on:%Y-%m-%d} {self.purpose}"

    def get_absolute_url(self):
        return reverse("funds:detail", args=[self.line.budget_id])

    @property
    def folder(self) -> str:
        """Where its voucher's file is kept under the county (``core.models.evidence_path``)."""
        return f"funds-{self.line_id}"
