import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.core.scoping import EVERYTHING, ScopedQuerySet, jurisdiction_prefix
from jiuye.regions.codes import PREFIX_LENGTH, Level, county, prefix_of
from jiuye.training.choices import (
    AppraisalResult,
    CertificateKind,
    CourseKind,
    SkillLevel,
)
from jiuye.training.workflow import OPEN_ENROLMENT_STATES, EnrolmentWorkflow, NeedWorkflow


def county_prefix_of(user) -> str | None:
    """The prefix of the county whose designated institutions and courses serve the user:
    the county itself for a county, township or village office; the user's own wider
    jurisdiction above a county; None for nobody."""
    prefix = jurisdiction_prefix(user)
    if prefix is None:
        return None
    deeper = len(prefix) > PREFIX_LENGTH[Level.COUNTY]
    return prefix_of(prefix, Level.COUNTY) if deeper else prefix


class InstitutionQuerySet(ScopedQuerySet):
    def designated_on(self, day: datetime.date):
        return self.filter(active=True, designated_from__lte=day).filter(
            Q(designated_until__isnull=True) | Q(designated_until__gte=day)
        )


class Institution(ScopedModel):
    """A designated vocational training institution (定点职业技能培训机构). The county designates
    it and keeps it; its region lies in that county (the county itself or where it sits)."""

    name = models.CharField(_("机构名称"), max_length=100)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    address = models.CharField(_("地址"), max_length=200)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    designated_from = models.DateField(_("认定起始日期"))
    designated_until = models.DateField(
        _("认定截止日期"), null=True, blank=True, help_text=_("不填为长期")
    )
    active = models.BooleanField(_("有效"), default=True)
    note = models.TextField(_("备注"), blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(designated_until__isnull=True)
                | Q(designated_until__gte=models.F("designated_from")),
                name="institution_designation_range",
            )
        ]
        verbose_name = _("定点培训机构")
        verbose_name_plural = _("定点培训机构")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("training:institution", args=[self.pk])

    @property
    def county_code(self) -> str:
        return county(self.region_id)

    def is_designated_on(self, day: datetime.date) -> bool:
        return (
            self.active
            and self.designated_from <= day
            and (self.designated_until is None or self.designated_until >= day)
        )


class CourseQuerySet(ScopedQuerySet):
    def with_institution(self):
        return self.select_related("institution", "occupation", "region")

    def with_counts(self):
        open_ = Q(enrolments__state__in=(*OPEN_ENROLMENT_STATES, "completed"))
        return self.annotate(
            taken=Count("enrolments", filter=open_),
            completed=Count("enrolments", filter=Q(enrolments__state="completed")),
        )

    def offered_to(self, user, today: datetime.date | None = None):
        """The published courses of the designated institutions of the user's county that
        have not ended: what a community or township may refer its residents to."""
        prefix = county_prefix_of(user)
        if prefix is None:
            return self.none()
        today = today or timezone.localdate()
        offered = self.filter(published=True, ends_on__gte=today, institution__active=True)
        return offered if prefix == EVERYTHING else offered.within(prefix)


class Course(ScopedModel):
    """A course (培训班) of a designated institution. It belongs to the institution's region;
    published, it is offered to the townships and communities of the county."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="courses", verbose_name=_("培训机构")
    )
    kind = models.CharField(_("培训类别"), max_length=20, choices=CourseKind.choices)
    occupation = models.ForeignKey(
        "jobs.Occupation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("培训职业（工种）"), help_text=_("创业培训可不填"),
    )  # fmt: skip
    title = models.CharField(_("培训班名称"), max_length=100)
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结业日期"))
    hours = models.PositiveIntegerField(
        _("课程学时"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    capacity = models.PositiveIntegerField(
        _("计划人数"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    place = models.CharField(_("培训地点"), max_length=200)
    published = models.BooleanField(
        _("已发布"), default=True, help_text=_("发布后本县（区）各街道、社区可推荐人员参训")
    )
    note = models.TextField(_("备注"), blank=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["region", "published", "ends_on"], name="course_offered")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="course_dates_in_order"
            )
        ]
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")

    def __str__(self):
        return f"{self.institution} · {self.title}"

    def get_absolute_url(self):
        return reverse("training:course", args=[self.pk])

    @property
    def seats_left(self) -> int:
        """Places not yet taken (needs ``with_counts``)."""
        return max(self.capacity - getattr(self, "taken", 0), 0)


class NeedQuerySet(WorkflowQuerySet):
    def with_person(self):
        return self.select_related("person", "occupation", "region")


class Need(WorkflowModel):
    """A resident's training need (培训需求) as the community collected it; met when the
    resident is referred to a course of that kind."""

    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="training_needs",
        verbose_name=_("人员"),
    )  # fmt: skip
    kind = models.CharField(_("意向培训类别"), max_length=20, choices=CourseKind.choices)
    occupation = models.ForeignKey(
        "jobs.Occupation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("意向职业（工种）"),
    )  # fmt: skip
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_on = models.DateField(_("登记日期"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip

    workflow = NeedWorkflow()
    worklist_related = ("person",)

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(state="open"),
                name="need_one_open_per_person_kind",
            )
        ]
        verbose_name = _("培训需求")
        verbose_name_plural = _("培训需求")

    def __str__(self):
        return _("%(name)s的培训需求") % {"name": self.person.name}

    def get_absolute_url(self):
        return reverse("training:need", args=[self.pk])


class EnrolmentQuerySet(WorkflowQuerySet):
    def with_parties(self):
        return self.select_related("person", "course__institution", "region", "org")

    def took_part(self):
        """The trainees who took part in their course (参加培训): attending, completed, or left
        after attending some hours. For each, the institution owes the referring office the
        referral subsidy (guideline 十七); a referral that never came owes nothing."""
        return self.filter(
            Q(state__in=("attending", "completed")) | Q(state="dropped", attended_hours__gt=0)
        )


class Enrolment(WorkflowModel):
    """A resident referred to a course (推荐参训) by an office (``org``, which claims the
    training subsidy), the attendance, completion, certificate and skill appraisal. It
    belongs to the resident's region."""

    workflow = EnrolmentWorkflow()
    worklist_related = ("person", "course")

    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="enrolments",
        verbose_name=_("人员"),
    )  # fmt: skip
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("培训班")
    )
    need = models.ForeignKey(
        Need, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments",
        verbose_name=_("培训需求"),
    )  # fmt: skip
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("推荐机构"),
    )  # fmt: skip
    referred_on = models.DateField(_("推荐日期"), default=timezone.localdate)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("推荐人"),
    )  # fmt: skip
    attended_hours = models.PositiveIntegerField(_("出勤学时"), null=True, blank=True)
    completed_on = models.DateField(_("结业日期"), null=True, blank=True)
    certificate_kind = models.CharField(
        _("证书类别"), max_length=20, choices=CertificateKind.choices, blank=True
    )
    certificate_number = models.CharField(_("证书编号"), max_length=40, blank=True)
    certificate_issued_on = models.DateField(_("发证日期"), null=True, blank=True)
    appraisal_result = models.CharField(
        _("技能鉴定结果"), max_length=10, choices=AppraisalResult.choices, blank=True
    )
    appraisal_level = models.CharField(
        _("鉴定等级"), max_length=2, choices=SkillLevel.choices, blank=True
    )
    referral_payment = models.ForeignKey(
        "ReferralPayment", on_delete=models.PROTECT, null=True, blank=True,
        related_name="enrolments", verbose_name=_("推荐参训补助支付"),
    )  # fmt: skip

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [
            models.Index(fields=["org", "state", "completed_on"], name="enrolment_org_completed"),
            models.Index(fields=["region", "state", "completed_on"], name="enrolment_completed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "course"], name="enrolment_once_per_person_course"
            ),
            # one course at a time: two offices referring the same resident at once
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(state__in=OPEN_ENROLMENT_STATES),
                name="enrolment_one_open_per_person",
            ),
        ]
        verbose_name = _("推荐参训")
        verbose_name_plural = _("推荐参训")

    def __str__(self):
        return _("推荐%(name)s参加%(course)s") % {
            "name": self.person.name,
            "course": self.course.title,
        }

    def get_absolute_url(self):
        return reverse("training:enrolment", args=[self.pk])

    @property
    def attendance_rate(self):
        """Attended hours as a whole percentage of the course's hours (None if not recorded)."""
        if self.attended_hours is None or not self.course.hours:
            return None
        return min(self.attended_hours * 100 // self.course.hours, 100)


class ReferralPayment(ScopedModel):
    """A payment of the referral subsidy (推荐参训补助, guideline 十七) by a designated
    institution to a street, township or community office that referred trainees to it,
    settling those trainees (``enrolments``). Not a county budget line and not a claim: the
    institution pays it. Its region is the receiving office's."""

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="referral_payments",
        verbose_name=_("培训机构"),
    )  # fmt: skip
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("推荐机构"),
    )  # fmt: skip
    paid_on = models.DateField(_("支付日期"))
    amount = models.DecimalField(_("支付金额（元）"), max_digits=12, decimal_places=2)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_on = models.DateField(_("登记日期"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip

    class Meta:
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="referral_payment_positive")
        ]
        verbose_name = _("推荐参训补助支付")
        verbose_name_plural = _("推荐参训补助支付")

    def __str__(self):
        return _("%(institution)s向%(org)s支付推荐参训补助") % {
            "institution": self.institution, "org": self.org,
        }  # fmt: skip

    def get_absolute_url(self):
        return reverse("training:referral-account", args=[self.institution_id, self.org_id])
