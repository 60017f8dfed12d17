from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import Evidence, ScopedModel, ScopedQuerySet
from jiuye.visits.choices import VisitKind, VisitResult


class VisitQuerySet(ScopedQuerySet):
    def met(self):
        """Visits that reached the person: a contact of the public employment services."""
        return self.exclude(result=VisitResult.ABSENT)


class Visit(ScopedModel):
    """A visit of the coordinator's round (走访): whom, when, how, what came of it and the next
    step. A visit that reached the person counted as the contact or service of every line of
    work waiting on it (``served``), recorded there in the same transaction."""

    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="visits", verbose_name=_("人员")
    )
    on = models.DateField(_("走访日期"))
    kind = models.CharField(_("走访方式"), max_length=10, choices=VisitKind.choices)
    result = models.CharField(_("走访结果"), max_length=10, choices=VisitResult.choices)
    notes = models.CharField(_("走访情况"), max_length=200, blank=True)
    next_step = models.CharField(_("下一步"), max_length=200, blank=True)
    served = models.CharField(_("计为"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("走访人"),
    )  # fmt: skip
    # the phone's own number of a visit recorded offline: sent twice, stored once
    key = models.CharField(max_length=40, null=True, blank=True, unique=True, editable=False)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["person", "on"], name="visit_person_day")]
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"

    @property
    def met(self) -> bool:
        return self.result != VisitResult.ABSENT

    @property
    def unchanged(self) -> bool:
        return self.result == VisitResult.UNCHANGED

    @property
    def summary(self) -> str:
        """What the lines of work record of it (their notes hold 200 characters)."""
        return (self.notes or str(self.get_result_display()))[:200]


class VisitPhoto(Evidence):
    """A photo taken at the visit (走访照片), the evidence that it took place."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos")

    class Meta(Evidence.Meta):
        verbose_name = _("走访照片")
        verbose_name_plural = _("走访照片")

    @property
    def folder(self) -> str:
        return f"visits/{self.visit_id}"
