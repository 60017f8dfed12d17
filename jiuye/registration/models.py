from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.core.registry import registry
from jiuye.registration.choices import (
    ContactMethod,
    EmploymentForm,
    EndReason,
    RegistrationKind,
    UnemploymentCause,
)
from jiuye.registration.workflow import RegistrationWorkflow


class RegistrationCertificate(ScopedModel):
    """The employment and unemployment registration certificate (就业失业登记证) a person holds:
    issued once, on the first approved registration; later registrations are entered in it."""

    person = models.OneToOneField(
        "ledger.Person", on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(_("证书编号"), max_length=30, unique=True)
    issued_on = models.DateField(_("发证日期"))
    issued_by = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+", verbose_name=_("发证机构")
    )

    class Meta:
        verbose_name = _("就业失业登记证")
        verbose_name_plural = _("就业失业登记证")

    def __str__(self):
        return self.number


class RegistrationQuerySet(WorkflowQuerySet):
    def with_person(self):
        return self.select_related("person", "region")

    def registered_unemployed(self):
        """Approved unemployment registrations not ended: the registered unemployed."""
        return self.filter(
            kind=RegistrationKind.UNEMPLOYMENT, state="approved", ended_on__isnull=True
        )

    def with_last_contact(self):
        """With ``last``, the latest day the person was in touch with the public employment
        services since the registration: a contact recorded here, or a service, visit,
        referral or course of any line of work (the registry's ``contact_sources``), and at
        least the day of registration. One query, whatever the lines of work."""
        floor = Coalesce("last_contact_on", "approved_on")
        others = [
            Coalesce(source(OuterRef("person")), "approved_on")
            for source in registry["contact_sources"]
        ]
        return self.annotate(last=Greatest(floor, *others) if others else floor)


class Registration(WorkflowModel):
    """An employment or unemployment registration (就业登记、失业登记) of a resident: accepted and
    first-reviewed by the community, reviewed and reported by the township, approved by the
    county. What the applicant declared is frozen once the first review is done."""

    workflow = RegistrationWorkflow()
    worklist_related = ("person",)  # what the work list shows of each item

    person = models.ForeignKey(
        "ledger.Person",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("人员"),
    )
    kind = models.CharField(_("登记类别"), max_length=20, choices=RegistrationKind.choices)
    applied_on = models.DateField(_("申请日期"), default=timezone.localdate)
    note = models.TextField(_("申请说明"), blank=True)
    # Unemployment registration
    unemployed_since = models.DateField(_("失业日期"), null=True, blank=True)
    cause = models.CharField(
        _("失业原因"), max_length=30, choices=UnemploymentCause.choices, blank=True
    )
    last_employer = models.CharField(_("原工作单位"), max_length=100, blank=True)
    able_to_work = models.BooleanField(_("有劳动能力"), default=True)
    willing_to_work = models.BooleanField(_("有就业要求"), default=True)
    # Employment registration
    employment_form = models.CharField(
        _("就业形式"), max_length=30, choices=EmploymentForm.choices, blank=True
    )
    employer = models.CharField(_("就业单位"), max_length=100, blank=True)
    employed_since = models.DateField(_("就业日期"), null=True, blank=True)
    contract_months = models.PositiveSmallIntegerField(
        _("劳动合同期限（月）"), null=True, blank=True
    )
    # Outcome
    certificate = models.ForeignKey(
        RegistrationCertificate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("就业失业登记证"),
    )
    approved_on = models.DateField(_("登记日期"), null=True, blank=True)
    # The registered unemployed: contacts and the end of the registration (注销)
    last_contact_on = models.DateField(_("最近联系日期"), null=True, blank=True)
    ended_on = models.DateField(_("注销日期"), null=True, blank=True)
    end_reason = models.CharField(
        _("注销原因"), max_length=20, choices=EndReason.choices, blank=True
    )
    end_note = models.CharField(_("注销说明"), max_length=200, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("注销人"),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["region", "kind", "state"], name="registration_region_kind_state"),
            models.Index(
                fields=["kind", "state", "ended_on", "last_contact_on"],
                name="registration_unemployed",
            ),
        ]
        constraints = [
            # One open unemployment registration per person (applied, or approved and not ended).
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(kind=RegistrationKind.UNEMPLOYMENT, ended_on__isnull=True)
                & ~Q(state="rejected"),
                name="registration_one_open_unemployment",
            )
        ]
        verbose_name = _("登记")
        verbose_name_plural = _("登记")

    def __str__(self):
        return f"{self.person.name} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("registration:detail", args=[self.pk])

    @property
    def is_registered_unemployed(self) -> bool:
        return (
            self.kind == RegistrationKind.UNEMPLOYMENT
            and self.state == "approved"
            and self.ended_on is None
        )

    def days_since_contact(self, today=None) -> int | None:
        """Days since the last contact: of any line of work where the registration was read
        ``with_last_contact``, else of the contacts recorded here."""
        last = getattr(self, "last", None) or self.last_contact_on or self.approved_on
        return None if last is None else ((today or timezone.localdate()) - last).days


class Contact(ScopedModel):
    """A contact with a registered unemployed person (定期联系): the clock of deregistration restarts."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="contacts"
    )
    on = models.DateField(_("联系日期"))
    method = models.CharField(_("联系方式"), max_length=10, choices=ContactMethod.choices)
    note = models.CharField(_("联系情况"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("联系人"),
    )

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("联系记录")
        verbose_name_plural = _("联系记录")

    def __str__(self):
        return f"{self.on} {self.get_method_display()}"
