import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiuye.core.models import BaseModel
from jiuye.core.scoping import ScopedQuerySet
from jiuye.regions.codes import Level, prefix_of
from jiuye.staff.roles import EVERYONE, ROLE_LEVEL, RoleCode, grantable


class Employment(models.TextChoices):
    """How a worker is employed (guideline 七): on the office's staff, part-time beside other
    duties (a village cadre), or on a special public-welfare post (特定公益性岗位)."""

    FULL_TIME = "full_time", _("专职")
    PART_TIME = "part_time", _("兼职")
    SPECIAL_POST = "special_post", _("特定公益性岗位")


class Role(models.Model):
    """One row per ``staff.roles.RoleCode``; the rows exist so that accounts can hold several."""

    code = models.CharField(_("角色"), max_length=20, primary_key=True, choices=RoleCode.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self):
        return str(RoleCode(self.code).label)


class UserQuerySet(ScopedQuerySet):
    region_field = "org__region_id"

    def with_org(self):
        return self.select_related("org__region", "position").prefetch_related("roles")

    def managed_by(self, user):
        """Accounts the user administers: below their own region, never their own account
        or a superuser's, and none holding a role the user may not grant (a township manages
        its coordinators, not an inspector a county placed in a village)."""
        accounts = self.below(user).exclude(pk=user.pk).filter(is_superuser=False)
        beyond = EVERYONE - grantable(user)
        if beyond:
            accounts = accounts.exclude(roles__code__in=beyond)
        return accounts


class StaffManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A staff account: one person at one service organisation, holding one or more roles."""

    first_name = None
    last_name = None
    name = models.CharField(_("姓名"), max_length=50)
    org = models.ForeignKey(
        "regions.ServiceOrg",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("所属机构"),
    )
    roles = models.ManyToManyField(Role, blank=True, related_name="users", verbose_name=_("角色"))
    position = models.ForeignKey(
        "staff.Position", on_delete=models.PROTECT, null=True, blank=True, related_name="holders",
        verbose_name=_("岗位"),
    )  # fmt: skip
    employment = models.CharField(
        _("用工形式"), max_length=20, choices=Employment.choices, default=Employment.FULL_TIME
    )
    started_on = models.DateField(_("上岗日期"), null=True, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    # The worker's own entry in the ledger: a coordinator on a special public-welfare post
    # (特定公益性岗位, guideline 七) is placed and paid as that resident.
    person = models.OneToOneField(
        "ledger.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="staff_account",
        verbose_name=_("本人台账信息"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    # When the password was last set through the app (a form, a service, createsuperuser);
    # empty for seeded demo accounts. The password expires PASSWORD_EXPIRY_DAYS after it.
    password_changed_at = models.DateTimeField(
        _("密码修改时间"), null=True, blank=True, editable=False
    )

    objects = StaffManager()
    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "updated_at", "password_changed_at"],
        m2m_fields=[roles],
    )

    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["username"]
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self):
        return (
            _("%(name)s（%(code)s）") % {"name": self.name, "code": self.username}
            if self.name
            else self.username
        )

    def get_full_name(self):
        return self.name

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    @property
    def password_expires_at(self) -> datetime.datetime | None:
        """When the password must be changed; None if it never expires."""
        if not settings.PASSWORD_EXPIRY_DAYS or self.password_changed_at is None:
            return None
        return self.password_changed_at + datetime.timedelta(days=settings.PASSWORD_EXPIRY_DAYS)

    def get_short_name(self):
        return self.name

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(role.code for role in self.roles.all())

    @property
    def role_labels(self) -> list[str]:
        return [str(RoleCode(code).label) for code in sorted(self.role_codes)]

    @cached_property
    def jurisdiction_prefix(self) -> str | None:
        """The prefix of the region subtree this account may see: ``""`` all, ``None`` nothing."""
        if self.is_superuser:
            return ""
        if self.org_id is None or not self.org.is_active:
            return None
        return prefix_of(self.org.region_id)

    def clean(self):
        super().clean()
        if self.position_id is not None and self.position.org_id != self.org_id:
            raise ValidationError({"position": _("岗位应为本人所属机构的岗位。")})

    def clean_roles(self, roles) -> None:
        """Each role is held at the level it belongs to (``staff.roles.ROLE_LEVEL``)."""
        if self.org_id is None:
            if roles:
                raise ValidationError({"roles": _("没有所属机构的账号不能持有角色。")})
            return
        level = Level(self.org.region.level)
        wrong = [
            str(RoleCode(role.code).label)
            for role in roles
            if ROLE_LEVEL[RoleCode(role.code)] not in (None, level)
        ]
        if wrong:
            raise ValidationError(
                {
                    "roles": _("%(roles)s不能设在%(level)s级机构。")
                    % {"roles": _("、").join(wrong), "level": level.label}
                }
            )


class StaffCertificateQuerySet(ScopedQuerySet):
    region_field = "user__org__region_id"

    def managed_by(self, user):
        return self.filter(user__in=User.objects.managed_by(user))

    def expiring(self, within_days: int = 90):
        today = timezone.localdate()
        return self.filter(
            expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=within_days)
        )


class StaffCertificate(BaseModel):
    """A certificate a staff member holds (持证上岗): e.g. 劳动保障协理员 vocational qualification."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("持证人")
    )
    name = models.CharField(_("证书名称"), max_length=100)
    number = models.CharField(_("证书编号"), max_length=50)
    issuer = models.CharField(_("发证机关"), max_length=100, blank=True)
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)

    objects = StaffCertificateQuerySet.as_manager()

    class Meta:
        ordering = ["user_id", "issued_on"]
        constraints = [
            models.UniqueConstraint(fields=["name", "number"], name="certificate_unique_number")
        ]
        verbose_name = _("上岗证书")
        verbose_name_plural = _("上岗证书")

    def __str__(self):
        return f"{self.name} {self.number}"

    def clean(self):
        if self.expires_on and self.issued_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": _("有效期至不能早于发证日期。")})

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()


class PositionQuerySet(ScopedQuerySet):
    region_field = "org__region_id"


class Position(BaseModel):
    """A post of an office (定岗定责, guideline 七 and 二十): its title and duties, held by one or
    more workers, with its share of the office's yearly targets (``PositionTarget``)."""

    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="positions",
        verbose_name=_("所属机构"),
    )  # fmt: skip
    title = models.CharField(_("岗位名称"), max_length=50)
    duties = models.TextField(_("岗位职责"), blank=True)
    is_active = models.BooleanField(_("在用"), default=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["org_id", "title"]
        constraints = [
            models.UniqueConstraint(fields=["org", "title"], name="position_once_per_org")
        ]
        verbose_name = _("工作岗位")
        verbose_name_plural = _("工作岗位")

    def __str__(self):
        return self.title


class TargetQuerySet(ScopedQuerySet):
    region_field = "org__region_id"


class Target(BaseModel):
    """An office's target of a year for one registered indicator (年度工作目标), set by the
    level above it; the office breaks it down to its posts (``PositionTarget``)."""

    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="targets",
        verbose_name=_("机构"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("年度"))
    indicator = models.CharField(_("指标"), max_length=60)
    value = models.DecimalField(_("目标值"), max_digits=12, decimal_places=2)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["org_id", "-year", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "indicator"], name="target_once_a_year"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="target_not_negative"),
        ]
        verbose_name = _("年度工作目标")
        verbose_name_plural = _("年度工作目标")

    def __str__(self):
        return f"{self.year} {self.label}"

    def get_absolute_url(self):
        return f"{reverse('staff:plan', args=[self.org_id])}?year={self.year}"

    @property
    def label(self) -> str:
        from jiuye.core.registry import registry

        found = registry["indicators"].get(self.indicator)
        return str(found.label) if found else self.indicator

    def clean(self):
        from jiuye.core.registry import registry

        if self.indicator and self.indicator not in registry["indicators"]:
            raise ValidationError(
                {"indicator": _("“%(code)s”不是已登记的指标。") % {"code": self.indicator}}
            )


class PositionTargetQuerySet(ScopedQuerySet):
    region_field = "position__org__region_id"


class PositionTarget(BaseModel):
    """A post's share of an office's yearly target (目标任务分解到岗位), counted by what the
    post's holders record themselves (a registered ``core.registry.Work`` of the target's
    indicator): the 绩 of their yearly assessment."""

    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="shares", verbose_name=_("机构目标")
    )
    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="targets", verbose_name=_("岗位")
    )
    work = models.CharField(_("计量的工作"), max_length=60)
    value = models.DecimalField(_("岗位目标值"), max_digits=12, decimal_places=2)

    objects = PositionTargetQuerySet.as_manager()

    class Meta:
        ordering = ["target_id", "position_id"]
        constraints = [
            models.UniqueConstraint(fields=["target", "position"], name="position_target_once"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="position_target_not_negative"),
        ]  # fmt: skip
        verbose_name = _("岗位年度目标")
        verbose_name_plural = _("岗位年度目标")

    def __str__(self):
        return f"{self.position} {self.target}"


class TrainingKind(models.TextChoices):
    INDUCTION = "induction", _("岗前培训")
    SERVING = "serving", _("在岗培训")


class StaffTrainingQuerySet(ScopedQuerySet):
    region_field = "user__org__region_id"

    def managed_by(self, user):
        return self.filter(user__in=User.objects.managed_by(user))


class StaffTraining(BaseModel):
    """A training a worker attended (guideline 七: new staff trained before taking up the post,
    serving staff at least once a year)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("参训人员")
    )
    kind = models.CharField(_("培训类别"), max_length=20, choices=TrainingKind.choices)
    title = models.CharField(_("培训名称"), max_length=100)
    organiser = models.CharField(_("举办单位"), max_length=100)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"))
    hours = models.PositiveSmallIntegerField(_("学时"))
    passed = models.BooleanField(_("考核合格"), default=True)

    objects = StaffTrainingQuerySet.as_manager()

    class Meta:
        ordering = ["user_id", "-ended_on"]
        verbose_name = _("工作人员培训记录")
        verbose_name_plural = _("工作人员培训记录")

    def __str__(self):
        return _("%(name)s（%(code)s）") % {"name": self.title, "code": f"{self.ended_on:%Y-%m-%d}"}

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("结束日期不能早于开始日期。")})


class PairingReason(models.TextChoices):
    OUTSTANDING = "outstanding", _("工作突出")
    LAGGING = "lagging", _("工作落后")


class PairingQuerySet(ScopedQuerySet):
    region_field = "org__region_id"

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(started_on__lte=on).filter(
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on)
        )


class Pairing(BaseModel):
    """A city or county worker paired with a grassroots office to stay with and help
    (对口联系、联系蹲点, guideline 七), from a day to a day."""

    worker = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="pairings", verbose_name=_("联系人")
    )
    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="pairings", verbose_name=_("联系的基层机构"),
    )  # fmt: skip
    reason = models.CharField(_("联系原因"), max_length=20, choices=PairingReason.choices)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    note = models.TextField(_("联系蹲点情况"), blank=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["org_id", "-started_on"]
        verbose_name = _("对口联系")
        verbose_name_plural = _("对口联系")

    def __str__(self):
        return f"{self.worker.name} → {self.org.name}"

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("结束日期不能早于开始日期。")})


class PasswordHistory(models.Model):
    """An account's earlier password hashes, newest first: a new password may not be one of
    the last ``settings.PASSWORD_HISTORY`` (``staff.passwords.HistoryValidator``)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-set_at", "-id"]
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")

    def __str__(self):
        return f"{self.user_id} {self.set_at:%Y-%m-%d}"
