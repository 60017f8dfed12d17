from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import BaseModel, ScopedModel
from jiuye.core.scoping import ScopedQuerySet
from jiuye.regions.choices import ORG_KIND_LEVEL, OrgKind
from jiuye.regions.codes import (
    CODE_PATTERN,
    URBAN_KINDS,
    Level,
    RegionKind,
    ancestors,
    contains,
    prefix_of,
)

code_validator = RegexValidator(f"^{CODE_PATTERN}$", _("区划代码应为12位数字。"))


class RegionQuerySet(ScopedQuerySet):
    region_field = "code"


class Region(BaseModel):
    """An administrative division: province, city, county, township/street or village/community."""

    code = models.CharField(
        _("区划代码"), max_length=12, primary_key=True, validators=[code_validator]
    )
    name = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    kind = models.CharField(_("类别"), max_length=20, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级区划"),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "code"])]
        verbose_name = _("区划")
        verbose_name_plural = _("区划")

    def __str__(self):
        return self.name

    @property
    def prefix(self) -> str:
        return prefix_of(self.code, Level(self.level))

    @property
    def is_urban(self) -> bool:
        return self.kind in URBAN_KINDS

    @property
    def child_level(self) -> Level | None:
        return Level(self.level + 1) if self.level < Level.VILLAGE else None

    @cached_property
    def path(self) -> list["Region"]:
        """The region and its ancestors, province first (one query)."""
        return region_path(self.code)

    def contains(self, code: str) -> bool:
        return contains(self.prefix, code)


def region_path(code: str) -> list[Region]:
    """The region of ``code`` and its ancestors, province first, in one query."""
    return list(Region.objects.filter(code__in=ancestors(code)).order_by("level"))


class ServiceOrgQuerySet(ScopedQuerySet):
    def with_region(self):
        return self.select_related("region")


class ServiceOrg(ScopedModel):
    """A public employment service organisation: the office at one region."""

    name = models.CharField(_("机构名称"), max_length=100)
    kind = models.CharField(_("机构类别"), max_length=30, choices=OrgKind.choices)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    objects = ServiceOrgQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="serviceorg_unique_name_per_region"
            )
        ]
        verbose_name = _("服务机构")
        verbose_name_plural = _("服务机构")

    def __str__(self):
        return self.name

    def clean(self):
        expected = ORG_KIND_LEVEL.get(self.kind)
        if self.region_id and expected and self.region.level != expected:
            raise ValidationError(
                {
                    "kind": _("“%(kind)s”应设在%(level)s级区划。")
                    % {"kind": self.get_kind_display(), "level": Level(expected).label}
                }
            )


class ChangeKind(models.TextChoices):
    """How a division code changed (``regions.changes`` reads each kind)."""

    RENAMED = "renamed", _("更名（代码变更）")
    MOVED = "moved", _("改属（整体划归）")
    MERGED = "merged", _("撤销并入")
    SPLIT = "split", _("部分划出")


class RegionChange(BaseModel):
    """One change of a division code: from ``effective`` on, the area that had ``old_code``
    has ``new_code`` (wholly for renamed and moved, as part of it for merged, a part of it for
    split). Records keep the codes of today; these rows let old codes be read and past
    statistics be drawn as the regions were (``regions.changes``)."""

    old_code = models.CharField(_("原区划代码"), max_length=12, validators=[code_validator])
    old_name = models.CharField(_("原名称"), max_length=100)
    new_code = models.CharField(_("现区划代码"), max_length=12, validators=[code_validator])
    effective = models.DateField(_("生效日期"))
    kind = models.CharField(_("变更类别"), max_length=10, choices=ChangeKind.choices)
    source = models.CharField(_("依据"), max_length=300)

    class Meta:
        ordering = ["effective", "old_code"]
        constraints = [
            models.UniqueConstraint(fields=["old_code", "new_code"], name="regionchange_unique")
        ]
        verbose_name = _("区划代码变更")
        verbose_name_plural = _("区划代码变更")

    def __str__(self):
        return f"{self.old_name} {self.old_code} → {self.new_code} ({self.effective})"
