import secrets

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import (
    OPEN_HOUSEHOLD_STATES,
    PLACING_STATES,
    CategoryRule,
    ExitReason,
    HouseholdKind,
    OfferKind,
    Origin,
    ServiceKind,
)
from jiuye.assistance.workflow import IdentificationWorkflow, ZeroHouseholdWorkflow
from jiuye.core.models import (
    Evidence,
    ScopedModel,
    WorkflowModel,
    WorkflowQuerySet,
    evidence_path,  # noqa: F401 (named by old migrations)
)
from jiuye.core.scoping import ScopedQuerySet
from jiuye.ledger.choices import Relation
from jiuye.ledger.models import Person


class Category(models.Model):
    """A category of hard-to-employ person (就业困难人员类别), kept per province as data: national
    law leaves the list to each province."""

    province = models.CharField(
        _("省份"), max_length=2, default="37", help_text=_("省级区划代码前2位")
    )
    code = models.CharField(_("代码"), max_length=30)
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("认定条件"), blank=True)
    rule = models.CharField(
        _("核验规则"),
        max_length=20,
        choices=CategoryRule.choices,
        default=CategoryRule.EVIDENCE,
        help_text=_("按台账数据核验的条件（参数见政策参数）；台账无法核验的凭证明材料认定"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering = ["province", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["province", "code"], name="category_unique_code")
        ]
        verbose_name = _("就业困难人员类别")
        verbose_name_plural = _("就业困难人员类别")

    def __str__(self):
        return self.name


class IdentificationQuerySet(WorkflowQuerySet):
    def with_person(self):
        return self.select_related("person", "region").prefetch_related("categories")

    def identified(self):
        return self.filter(state="identified")

    def assisted(self):
        """Identified and not exited: being helped, or with their exit under review."""
        return self.filter(state__in=["identified", "exit_review"])


class Identification(WorkflowModel):
    """The identification of a hard-to-employ person (就业困难人员认定): community investigation
    and first review, public notice, township review, county identification; then the person
    is an assistance target until they exit (退出)."""

    workflow = IdentificationWorkflow()
    worklist_related = ("person",)

    person = models.ForeignKey(
        "ledger.Person",
        on_delete=models.PROTECT,
        related_name="identifications",
        verbose_name=_("人员"),
    )
    categories = models.ManyToManyField(
        Category, related_name="identifications", verbose_name=_("援助对象类别")
    )
    origin = models.CharField(
        _("来源"), max_length=20, choices=Origin.choices, default=Origin.APPLICATION
    )
    applied_on = models.DateField(_("申请（发现）日期"), default=timezone.localdate)
    situation = models.TextField(_("家庭及就业困难情况"), blank=True)
    investigation = models.TextField(_("调查核实情况"), blank=True)
    notice_starts_on = models.DateField(_("公示开始"), null=True, blank=True)
    notice_ends_on = models.DateField(_("公示结束"), null=True, blank=True)
    identified_on = models.DateField(_("认定日期"), null=True, blank=True)
    exited_on = models.DateField(_("退出日期"), null=True, blank=True)
    exit_reason = models.CharField(
        _("退出原因"), max_length=30, choices=ExitReason.choices, blank=True
    )
    # the last exit review that kept the person: what was known then does not send them again
    kept_on = models.DateField(_("审核后继续援助日期"), null=True, blank=True)

    objects = IdentificationQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-id"]
        indexes = [models.Index(fields=["region", "state"], name="identification_region_state")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=~Q(state__in=["rejected", "exited"]),
                name="identification_one_open_per_person",
            )
        ]  # fmt: skip
        verbose_name = _("就业困难人员认定")
        verbose_name_plural = _("就业困难人员认定")

    def __str__(self):
        return _("%(name)s 就业困难认定") % {"name": self.person.name}

    def get_absolute_url(self):
        return reverse("assistance:detail", args=[self.pk])

    @property
    def category_names(self) -> str:
        """The person's categories, as the card and the notice print them (prefetch them)."""
        return _("、").join(category.name for category in self.categories.all())


class Objection(ScopedModel):
    """An objection raised during the public notice (公示异议): it holds the case until handled."""

    identification = models.ForeignKey(
        Identification, on_delete=models.CASCADE, related_name="objections"
    )
    received_on = models.DateField(_("收到日期"), default=timezone.localdate)
    content = models.TextField(_("异议内容"))
    outcome = models.TextField(_("核查结论"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")

    def __str__(self):
        return f"{self.received_on} {self.content[:20]}"


class Attachment(Evidence):
    """Evidence of the investigation (调查材料), and the category it proves."""

    identification = models.ForeignKey(
        Identification, on_delete=models.CASCADE, related_name="attachments"
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所证明的类别"),
    )

    class Meta(Evidence.Meta):
        verbose_name = _("调查材料")
        verbose_name_plural = _("调查材料")

    @property
    def folder(self) -> str:
        return str(self.identification_id)


def card_token() -> str:
    """The unguessable part of a card's verification address (22 characters)."""
    return secrets.token_urlsafe(16)


class Card(ScopedModel):
    """The employment assistance card (就业援助卡), issued on identification. Its QR code opens a
    public page that shows only whether the card is valid and its category."""

    identification = models.OneToOneField(
        Identification, on_delete=models.PROTECT, related_name="card"
    )
    number = models.CharField(_("卡号"), max_length=30, unique=True)
    token = models.CharField(max_length=32, unique=True, default=card_token, editable=False)
    issued_on = models.DateField(_("发卡日期"))
    issued_by = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+", verbose_name=_("发卡机构")
    )

    class Meta:
        verbose_name = _("就业援助卡")
        verbose_name_plural = _("就业援助卡")

    def __str__(self):
        return self.number

    @property
    def is_valid(self) -> bool:
        return self.identification.state == "identified"


class Plan(ScopedModel):
    """One person, one plan (一人一策): goals and measures for an identified person, and the
    assistance agreement (援助协议) signed with them."""

    identification = models.OneToOneField(
        Identification, on_delete=models.PROTECT, related_name="plan"
    )
    goals = models.TextField(_("援助目标"))
    agreement_signed_on = models.DateField(_("援助协议签订日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("援助计划")
        verbose_name_plural = _("援助计划")

    def __str__(self):
        return str(self.identification)


class MeasureQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def pending(self):
        """Not done, of a person still being helped (an exit ends what was left)."""
        return self.open().filter(plan__identification__state="identified")

    def overdue(self, today=None):
        return self.pending().filter(due_on__lt=today or timezone.localdate())


class Measure(ScopedModel):
    """A measure of a plan: what, by whom (a named worker), by when, and what came of it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("措施类别"), max_length=30, choices=ServiceKind.choices)
    description = models.CharField(_("措施内容"), max_length=200)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("责任人"),
    )
    due_on = models.DateField(_("完成时限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    result = models.CharField(_("落实情况"), max_length=200, blank=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["responsible", "done_on", "due_on"], name="measure_worklist")
        ]
        verbose_name = _("援助措施")
        verbose_name_plural = _("援助措施")

    def __str__(self):
        return self.description


class AssistanceService(ScopedModel):
    """A service given to an assistance target (援助服务记录): a home visit, a job or training
    referral, a policy explained, a placement, help with a loan, the county's periodic visit."""

    identification = models.ForeignKey(
        Identification, on_delete=models.PROTECT, related_name="services"
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("落实的措施"),
    )
    kind = models.CharField(_("服务类别"), max_length=30, choices=ServiceKind.choices)
    on = models.DateField(_("服务日期"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("服务人员"),
    )
    content = models.CharField(_("服务内容"), max_length=200)
    result = models.CharField(_("服务结果"), max_length=200, blank=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("援助服务记录")
        verbose_name_plural = _("援助服务记录")

    def __str__(self):
        return f"{self.on} {self.get_kind_display()}"


class Refusal(ScopedModel):
    """A job or training offered to an assistance target and refused by them (拒绝推荐): the
    evidence for an exit for refusing services without good reason."""

    identification = models.ForeignKey(
        Identification, on_delete=models.PROTECT, related_name="refusals"
    )
    on = models.DateField(_("拒绝日期"))
    offer = models.CharField(_("推荐内容"), max_length=20, choices=OfferKind.choices)
    description = models.CharField(_("推荐及拒绝情况"), max_length=200)
    referral = models.ForeignKey(
        "jobs.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("职业介绍记录"),
    )
    service = models.ForeignKey(
        AssistanceService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("援助服务记录"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("拒绝推荐记录")
        verbose_name_plural = _("拒绝推荐记录")

    def __str__(self):
        return f"{self.on} {self.get_offer_display()}"


class ZeroHouseholdQuerySet(WorkflowQuerySet):
    def open(self):
        """Cases not yet settled (a stable household still watched is settled)."""
        return self.filter(state__in=OPEN_HOUSEHOLD_STATES)

    def over_limit(self, today):
        """Identified households with nobody placed by the placement limit (动态清零时限)."""
        return self.filter(state__in=PLACING_STATES, placement_due_on__lt=today)

    def with_head_name(self):
        """With ``head_name``, the name of the household's head (one subquery, not one query
        per case)."""
        heads = Person.objects.filter(household=OuterRef("household"), relation=Relation.HEAD)
        return self.annotate(head_name=Subquery(heads.values("name")[:1]))


class ZeroHousehold(WorkflowModel):
    """A zero-employment household case (零就业家庭): found from the ledger the day it meets the
    criteria (``assistance.households``), investigated by the community, reviewed by the
    township and confirmed by the county (认定一户), supported (扶持一户) until a member is placed
    within the limit counted from identification, and kept stable (稳定一户) — or cleared when
    a member finds work without a lasting contract."""

    household = models.ForeignKey(
        "ledger.Household",
        on_delete=models.PROTECT,
        related_name="zero_cases",
        verbose_name=_("家庭"),
    )
    kind = models.CharField(_("类别"), max_length=10, choices=HouseholdKind.choices)
    appeared_on = models.DateField(_("出现日期"))
    investigation = models.TextField(_("调查核实情况"), blank=True)
    identified_on = models.DateField(_("认定日期"), null=True, blank=True)
    placement_due_on = models.DateField(_("安置时限"), null=True, blank=True)
    supported_on = models.DateField(_("扶持开始"), null=True, blank=True)
    support_plan = models.TextField(_("扶持措施"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("责任人"),
    )
    ended_on = models.DateField(_("脱零日期"), null=True, blank=True)
    stable_since = models.DateField(_("稳定就业日期"), null=True, blank=True)
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)

    workflow = ZeroHouseholdWorkflow()
    worklist_related = ("household",)

    objects = ZeroHouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["appeared_on", "id"]
        indexes = [models.Index(fields=["region", "state"], name="zerohousehold_region_state")]
        constraints = [
            models.UniqueConstraint(fields=["household"], condition=Q(state__in=OPEN_HOUSEHOLD_STATES),
                                    name="zerohousehold_one_open_per_household")
        ]  # fmt: skip
        verbose_name = _("零就业家庭")
        verbose_name_plural = _("零就业家庭")

    def __str__(self):
        head = getattr(self, "head_name", None)
        household = _("%(name)s户") % {"name": head} if head else self.household
        return f"{household} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("assistance:household", args=[self.pk])

    @classmethod
    def for_worklist(cls, queryset):
        return super().for_worklist(queryset).with_head_name()

    def days_open(self, today=None) -> int:
        return ((self.ended_on or today or timezone.localdate()) - self.appeared_on).days


class HouseholdAttachment(Evidence):
    """Evidence of a household's investigation (入户调查材料: income, members' situation)."""

    case = models.ForeignKey(ZeroHousehold, on_delete=models.CASCADE, related_name="attachments")

    class Meta(Evidence.Meta):
        verbose_name = _("零就业家庭调查材料")
        verbose_name_plural = _("零就业家庭调查材料")

    @property
    def folder(self) -> str:
        return f"households/{self.case_id}"
