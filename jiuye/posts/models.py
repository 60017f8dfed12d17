import calendar
import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import ScopedModel
from jiuye.core.scoping import ScopedQuerySet
from jiuye.posts.choices import LeaveReason, PostKind


class PostQuerySet(ScopedQuerySet):
    def active_on(self, day: datetime.date):
        """Posts whose period holds ``day``."""
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def with_filled(self):
        """Each post with ``filled``, its open placements, counted in the same query."""
        return self.annotate(
            filled=Count("placements", filter=Q(placements__ended_on__isnull=True))
        )


class Post(ScopedModel):
    """A public-welfare post (公益性岗位) developed by a township (street) office, guideline 十五.
    Its region is the township or the community where the post is; the subsidy standards
    default to the policy parameters in force when it is developed."""

    unit_name = models.CharField(_("用岗单位"), max_length=100)
    employer = models.ForeignKey(
        "jobs.Employer", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("用岗单位（已登记的用人单位）"),
    )  # fmt: skip
    title = models.CharField(_("岗位名称"), max_length=100)
    kind = models.CharField(
        _("岗位类别"), max_length=10, choices=PostKind.choices, default=PostKind.ORDINARY
    )
    duties = models.TextField(_("岗位职责"), blank=True)
    posts = models.PositiveIntegerField(_("岗位数量"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("岗位期限自"))
    ends_on = models.DateField(_("岗位期限至"))
    post_subsidy = models.DecimalField(
        _("岗位补贴标准（元/月）"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    insurance_subsidy = models.DecimalField(
        _("社会保险补贴标准（元/月）"), max_digits=9, decimal_places=2,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    note = models.TextField(_("备注"), blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["region", "starts_on"], name="post_region_starts")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="post_period_in_order"
            )
        ]
        verbose_name = _("公益性岗位")
        verbose_name_plural = _("公益性岗位")

    def __str__(self):
        return f"{self.unit_name} · {self.title}"

    def get_absolute_url(self):
        return reverse("posts:post", args=[self.pk])

    @property
    def is_special(self) -> bool:
        return self.kind == PostKind.SPECIAL

    def is_active(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.starts_on <= day <= self.ends_on


class PlacementQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(ended_on__isnull=True)

    def on(self, day: datetime.date):
        """Placements in which the person was on the post on ``day``."""
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day), started_on__lte=day)

    def with_parties(self):
        return self.select_related("person", "post", "region")


class Placement(ScopedModel):
    """An assistance target placed on a public-welfare post (公益性岗位安置), from the first day
    on the post to the day of leaving (``ended_on``, not on the post that day). It belongs to
    the post's region: the office that keeps the post keeps its placements and claims them."""

    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="post_placements",
        verbose_name=_("人员"),
    )  # fmt: skip
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="placements", verbose_name=_("公益性岗位")
    )
    started_on = models.DateField(_("上岗日期"))
    # The agreement (协议或劳动合同) starts with the first day on the post, so its start is
    # ``started_on``: one date, which the subsidy's months and a household's stability share.
    # Required of every new placement; placements recorded before it was asked have none.
    contract_months = models.PositiveSmallIntegerField(
        _("协议（合同）期限（月）"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )  # fmt: skip
    ended_on = models.DateField(_("离岗日期"), null=True, blank=True)
    leave_reason = models.CharField(
        _("离岗原因"), max_length=20, choices=LeaveReason.choices, blank=True
    )
    leave_note = models.CharField(_("离岗说明"), max_length=200, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["region", "started_on"], name="placement_region_started")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="placement_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=F("started_on")),
                name="placement_ends_after_start",
            ),
        ]
        verbose_name = _("公益性岗位安置")
        verbose_name_plural = _("公益性岗位安置")

    def __str__(self):
        return _("%(name)s在%(post)s") % {"name": self.person.name, "post": self.post.title}

    def get_absolute_url(self):
        return reverse("posts:placement", args=[self.pk])

    @property
    def is_open(self):
        return self.ended_on is None

    @property
    def contract_ends_on(self) -> datetime.date | None:
        """The last day of the agreement (None when its length was not recorded)."""
        if self.contract_months is None:
            return None
        return months_after(self.started_on, self.contract_months) - datetime.timedelta(days=1)


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day where it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
