from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.core.scoping import ScopedQuerySet
from jiuye.subsidies import kinds
from jiuye.subsidies.workflow import ClaimWorkflow


class Claim(WorkflowModel):
    """A claim of one office for one kind of subsidy and one month (补贴申报), approved by the
    HR department and then the finance department of the level the kind names (the county's,
    or the township's). Its region is the office's."""

    workflow = ClaimWorkflow()
    worklist_related = ("org",)

    kind = models.CharField(_("补贴类别"), max_length=40)
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("申报机构"),
    )  # fmt: skip
    month = models.DateField(_("所属月份"), help_text=_("该月第一天"))
    total = models.DecimalField(_("申报金额（元）"), max_digits=12, decimal_places=2, default=0)
    count = models.PositiveIntegerField(_("人数"), default=0)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("经办人"),
    )  # fmt: skip

    objects = WorkflowQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "kind", "month"],
                condition=~Q(state="rejected"),
                name="claim_one_per_org_kind_month",
            )
        ]
        verbose_name = _("补贴申报")
        verbose_name_plural = _("补贴申报")

    def __str__(self):
        return _("%(org)s %(month)s %(kind)s申报") % {
            "org": self.org, "month": f"{self.month:%Y-%m}", "kind": self.kind_label,
        }  # fmt: skip

    def get_absolute_url(self):
        return reverse("subsidies:claim", args=[self.pk])

    @property
    def kind_label(self):
        kind = kinds.KINDS.get(self.kind)
        return kind.label if kind else self.kind


class ClaimLine(models.Model):
    """One person's subsidy in a claim, or one office's reward (a kind paid to offices, such as
    以奖代补): the amount and the words that explain it. Lines of a refused claim are void; of
    the others, one person or one office has at most one per kind and period."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("补贴类别"), max_length=40)
    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="subsidy_lines",
        verbose_name=_("人员"), null=True, blank=True,
    )  # fmt: skip
    office = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="subsidy_lines",
        verbose_name=_("受奖机构"), null=True, blank=True,
    )  # fmt: skip
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("补贴期间"), max_length=7)
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    explanation = models.TextField(_("计算依据"))
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    void = models.BooleanField(_("已作废"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "person", "period"],
                condition=Q(void=False),
                name="claimline_once_per_person_kind_period",
            ),
            models.UniqueConstraint(
                fields=["kind", "office", "period"],
                condition=Q(void=False, office__isnull=False),
                name="claimline_once_per_office_kind_period",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, office__isnull=True)
                | Q(person__isnull=True, office__isnull=False),
                name="claimline_person_or_office",
            ),
        ]
        verbose_name = _("补贴明细")
        verbose_name_plural = _("补贴明细")

    def __str__(self):
        return f"{self.person_id or self.office_id} {self.kind} {self.period} {self.amount}"

    @property
    def beneficiary(self):
        """Whom the line pays: the person, or the office for a reward."""
        return self.person if self.person_id else self.office


class BudgetQuerySet(ScopedQuerySet):
    def kept_by(self, user):
        """The budgets of the user's own office's region: what its finance department keeps
        (a county's finance does not change a township's budget, though it reads it)."""
        if user.is_superuser:
            return self.all()
        if user.org_id is None:
            return self.none()
        return self.editable_by(user).filter(region_id=user.org.region_id)


class Budget(ScopedModel):
    """The funds for one kind of subsidy in one year (补贴资金预算) of the region that pays the
    kind (``SubsidyKind.level``: a county, or a township for its own kinds), kept by its
    finance department. Approved claims of the region's offices spend it; a claim that would
    go beyond it is approved only by an explicit override of finance, with the reason."""

    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("补贴类别"), max_length=40)
    amount = models.DecimalField(
        _("预算金额（元）"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("资金来源及说明"), max_length=200, blank=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "region_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "kind"], name="budget_one_per_county_year_kind")
        ]  # fmt: skip
        verbose_name = _("补贴预算")
        verbose_name_plural = _("补贴预算")

    def __str__(self):
        return _("%(year)s年%(kind)s预算") % {"year": self.year, "kind": self.kind_label}

    def get_absolute_url(self):
        return reverse("subsidies:budget-edit", args=[self.pk])

    @property
    def kind_label(self):
        kind = kinds.KINDS.get(self.kind)
        return kind.label if kind else self.kind
