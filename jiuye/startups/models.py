import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.core.scoping import ScopedQuerySet
from jiuye.startups.choices import EntrepreneurState, GuaranteeKind, ServiceKind
from jiuye.startups.workflow import OPEN_LOAN_STATES, LoanWorkflow

MONEY = {"max_digits": 12, "decimal_places": 2}


class EntrepreneurQuerySet(ScopedQuerySet):
    def with_person(self):
        return self.select_related("person", "region")


class Entrepreneur(ScopedModel):
    """A resident who wants to start a business (创业意愿登记), and the "1+3" services the
    office gives them (``services``)."""

    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("人员")
    )
    trade = models.CharField(_("创业项目（行业）"), max_length=100)
    idea = models.TextField(_("创业意向说明"), blank=True)
    registered_on = models.DateField(_("登记日期"), default=timezone.localdate)
    state = models.CharField(
        _("状态"), max_length=20, choices=EntrepreneurState.choices,
        default=EntrepreneurState.INTENDING,
    )  # fmt: skip
    started_on = models.DateField(_("开业日期"), null=True, blank=True)
    jobs_created = models.PositiveSmallIntegerField(
        _("带动就业人数"), default=0, help_text=_("开业后吸纳就业的人数（不含本人）")
    )
    note = models.TextField(_("备注"), blank=True)

    objects = EntrepreneurQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-id"]
        indexes = [models.Index(fields=["region", "state"], name="entrepreneur_region_state")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(state="gave_up"),
                name="entrepreneur_one_per_person",
            )
        ]
        verbose_name = _("创业意愿登记")
        verbose_name_plural = _("创业意愿登记")

    def __str__(self):
        return _("%(name)s的创业意愿登记") % {"name": self.person.name}

    def clean(self):
        if self.state == EntrepreneurState.STARTED and self.started_on is None:
            raise ValidationError({"started_on": _("已开业的须填写开业日期。")})
        if self.started_on and self.started_on > timezone.localdate():
            raise ValidationError({"started_on": _("开业日期不能晚于今天。")})

    def get_absolute_url(self):
        return reverse("startups:entrepreneur", args=[self.pk])


class StartupService(ScopedModel):
    """One service given to a would-be entrepreneur: a project recommended, premises found,
    a loan helped (the "1+3"), opening guidance or a follow-up."""

    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.PROTECT, related_name="services",
        verbose_name=_("创业人员"),
    )  # fmt: skip
    kind = models.CharField(_("服务内容"), max_length=20, choices=ServiceKind.choices)
    on = models.DateField(_("服务日期"), default=timezone.localdate)
    details = models.TextField(_("具体情况"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("经办人"),
    )  # fmt: skip

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("创业服务记录")
        verbose_name_plural = _("创业服务记录")

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("startups:entrepreneur", args=[self.entrepreneur_id])


class LoanQuerySet(WorkflowQuerySet):
    def with_parties(self):
        return self.select_related("person", "region", "org")

    def lent(self):
        return self.filter(state__in=("disbursed", "repaying", "repaid"))

    def overdue_loans(self, today: datetime.date | None = None):
        """Loans with an instalment past its due date and not fully paid."""
        today = today or timezone.localdate()
        return self.filter(
            state__in=("disbursed", "repaying"),
            pk__in=Instalment.objects.overdue(today).values("loan_id"),
        )

    def with_overdue(self, today: datetime.date | None = None):
        """Annotate ``overdue_amount`` and ``overdue_since`` (the oldest unpaid due date)."""
        today = today or timezone.localdate()
        unpaid = Instalment.objects.overdue(today).filter(loan=models.OuterRef("pk"))
        owed = (
            unpaid.values("loan")
            .annotate(total=models.Sum(F("principal") + F("interest") - F("paid_amount")))
            .values("total")
        )
        oldest = unpaid.order_by("due_on").values("due_on")[:1]
        return self.annotate(
            overdue_amount=models.Subquery(owed, output_field=models.DecimalField(**MONEY)),
            overdue_since=models.Subquery(oldest, output_field=models.DateField()),
        )


class Loan(WorkflowModel):
    """A small guaranteed loan (小额担保贷款) of a resident, applied for by the community office
    (``org``, which also claims the interest subsidy). Its region is the borrower's."""

    workflow = LoanWorkflow()
    worklist_related = ("person",)

    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("借款人")
    )
    entrepreneur = models.ForeignKey(
        Entrepreneur, on_delete=models.PROTECT, null=True, blank=True, related_name="loans",
        verbose_name=_("创业意愿登记"),
    )  # fmt: skip
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("受理机构"),
    )  # fmt: skip
    applied_on = models.DateField(_("申请日期"), default=timezone.localdate)
    partners = models.PositiveSmallIntegerField(
        _("经营人数"), default=1, validators=[MinValueValidator(1)],
        help_text=_("个人经营填1；合伙经营填合伙人数"),
    )  # fmt: skip
    amount = models.DecimalField(_("贷款金额（元）"), validators=[MinValueValidator(1)], **MONEY)
    term_months = models.PositiveSmallIntegerField(
        _("贷款期限（月）"), validators=[MinValueValidator(1)]
    )
    project = models.CharField(_("创业项目"), max_length=100)
    micro_profit = models.BooleanField(_("微利项目"), default=False)
    guarantee_kind = models.CharField(
        _("担保方式"), max_length=20, choices=GuaranteeKind.choices, default=GuaranteeKind.AGENCY
    )
    guarantor = models.CharField(_("担保机构（担保人）"), max_length=100, blank=True)
    bank = models.CharField(_("贷款银行"), max_length=100, blank=True)
    contract_number = models.CharField(_("借款合同编号"), max_length=50, blank=True)
    annual_rate = models.DecimalField(
        _("年利率（%）"), max_digits=6, decimal_places=4, null=True, blank=True
    )
    disbursed_on = models.DateField(_("放款日期"), null=True, blank=True)
    ends_on = models.DateField(_("到期日"), null=True, blank=True)
    extended_months = models.PositiveSmallIntegerField(_("展期（月）"), default=0)
    extended_until = models.DateField(_("展期后到期日"), null=True, blank=True)
    extension_reason = models.CharField(_("展期原因"), max_length=200, blank=True)
    repaid_on = models.DateField(_("结清日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("未获批准原因"), blank=True)
    note = models.TextField(_("备注"), blank=True)

    objects = LoanQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["region", "state"], name="loan_region_state"),
            models.Index(fields=["org", "micro_profit"], name="loan_org_micro"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(state__in=OPEN_LOAN_STATES),
                name="loan_one_open_per_person",
            )
        ]
        verbose_name = _("小额担保贷款")
        verbose_name_plural = _("小额担保贷款")

    def __str__(self):
        return _("%(name)s的小额担保贷款") % {"name": self.person.name}

    def get_absolute_url(self):
        return reverse("startups:loan", args=[self.pk])

    @property
    def number(self):
        return f"DK{self.applied_on:%Y}{self.pk:08d}"

    @property
    def final_day(self):
        """The day the loan must be repaid by: after an extension, the extension's end."""
        return self.extended_until or self.ends_on


class InstalmentQuerySet(ScopedQuerySet):
    def overdue(self, today: datetime.date):
        return self.filter(paid_on__isnull=True, due_on__lt=today)


class Instalment(ScopedModel):
    """One monthly instalment of a loan's repayment schedule (按月付息、到期还本): the month's
    interest, and the principal with the last one. ``extension``: it falls in the extension."""

    loan = models.ForeignKey(
        Loan, on_delete=models.CASCADE, related_name="instalments", verbose_name=_("贷款")
    )
    number = models.PositiveSmallIntegerField(_("期次"))
    due_on = models.DateField(_("应还日期"))
    principal = models.DecimalField(_("应还本金（元）"), **MONEY)
    interest = models.DecimalField(_("应还利息（元）"), **MONEY)
    paid_amount = models.DecimalField(_("已还金额（元）"), default=0, **MONEY)
    paid_on = models.DateField(_("还清日期"), null=True, blank=True)
    extension = models.BooleanField(_("展期期间"), default=False)

    objects = InstalmentQuerySet.as_manager()

    class Meta:
        ordering = ["loan_id", "number"]
        indexes = [models.Index(fields=["region", "due_on"], name="instalment_region_due")]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="instalment_unique_number")
        ]
        verbose_name = _("还款计划")
        verbose_name_plural = _("还款计划")

    def __str__(self):
        return f"{self.loan_id}-{self.number} {self.due_on:%Y-%m-%d}"

    @property
    def total(self):
        return self.principal + self.interest

    @property
    def owed(self):
        return self.total - self.paid_amount

    @property
    def period(self):
        return f"{self.due_on:%Y-%m}"


class Repayment(ScopedModel):
    """A repayment the bank reported (还款登记), applied to the oldest unpaid instalments."""

    loan = models.ForeignKey(
        Loan, on_delete=models.PROTECT, related_name="repayments", verbose_name=_("贷款")
    )
    paid_on = models.DateField(_("还款日期"))
    amount = models.DecimalField(
        _("还款金额（元）"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("还款记录")
        verbose_name_plural = _("还款记录")

    def __str__(self):
        return f"{self.paid_on:%Y-%m-%d} {self.amount}"


class Recovery(ScopedModel):
    """Help given to recover an overdue loan (协助回收): what was done and what came of it."""

    loan = models.ForeignKey(
        Loan, on_delete=models.PROTECT, related_name="recoveries", verbose_name=_("贷款")
    )
    on = models.DateField(_("日期"), default=timezone.localdate)
    action = models.CharField(_("采取的措施"), max_length=200)
    result = models.CharField(_("结果"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("经办人"),
    )  # fmt: skip

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("协助回收记录")
        verbose_name_plural = _("协助回收记录")

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.action}"
