from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.scoping import ScopedQuerySet


class BuildState(models.TextChoices):
    WAITING = "waiting", _("排队中")
    RUNNING = "running", _("正在生成")
    DONE = "done", _("已生成")
    FAILED = "failed", _("生成失败")


class BookBuild(models.Model):
    """A large book's Excel file made in the background (more rows than the setting
    ``BOOKS_BACKGROUND_ROWS``): who asked, for which region, book and day, its progress and
    the file. It belongs to the region of the book, so only that region's jurisdiction reads
    it (and a role that may read the book). No change history: it is a product of the record,
    not a record."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    book = models.CharField(_("台账"), max_length=30)
    on = models.DateField(_("日期"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    state = models.CharField(
        _("状态"), max_length=10, choices=BuildState.choices, default=BuildState.WAITING
    )
    total = models.PositiveIntegerField(_("行数"), default=0)
    done = models.PositiveIntegerField(_("已写行数"), default=0)
    content = models.BinaryField(_("文件"), default=b"")
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("台账生成")
        verbose_name_plural = _("台账生成")

    def __str__(self):
        return f"{self.book} {self.region_id} {self.on}"

    def get_absolute_url(self):
        return reverse("books:build", args=[self.pk])

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
