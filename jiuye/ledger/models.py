import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiuye.core.models import ScopedModel
from jiuye.core.scoping import ScopedQuerySet
from jiuye.ledger.choices import (
    EMPLOYED,
    Disability,
    Education,
    Ethnicity,
    HukouType,
    LabourStatus,
    Relation,
    Sex,
    TransferDestination,
)
from jiuye.ledger.identity import mask_id_number, mask_phone


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` years earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class Household(ScopedModel):
    """A registered household (户) of the ledger: its members are persons."""

    address = models.CharField(_("住址"), max_length=200, blank=True)
    has_dibao = models.BooleanField(_("享受最低生活保障"), default=False)
    has_business_income = models.BooleanField(
        _("有经营性或投资性收入"), default=False,
        help_text=_("家庭有个体经营、出租房屋、投资分红等收入"),
    )  # fmt: skip
    income_per_capita = models.DecimalField(
        _("家庭人均月收入（元）"), max_digits=9, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("未调查的留空"),
    )  # fmt: skip
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        ordering = ["region_id", "id"]
        verbose_name = _("家庭")
        verbose_name_plural = _("家庭")

    def __str__(self):
        head = self.members.filter(relation=Relation.HEAD).first()
        return _("%(name)s户") % {"name": head.name} if head else _("家庭%(id)s") % {"id": self.pk}


def working_age_q(on: datetime.date, *, minimum: int, male_max: int, female_max: int, field=""):
    """Persons of working age on ``on``: at least ``minimum`` years old and younger than the
    retirement age of their sex (see ``selectors.working_age_limits``). ``field`` leads to
    the person from another model (``"members__"``, ``"person__"``)."""
    return Q(**{f"{field}birth_date__lte": years_before(on, minimum)}) & (
        Q(**{f"{field}sex": Sex.MALE, f"{field}birth_date__gt": years_before(on, male_max)})
        | Q(**{f"{field}sex": Sex.FEMALE, f"{field}birth_date__gt": years_before(on, female_max)})
    )


class PersonQuerySet(ScopedQuerySet):
    def with_region(self):
        return self.select_related("region")

    def working_age(self, on: datetime.date, **limits):
        return self.filter(working_age_q(on, **limits))


class Person(ScopedModel):
    """A resident of the ledger (人力资源台账): identity, household, skills and wishes, and the
    current labour status (its full history is in ``StatusRecord``)."""

    # No index of its own: the index on (region, id) serves the region's lookups and the
    # lists' order; with a smaller one beside it the planner read whole villages through that
    # and sorted them for a page of 50.
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区划"),
        db_index=False,
    )  # fmt: skip
    id_number = models.CharField(_("公民身份号码"), max_length=18, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    name_initials = models.CharField(_("姓名拼音首字母"), max_length=50, blank=True, editable=False)
    sex = models.CharField(_("性别"), max_length=1, choices=Sex.choices, editable=False)
    birth_date = models.DateField(_("出生日期"), editable=False)
    ethnicity = models.CharField(_("民族"), max_length=2, choices=Ethnicity.choices, default="01")
    education = models.CharField(_("文化程度"), max_length=2, choices=Education.choices, blank=True)
    hukou_type = models.CharField(
        _("户籍性质"), max_length=20, choices=HukouType.choices, blank=True
    )
    address = models.CharField(_("现住址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("家庭"),
    )
    relation = models.CharField(
        _("与户主关系"), max_length=20, choices=Relation.choices, blank=True
    )
    disability = models.CharField(
        _("残疾等级"), max_length=1, choices=Disability.choices, blank=True
    )
    willing_to_work = models.BooleanField(
        _("有就业（转移就业）意愿"), default=True,
        help_text=_("城镇居民：愿意就业；农村居民：愿意转移到非农产业就业"),
    )  # fmt: skip
    skills = models.CharField(_("专业技能"), max_length=200, blank=True)
    qualifications = models.CharField(_("职业资格"), max_length=200, blank=True)
    job_wish = models.CharField(_("求职意向"), max_length=200, blank=True)
    training_wish = models.CharField(_("培训意向"), max_length=200, blank=True)
    service_needs = models.CharField(_("服务需求"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    # The current labour status, copied from the open StatusRecord for fast lists and filters.
    status = models.CharField(_("就业状态"), max_length=30, choices=LabourStatus.choices)
    status_since = models.DateField(_("状态起始日期"))
    employer = models.CharField(_("就业单位"), max_length=100, blank=True)
    industry = models.CharField(_("行业"), max_length=100, blank=True)
    occupation = models.CharField(_("职业（工种）"), max_length=100, blank=True)
    transfer_destination = models.CharField(
        _("转移去向"), max_length=10, choices=TransferDestination.choices, blank=True
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "id"]
        indexes = [
            models.Index(fields=["region", "id"], name="person_region_id"),
            models.Index(fields=["region", "status"], name="person_region_status"),
            models.Index(fields=["region", "name_initials"], name="person_region_initials"),
            models.Index(fields=["phone"], name="person_phone"),
            models.Index(fields=["name"], name="person_name"),
        ]
        verbose_name = _("人员")
        verbose_name_plural = _("人员")

    def __str__(self):
        return self.name

    @property
    def masked_id_number(self):
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    @property
    def is_employed(self):
        return self.status in EMPLOYED

    def age_on(self, day: datetime.date | None = None) -> int:
        day = day or timezone.localdate()
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class StatusRecordQuerySet(ScopedQuerySet):
    def on(self, day: datetime.date):
        """The records in force on ``day``."""
        return self.filter(since__lte=day).filter(Q(until__isnull=True) | Q(until__gt=day))


class StatusRecord(models.Model):
    """One period of a person's labour status: from ``since`` until (not including) ``until``.

    A change closes the open period and opens a new one; only a correction on the same day
    replaces a period, and that is kept in the change history. The region is where the person
    lived in the period, so counts of a past date add up by region."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_records")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("就业状态"), max_length=30, choices=LabourStatus.choices)
    since = models.DateField(_("起始日期"))
    until = models.DateField(_("截止日期"), null=True, blank=True)
    employer = models.CharField(_("就业单位"), max_length=100, blank=True)
    industry = models.CharField(_("行业"), max_length=100, blank=True)
    occupation = models.CharField(_("职业（工种）"), max_length=100, blank=True)
    transfer_destination = models.CharField(
        _("转移去向"), max_length=10, choices=TransferDestination.choices, blank=True
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = StatusRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person_id", "since", "id"]
        indexes = [
            models.Index(fields=["region", "status", "since"], name="statusrecord_region_status"),
            models.Index(fields=["person", "since"], name="statusrecord_person_since"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(until__isnull=True),
                name="statusrecord_one_open_per_person",
            )
        ]
        verbose_name = _("就业状态记录")
        verbose_name_plural = _("就业状态记录")

    def __str__(self):
        return f"{self.person_id} {self.status} {self.since}–{self.until or ''}"


class Transfer(models.Model):
    """A person moved from one region to another (迁出、迁入)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="transfers")
    from_region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    to_region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("迁移日期"))
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("迁移记录")
        verbose_name_plural = _("迁移记录")

    def __str__(self):
        return f"{self.person_id}: {self.from_region_id} → {self.to_region_id}"


class ImportState(models.TextChoices):
    VALIDATING = "validating", _("正在校验")
    INVALID = "invalid", _("有错误，未导入")
    READY = "ready", _("校验通过，待确认")
    IMPORTING = "importing", _("正在导入")
    DONE = "done", _("已导入")
    FAILED = "failed", _("导入失败")


class LedgerImport(models.Model):
    """An Excel ledger uploaded for import: validated in full first, written only when the
    user confirms, all rows or none. The region is the uploader's jurisdiction. The file is
    dropped once the import is done or refused (it holds personal data); no change history."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(_("文件名"), max_length=200)
    content = models.BinaryField(_("文件内容"))
    state = models.CharField(
        _("状态"), max_length=20, choices=ImportState.choices, default=ImportState.VALIDATING
    )
    total = models.PositiveIntegerField(_("数据行数"), default=0)
    processed = models.PositiveIntegerField(_("已处理行数"), default=0)
    errors = models.JSONField(
        _("错误"), default=list
    )  # [{"row": 5, "column": "公民身份号码", "message": "…"}]
    summary = models.JSONField(_("结果"), default=dict)  # counts and the rows of each action
    message = models.TextField(_("说明"), blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")

    def __str__(self):
        return self.filename

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0
