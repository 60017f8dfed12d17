import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiuye.core.models import BaseModel
from jiuye.core.scoping import ScopedQuerySet
from jiuye.regions.codes import Level, prefix_of
from jiuye.staff.roles import EVERYONE, ROLE_LEVEL, RoleCode, grantable


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
        return self.select_related("org__region").prefetch_related("roles")

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
    post = models.CharField(_("岗位"), max_length=50, blank=True)
    duties = models.TextField(_("职责"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    # The worker's own entry in the ledger: a coordinator on a special public-welfare post
    # (特定公益性岗位, guideline 七) is placed and paid as that resident.
    person = models.OneToOneField(
        "ledger.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="staff_account",
        verbose_name=_("本人台账信息"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = StaffManager()
    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "updated_at"], m2m_fields=[roles]
    )

    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["username"]
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self):
        return f"{self.name}（{self.username}）" if self.name else self.username

    def get_full_name(self):
        return self.name

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
                    % {"roles": "、".join(wrong), "level": level.label}
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
