"""Supervision (督查, guideline 二十四): an inspection of a township's or a community's office by
the level above, its findings by area, each fixed by the office and followed up by the
inspectors (``workflow.FindingWorkflow``)."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import Evidence, ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.core.scoping import ScopedQuerySet
from jiuye.supervision.choices import Area, Conclusion
from jiuye.supervision.workflow import CLOSED, OPEN, REPLIED, FindingWorkflow


class InspectionQuerySet(ScopedQuerySet):
    def with_parties(self):
        return self.select_related("org", "by_org", "region")

    def with_counts(self, today=None):
        """Each inspection's findings: all, not yet closed, past their deadline."""
        today = today or timezone.localdate()
        return self.annotate(
            findings_count=Count("findings"),
            open_count=Count("findings", filter=~Q(findings__state=CLOSED)),
            overdue_count=Count(
                "findings", filter=~Q(findings__state=CLOSED) & Q(findings__due_on__lt=today)
            ),
        )


class Inspection(ScopedModel):
    """One inspection of an office (督查): when, by whom, what it covered, what it found in
    general and what it concluded of the office. It belongs to the region of the office
    inspected, so that office and every level above it read it; ``by_org`` is the office of
    the inspectors, which follows up the findings."""

    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="inspections",
        verbose_name=_("被督查机构"),
    )  # fmt: skip
    by_org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("督查机构"),
    )  # fmt: skip
    inspected_on = models.DateField(_("督查日期"))
    inspectors = models.CharField(_("督查人员"), max_length=200)
    scope = models.TextField(_("督查范围和内容"))
    summary = models.TextField(_("总体情况"), blank=True)
    conclusion = models.CharField(
        _("督查结论"), max_length=20, choices=Conclusion.choices, default=Conclusion.ORDINARY
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip
    recorded_on = models.DateField(_("登记日期"), default=timezone.localdate)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("督查")
        verbose_name_plural = _("督查")

    def __str__(self):
        return f"{self.inspected_on:%Y-%m-%d} {self.org}"

    def get_absolute_url(self):
        return reverse("supervision:inspection", args=[self.pk])


class FindingQuerySet(WorkflowQuerySet):
    def with_inspection(self):
        return self.select_related("inspection__org", "inspection__by_org", "region")

    def to_reply(self, region_code: str):
        """Findings the office of ``region_code`` must still fix and reply to."""
        return self.filter(state=OPEN, region_id=region_code)

    def to_follow_up(self, region_code: str):
        """Findings of the inspections made by the office of ``region_code`` that wait for its
        follow-up, and those whose office has let the deadline pass."""
        mine = self.filter(inspection__by_org__region_id=region_code)
        return mine.filter(Q(state=REPLIED) | Q(state=OPEN, due_on__lt=timezone.localdate()))


class Finding(WorkflowModel):
    """A problem an inspection found (督查发现的问题): its area, what must be fixed by when,
    the office's reply and the inspectors' follow-up."""

    workflow = FindingWorkflow()
    worklist_related = ("inspection__org",)

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="findings", verbose_name=_("督查")
    )
    area = models.CharField(_("督查方面"), max_length=20, choices=Area.choices)
    problem = models.TextField(_("发现的问题"))
    requirement = models.TextField(_("整改要求"))
    fix_by = models.DateField(_("整改期限"))
    reply = models.TextField(_("整改情况"), blank=True)
    replied_on = models.DateField(_("反馈日期"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("反馈人"),
    )  # fmt: skip
    follow_up = models.TextField(_("复核意见"), blank=True)
    followed_up_on = models.DateField(_("复核日期"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("复核人"),
    )  # fmt: skip

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["inspection_id", "id"]
        verbose_name = _("督查问题")
        verbose_name_plural = _("督查问题")

    def __str__(self):
        return _("督查问题（%(area)s）：%(problem)s") % {
            "area": self.get_area_display(),
            "problem": self.problem[:30],
        }

    def get_absolute_url(self):
        return reverse("supervision:finding", args=[self.pk])


class FindingAttachment(Evidence):
    """A file the office sends with its reply (整改材料): a photo, a ledger, a receipt."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="attachments")

    class Meta(Evidence.Meta):
        verbose_name = _("整改材料")
        verbose_name_plural = _("整改材料")

    @property
    def folder(self) -> str:
        return f"supervision/{self.finding_id}"
