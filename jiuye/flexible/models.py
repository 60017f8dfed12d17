from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import ScopedModel
from jiuye.core.scoping import ScopedQuerySet
from jiuye.flexible.choices import EndReason, WorkForm


class FlexibleJobQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(ended_on__isnull=True)

    def due(self, today=None):
        """Open registrations whose periodic check (定期核实) is due by ``today``."""
        return self.open().filter(next_check_on__lte=today or timezone.localdate())

    def covering(self, first, last):
        """Registrations in force on some day from ``first`` to ``last``."""
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first), started_on__lte=last)

    def with_person(self):
        return self.select_related("person", "region")


class FlexibleJob(ScopedModel):
    """The registration of a resident's flexible employment (灵活就业登记): the form of work,
    what and where, since when, and whether they pay social insurance as a flexible worker.
    One open registration per person; it belongs to the person's region."""

    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="flexible_jobs",
        verbose_name=_("人员"),
    )  # fmt: skip
    form = models.CharField(_("就业形式"), max_length=20, choices=WorkForm.choices)
    work = models.CharField(_("从事工作"), max_length=100, help_text=_("如：外卖配送、家政服务"))
    place = models.CharField(_("工作地点"), max_length=100)
    started_on = models.DateField(_("开始日期"))
    monthly_income = models.DecimalField(
        _("月收入（元）"), max_digits=9, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    insured = models.BooleanField(_("以灵活就业人员身份缴纳社会保险"), default=False)
    insured_since = models.DateField(_("参保缴费起始日期"), null=True, blank=True)
    insured_until = models.DateField(
        _("停止缴费日期"), null=True, blank=True, help_text=_("仍在缴费的不填")
    )
    contribution = models.DecimalField(
        _("月缴费金额（元）"), max_digits=9, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("本人实际缴纳的社会保险费（每月）"),
    )  # fmt: skip
    registered_on = models.DateField(_("登记日期"), default=timezone.localdate)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip
    next_check_on = models.DateField(_("下次核实日期"), editable=False)
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)
    end_reason = models.CharField(
        _("终止原因"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_note = models.CharField(_("终止说明"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    objects = FlexibleJobQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["region", "ended_on"], name="flexiblejob_region_open"),
            models.Index(fields=["next_check_on"], name="flexiblejob_next_check"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="flexiblejob_one_open_per_person",
            )
        ]
        verbose_name = _("灵活就业登记")
        verbose_name_plural = _("灵活就业登记")

    def __str__(self):
        return _("%(name)s的灵活就业登记") % {"name": self.person.name}

    def get_absolute_url(self):
        return reverse("flexible:detail", args=[self.pk])

    @property
    def is_open(self):
        return self.ended_on is None

    @property
    def check_is_due(self):
        return self.is_open and self.next_check_on <= timezone.localdate()

    def insured_in(self, first, last) -> bool:
        """Whether the person paid social insurance as a flexible worker in that month."""
        return (
            self.insured_since is not None
            and self.insured_since <= last
            and (self.insured_until is None or self.insured_until >= first)
        )


class Check(ScopedModel):
    """A periodic check of a registration by the community (定期核实): still working, still
    paying social insurance. "No longer working" ends the registration."""

    job = models.ForeignKey(
        FlexibleJob, on_delete=models.PROTECT, related_name="checks", verbose_name=_("灵活就业登记")
    )
    checked_on = models.DateField(_("核实日期"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("核实人"),
    )  # fmt: skip
    still_working = models.BooleanField(_("仍在从事灵活就业"))
    still_insured = models.BooleanField(_("仍在缴纳社会保险"))
    note = models.CharField(_("核实情况"), max_length=200, blank=True)

    class Meta:
        ordering = ["-checked_on", "-id"]
        indexes = [models.Index(fields=["job", "checked_on"], name="flexiblecheck_job_day")]
        verbose_name = _("灵活就业核实")
        verbose_name_plural = _("灵活就业核实")

    def __str__(self):
        return f"{self.job} {self.checked_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.job.get_absolute_url()
