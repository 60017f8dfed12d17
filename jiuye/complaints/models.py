"""Complaints (投诉, guideline 二十二): received at a window, by telephone or online, about an
office, a worker or a case; assigned to the office responsible, answered by a deadline in
working days, escalated to the level above when overdue (``workflow.ComplaintWorkflow``)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.complaints.choices import About, Channel, Satisfaction
from jiuye.complaints.workflow import (
    ANSWERED,
    AWAITING_ANSWER,
    CLOSED,
    ESCALATED,
    HANDLING,
    RECEIVED,
    ComplaintWorkflow,
)
from jiuye.core.models import ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.ledger.identity import mask_phone

# What the public progress page calls each step: the complainant is told the answer is given
# (办结) as soon as it is, the call-back is the office's affair.
PUBLIC_STATES = {
    RECEIVED: _("已受理"),
    HANDLING: _("办理中"),
    ESCALATED: _("已升级"),
    ANSWERED: _("办结"),
    CLOSED: _("办结"),
}


class ComplaintQuerySet(WorkflowQuerySet):
    def with_parties(self):
        return self.select_related("region", "org", "handler")

    def late(self, today=None):
        """Complaints still waiting for their answer past its deadline."""
        today = today or timezone.localdate()
        return self.filter(state__in=AWAITING_ANSWER, answer_by__lt=today)

    def on_time_q(self) -> Q:
        """Answered by the deadline set when it was received (an escalated one never is)."""
        return Q(answered_on__isnull=False, answered_on__lte=F("first_answer_by"))


class Complaint(WorkflowModel):
    """One complaint. It belongs to the region complained about (a community or village, a
    street or township), so that office's street or township and every level above read it;
    ``handler`` is the office that must answer it now (the street's or township's service
    centre, after an escalation the county's agency, then the city's)."""

    workflow = ComplaintWorkflow()
    worklist_related = ("handler",)

    receipt = models.CharField(_("回执码"), max_length=12, unique=True, editable=False)
    channel = models.CharField(_("投诉渠道"), max_length=10, choices=Channel.choices)
    about = models.CharField(_("投诉对象"), max_length=10, choices=About.choices)
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("被投诉机构"),
    )  # fmt: skip
    worker_name = models.CharField(_("被投诉工作人员"), max_length=50, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("被投诉工作人员账号"),
        help_text=_("工作人员登记时可指明；网上投诉只有投诉人所说的姓名"),
    )  # fmt: skip
    case_ref = models.CharField(_("相关事项"), max_length=100, blank=True,
                                help_text=_("如业务编号、办理事项名称"))  # fmt: skip
    name = models.CharField(_("投诉人姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=30)
    content = models.TextField(_("投诉内容"))
    received_on = models.DateField(_("受理日期"), default=timezone.localdate)
    handler = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="complaints",
        verbose_name=_("承办机构"),
    )  # fmt: skip
    first_answer_by = models.DateField(_("答复时限（受理时）"))
    answer_by = models.DateField(_("答复时限"))
    escalations = models.PositiveSmallIntegerField(_("升级次数"), default=0)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("答复人"),
    )  # fmt: skip
    satisfaction = models.CharField(_("满意度"), max_length=20, choices=Satisfaction.choices,
                                    blank=True)  # fmt: skip
    satisfaction_on = models.DateField(_("评价日期"), null=True, blank=True)
    satisfaction_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("回访人"), help_text=_("空：投诉人在网上自行评价"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("登记人"), help_text=_("空：投诉人在网上提交"),
    )  # fmt: skip

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("投诉")
        verbose_name_plural = _("投诉")
        indexes = [models.Index(fields=["region", "received_on"])]

    def __str__(self):
        return _("投诉 %(receipt)s（%(about)s）") % {
            "receipt": self.receipt,
            "about": self.get_about_display(),
        }

    def get_absolute_url(self):
        return reverse("complaints:detail", args=[self.pk])

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def public_state(self) -> str:
        return PUBLIC_STATES[self.state]

    @property
    def answered_on_time(self) -> bool:
        return self.answered_on is not None and self.answered_on <= self.first_answer_by


class ComplaintNote(ScopedModel):
    """A handling note (办理记录): what the office did, whom it asked, what it found."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="notes",
                                  verbose_name=_("投诉"))  # fmt: skip
    text = models.TextField(_("办理情况"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("记录人"))  # fmt: skip
    at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self):
        return self.text[:30]

    def get_absolute_url(self):
        return self.complaint.get_absolute_url()
