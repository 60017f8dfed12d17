import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import ScopedModel, WorkflowModel, WorkflowQuerySet
from jiuye.core.scoping import ScopedQuerySet, jurisdiction_prefix, subtree_q
from jiuye.jobs.choices import Availability, NotHiredReason, SeekerStatus, VacancyState
from jiuye.jobs.workflow import OPEN_REFERRAL_STATES, ReferralWorkflow, VacancyWorkflow
from jiuye.ledger.choices import Education


class Occupation(models.Model):
    """A class of the national occupation classification (国家职业分类大典, 2022): major group
    ``2``, middle ``2-02``, small ``2-02-10``, occupation ``2-02-10-01``. Reference data."""

    code = models.CharField(_("代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("层级"))  # 1 major … 4 occupation
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("职业")
        verbose_name_plural = _("职业")

    def __str__(self):
        return f"{self.code} {self.name}"

    @staticmethod
    def ancestors_of(code: str) -> list[str]:
        """The codes of a code's major, middle, small class and itself: ``2-02-10-01`` →
        ``["2", "2-02", "2-02-10", "2-02-10-01"]``."""
        parts = code.split("-")
        return ["-".join(parts[: n + 1]) for n in range(len(parts))]


class Industry(models.Model):
    """A section (门类, ``A``) or division (大类, ``01``) of GB/T 4754-2017. Reference data."""

    code = models.CharField(_("代码"), max_length=2, primary_key=True)
    name = models.CharField(_("名称"), max_length=100)
    section = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="divisions"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行业")
        verbose_name_plural = _("行业")

    def __str__(self):
        return f"{self.code} {self.name}"


class Employer(ScopedModel):
    """An employer (用人单位), one per unified social credit code, kept by the office of the
    region where it is."""

    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("单位名称"), max_length=100)
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, related_name="+", verbose_name=_("行业")
    )
    address = models.CharField(_("地址"), max_length=200)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        ordering = ["region_id", "name"]
        verbose_name = _("用人单位")
        verbose_name_plural = _("用人单位")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("jobs:employer", args=[self.pk])


class VacancyQuerySet(WorkflowQuerySet):
    def published(self, today: datetime.date | None = None):
        """Open vacancies still valid: readable by every office and the public (guideline 二十一)."""
        today = today or timezone.localdate()
        return self.filter(state=VacancyState.OPEN, valid_until__gte=today)

    def visible_to(self, user):
        """A user reads the vacancies of their jurisdiction and every published one; only
        the owning jurisdiction edits (``editable_by``)."""
        prefix = jurisdiction_prefix(user)
        if prefix is None:
            return self.none()
        if prefix == "":
            return self.all()
        today = timezone.localdate()
        return self.filter(
            subtree_q("region_id", prefix) | Q(state=VacancyState.OPEN, valid_until__gte=today)
        )


class Vacancy(WorkflowModel):
    """A vacancy registered by an employer (招聘登记). Its region is the place of work."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("用人单位")
    )
    title = models.CharField(_("岗位名称"), max_length=100)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="+", verbose_name=_("职业（工种）")
    )
    posts = models.PositiveIntegerField(_("招聘人数"))
    hired = models.PositiveIntegerField(_("已录用人数"), default=0, editable=False)
    wage_min = models.DecimalField(
        _("月薪下限（元）"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    wage_max = models.DecimalField(
        _("月薪上限（元）"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    education = models.CharField(
        _("最低学历"), max_length=2, choices=Education.choices, blank=True,
        help_text=_("不填为不限"),
    )  # fmt: skip
    skills = models.CharField(_("技能要求"), max_length=200, blank=True)
    description = models.TextField(_("岗位说明"), blank=True)
    availability = models.CharField(
        _("用工形式"), max_length=20, choices=Availability.choices, default=Availability.FULL_TIME
    )
    valid_until = models.DateField(_("有效期至"))
    registered_on = models.DateField(_("登记日期"), default=timezone.localdate)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("登记人"),
    )  # fmt: skip

    workflow = VacancyWorkflow()
    worklist_related = ("employer",)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["state", "valid_until"], name="vacancy_state_valid"),
            models.Index(fields=["region", "state"], name="vacancy_region_state"),
            # the lists, newest first: read in index order, stopping at a page's end
            models.Index(fields=["-registered_on", "-id"], name="vacancy_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(wage_max__gte=models.F("wage_min")), name="vacancy_wage_range"
            )
        ]
        verbose_name = _("招聘岗位")
        verbose_name_plural = _("招聘岗位")

    def __str__(self):
        return f"{self.employer} · {self.title}"

    def get_absolute_url(self):
        return reverse("jobs:vacancy", args=[self.pk])

    @property
    def is_published(self):
        return self.state == VacancyState.OPEN and self.valid_until >= timezone.localdate()

    @property
    def open_posts(self):
        return max(self.posts - self.hired, 0)


class SeekerQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(status=SeekerStatus.ACTIVE)

    def with_person(self):
        return self.select_related("person", "region")


class Seeker(ScopedModel):
    """A resident of the ledger registered as seeking work (求职登记). The wished occupations
    and places are also kept as codes in one text each (``wish_codes``, ``place_codes``), so
    matching ranks a province's seekers with one query."""

    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, related_name="seekers", verbose_name=_("人员")
    )
    occupations = models.ManyToManyField(
        Occupation, related_name="+", verbose_name=_("求职意向职业")
    )
    places = models.ManyToManyField(
        "regions.Region", blank=True, related_name="+", verbose_name=_("期望工作地点")
    )
    wish_codes = models.CharField(max_length=60, editable=False, default="")
    place_codes = models.CharField(max_length=80, editable=False, default="")
    wage_expected = models.DecimalField(
        _("期望月薪（元）"), max_digits=9, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    availability = models.CharField(
        _("用工形式"), max_length=20, choices=Availability.choices, default=Availability.EITHER
    )
    available_from = models.DateField(_("可到岗日期"), default=timezone.localdate)
    registered_on = models.DateField(_("登记日期"), default=timezone.localdate)
    status = models.CharField(
        _("状态"), max_length=20, choices=SeekerStatus.choices, default=SeekerStatus.ACTIVE
    )
    # Priority groups, refreshed at registration and every night (``jobs.services``).
    hard_to_employ = models.BooleanField(_("就业困难人员"), default=False, editable=False)
    zero_household = models.BooleanField(_("零就业家庭成员"), default=False, editable=False)
    note = models.TextField(_("备注"), blank=True)

    objects = SeekerQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-id"]
        indexes = [models.Index(fields=["region", "status"], name="seeker_region_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="active"),
                name="seeker_one_active_per_person",
            )
        ]
        verbose_name = _("求职登记")
        verbose_name_plural = _("求职登记")

    def __str__(self):
        return _("%(name)s的求职登记") % {"name": self.person.name}

    def get_absolute_url(self):
        return reverse("jobs:seeker", args=[self.pk])

    @property
    def is_priority(self):
        return self.hard_to_employ or self.zero_household


class ReferralQuerySet(WorkflowQuerySet):
    def with_parties(self):
        return self.select_related("seeker__person", "vacancy__employer", "region", "org")


class Referral(WorkflowModel):
    """A referral of a seeker to a vacancy (职业介绍) and the employer's answer. It belongs to
    the seeker's region; ``org`` is the office that referred (it claims the subsidy)."""

    workflow = ReferralWorkflow()
    worklist_related = ("seeker__person", "vacancy__employer")

    seeker = models.ForeignKey(
        Seeker, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("求职者")
    )
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("岗位")
    )
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("推荐机构"),
    )  # fmt: skip
    referred_on = models.DateField(_("推荐日期"), default=timezone.localdate)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("推荐人"),
    )  # fmt: skip
    match_score = models.PositiveSmallIntegerField(_("匹配度"), null=True, blank=True)
    interviewed_on = models.DateField(_("面试日期"), null=True, blank=True)
    hired_on = models.DateField(_("入职日期"), null=True, blank=True)
    contract_months = models.PositiveSmallIntegerField(
        _("劳动合同期限（月）"), null=True, blank=True
    )
    social_insurance = models.BooleanField(_("已参加社会保险"), default=False)
    not_hired_reason = models.CharField(
        _("未录用原因"), max_length=30, choices=NotHiredReason.choices, blank=True
    )
    answer_note = models.CharField(_("单位反馈说明"), max_length=200, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [models.Index(fields=["org", "state", "hired_on"], name="referral_org_hired")]
        constraints = [
            models.UniqueConstraint(
                fields=["seeker", "vacancy"],
                condition=Q(state__in=OPEN_REFERRAL_STATES),
                name="referral_one_open_per_seeker_vacancy",
            )
        ]
        verbose_name = _("职业介绍")
        verbose_name_plural = _("职业介绍")

    def __str__(self):
        return _("推荐%(name)s到%(vacancy)s") % {
            "name": self.seeker.person.name,
            "vacancy": self.vacancy,
        }

    def get_absolute_url(self):
        return reverse("jobs:referral", args=[self.pk])

    @property
    def number(self):
        """The referral letter's number (介绍信编号): year and sequence."""
        return f"JS{self.referred_on:%Y}{self.pk:08d}"
