import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jiuye.core.history import RecordedQuerySet
from jiuye.core.scoping import EVERYTHING, ScopedQuerySet, jurisdiction_prefix, subtree_q
from jiuye.regions.codes import PREFIX_LENGTH, Level, prefix_of


class BaseModel(models.Model):
    """Timestamps, a version for optimistic locking, and change history for every subclass."""

    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords(inherit=True)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        abstract = True


class ScopedModel(BaseModel):
    """A record that belongs to one region and is seen only inside its jurisdiction."""

    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("区划")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class CalendarDay(BaseModel):
    """An exception to the built-in holiday calendar, kept by an administrator.

    The built-in calendar knows China's official holidays and make-up working days up to the
    last year its library covers; rows here override it and extend it to later years.
    """

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("是否工作日"))
    name = models.CharField(
        _("名称"), max_length=50, blank=True, help_text=_("例如：春节、国庆节调休上班")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")

    def __str__(self):
        kind = _("工作日") if self.is_working_day else _("休息日")
        return f"{self.date:%Y-%m-%d} {self.name or ''} ({kind})"


class AppendOnlyQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("流程记录只能追加，不能修改。"))

    def delete(self):
        raise ValidationError(_("流程记录只能追加，不能删除。"))


class WorkflowEvent(models.Model):
    """One transition of one workflow item: append-only, never changed or deleted."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    transition = models.CharField(_("操作"), max_length=40)
    from_state = models.CharField(_("原状态"), max_length=40, blank=True)
    to_state = models.CharField(_("新状态"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
        help_text=_("空：系统按规则自动办理"),
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    due_on = models.DateField(_("下一步办理时限"), null=True, blank=True)
    comment = models.TextField(_("意见"), blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        verbose_name = _("流程记录")
        verbose_name_plural = _("流程记录")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.transition}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("流程记录只能追加，不能修改。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("流程记录只能追加，不能删除。"))


class WorkflowQuerySet(ScopedQuerySet):
    def open(self):
        """Items not yet in a final state."""
        return self.filter(state__in=self.model.workflow.open_states)

    def overdue(self, today=None):
        """Items whose current step has passed its deadline."""
        return self.filter(due_on__lt=today or timezone.localdate())


class WorkflowModel(ScopedModel):
    """A record that moves through the steps of a ``Workflow`` (see ``core.workflow``).

    Subclasses set ``workflow`` to a ``Workflow`` instance. ``state`` changes only through
    ``core.workflow.fire``; ``due_on`` is the deadline of the current step, null when the
    step has none (a final state, for example); ``assignee`` the worker named responsible for
    it, when the process names one (priority service: 明确责任人).
    """

    workflow = None
    worklist_related: tuple[str, ...] = ()  # relations the work list's label of an item reads

    state = models.CharField(_("状态"), max_length=40, db_index=True)
    state_entered_at = models.DateTimeField(_("进入本环节时间"), default=timezone.now)
    due_on = models.DateField(_("本环节办理时限"), null=True, blank=True, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("本环节责任人"),
    )

    objects = WorkflowQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.state:
            self.state = self.workflow.initial
        super().save(*args, **kwargs)

    @classmethod
    def for_worklist(cls, queryset):
        """``queryset`` with what the work list shows of each item, read in the same query."""
        return queryset.select_related("region", *cls.worklist_related)

    @property
    def state_label(self):
        return self.workflow.state(self.state).label

    def assert_editable(self):
        """Refuse an ordinary edit once the item has left the states where it may be edited."""
        if not self.workflow.is_editable(self.state):
            raise ValidationError(
                _("该事项已处于“%(state)s”环节，不能再修改，只能按流程办理。"),
                params={"state": self.state_label},
                code="frozen",
            )

    @property
    def is_overdue(self):
        return self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def events(self):
        return WorkflowEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(type(self)), object_id=self.pk
        ).select_related("actor")


class PolicyParameter(BaseModel):
    """A value of a policy parameter (an amount, a period, a limit) for a region from a date.

    Rules read parameters, never literals (``core.parameters.value``). A city's or county's
    row overrides the province's for its subtree; of several rows of one region the latest
    effective one applies.
    """

    key = models.CharField(_("参数"), max_length=60, db_index=True)
    value = models.CharField(_("取值"), max_length=200)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("适用区划")
    )
    effective_from = models.DateField(_("生效日期"))
    source = models.TextField(_("依据"), blank=True, help_text=_("文件名称、文号或条款"))
    policy = models.ForeignKey(
        "policies.Policy", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("设定该值的政策"),
    )  # fmt: skip

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["key", "region_id", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "region", "effective_from"], name="policyparameter_unique_per_day"
            )
        ]
        verbose_name = _("政策参数")
        verbose_name_plural = _("政策参数")

    def __str__(self):
        return f"{self.key}={self.value} ({self.region_id}, {self.effective_from})"


class AccessKind(models.TextChoices):
    VIEW = "view", _("查看完整个人信息")
    EXPORT = "export", _("导出")
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出登录")


class AuditQuerySet(AppendOnlyQuerySet):
    """The audit log: appended to, never changed; read by the province (and a superuser)
    only, who also sees the rows of no region (a failed login with an unknown name)."""

    def visible_to(self, user):
        prefix = jurisdiction_prefix(user)
        if prefix is None or len(prefix) > PREFIX_LENGTH[Level.PROVINCE]:
            return self.none()
        if prefix == EVERYTHING:
            return self.all()
        return self.filter(models.Q(region__isnull=True) | subtree_q("region_id", prefix))

    def editable_by(self, user):
        return self.none()

    def views(self):
        """Only the full views of personal data."""
        return self.filter(kind=AccessKind.VIEW)

    def update(self, **kwargs):
        raise ValidationError(_("审计日志只能追加，不能修改。"))

    def delete(self):
        raise ValidationError(_("审计日志只能追加，不能删除。"))

    def expired(self):
        """Rows older than ``settings.AUDIT_KEEP_DAYS``."""
        oldest = timezone.now() - datetime.timedelta(days=settings.AUDIT_KEEP_DAYS)
        return self.filter(at__lt=oldest)

    def purge(self) -> int:
        """Delete the rows past the retention period (the nightly check); the only delete."""
        deleted, _counts = models.QuerySet.delete(self.expired())
        return deleted


class AccessLog(models.Model):
    """The audit log (等保): each opening of a full personal record (identity number and
    phone unmasked), each export, login, failed login and logout. Appended to only; kept
    ``settings.AUDIT_KEEP_DAYS`` days, then purged by the nightly check."""

    kind = models.CharField(
        _("类别"), max_length=20, choices=AccessKind.choices, default=AccessKind.VIEW
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("用户"),
    )  # fmt: skip
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("区划"),
    )  # fmt: skip
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    purpose = models.CharField(_("用途"), max_length=200, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"]),
            models.Index(fields=["kind", "address", "at"]),
        ]
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username or self.user_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("审计日志只能追加，不能修改。"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("审计日志只能追加，不能删除。"))

    @property
    def record_label(self) -> str:
        """What record was seen: its kind and number (no name: the log shows no personal data)."""
        if self.content_type_id is None:
            return ""
        return f"{self.content_type.name} #{self.object_id}"


class NumberSequence(models.Model):
    """The last number of a series an issuer gave in a year (a county's registration
    certificates, its assistance cards). Numbers are taken with ``core.services.next_number``."""

    series = models.CharField(_("编号类别"), max_length=40)
    issuer = models.CharField(_("发证机关区划"), max_length=12, help_text=_("区划代码或前缀"))
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用到"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "issuer", "year"], name="numbersequence_unique"
            )
        ]
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")

    def __str__(self):
        return f"{self.series} {self.issuer} {self.year}: {self.last}"


def evidence_path(attachment, filename):
    """Where an evidence file is kept: by county and case (``attachment.folder``), its name
    behind a random part."""
    county = prefix_of(attachment.region_id, Level.COUNTY)
    return f"evidence/{county}/{attachment.folder}/{secrets.token_hex(8)}-{filename[-80:]}"


class Evidence(ScopedModel):
    """A file of evidence kept with a case and served only inside the jurisdiction (an
    identification's investigation, a household's, an application's); a concrete model names
    its ``folder``. Checked by ``core.services.check_evidence``, served by
    ``core.views.EvidenceDownloadView``."""

    title = models.CharField(_("材料名称"), max_length=100)
    file = models.FileField(_("文件"), upload_to=evidence_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["created_at"]

    def __str__(self):
        return self.title


class ExportState(models.TextChoices):
    RUNNING = "running", _("正在生成")
    DONE = "done", _("已生成")
    FAILED = "failed", _("生成失败")


class ExportQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Only the user who asked, only while they still hold the jurisdiction the file was
        made in (the region lies in their subtree), and only until the file expires."""
        mine = super().visible_to(user).filter(requested_by_id=getattr(user, "pk", None))
        return mine.filter(expires_at__gt=timezone.now())

    editable_by = visible_to


class Export(models.Model):
    """An Excel file of a list too long to make during a request (``core.exporting``): made
    in the background, kept for ``settings.EXPORT_KEEP_HOURS``, downloadable only by the user
    who asked. ``path`` and ``query`` are the export's URL: the task opens the list view with
    them as that user, so the file holds what the list holds. No change history: a file, not a
    record."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    expires_at = models.DateTimeField(_("保留至"))
    title = models.CharField(_("名称"), max_length=200)
    filename = models.CharField(_("文件名"), max_length=200)
    path = models.CharField(max_length=500)
    query = models.TextField(blank=True)
    language = models.CharField(max_length=10, default="zh-hans")
    state = models.CharField(
        _("状态"), max_length=20, choices=ExportState.choices, default=ExportState.RUNNING
    )
    total = models.PositiveIntegerField(_("行数"), default=0)
    processed = models.PositiveIntegerField(_("已处理行数"), default=0)
    content = models.BinaryField(_("文件内容"), blank=True, default=b"")
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("导出文件")
        verbose_name_plural = _("导出文件")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:export", args=[self.pk])

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0
