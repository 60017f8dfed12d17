"""The policy library (guideline 五 and 二十五): policies with the regions they apply to, the
consultations at the windows that cite them, and good-practice cases (典型经验).

A policy belongs to the region of the office that keeps it (the province keeps the national
documents with its own); it applies to that region's whole subtree, or to chosen cities and
counties of it (``PolicyArea``). Every office reads the policies that apply in its
jurisdiction: its own and those below it, and those of the levels above that reach it
(``PolicyQuerySet.visible_to``). Its text is searchable through the database's full-text
index (``search``)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import BaseModel, ScopedModel
from jiuye.core.scoping import EVERYTHING, DownwardQuerySet, jurisdiction_prefix, subtree_q
from jiuye.policies.choices import IssuingLevel, Status, Topic
from jiuye.regions.codes import ancestors, code_of_prefix


class PolicyQuerySet(DownwardQuerySet):
    def visible_to(self, user):
        """The policies that apply somewhere in the user's jurisdiction (DownwardQuerySet, with
        the chosen areas of the levels above)."""
        prefix = jurisdiction_prefix(user)
        return self.none() if prefix is None else self.applies_within(prefix)

    def applies_within(self, prefix: str):
        """Policies kept in the subtree of ``prefix``, and those of the regions above it that
        apply to all their subtree or to a chosen area above, at or under ``prefix``."""
        if prefix == EVERYTHING:
            return self.all()
        code = code_of_prefix(prefix)
        above = [each for each in ancestors(code) if each != code]
        chosen = PolicyArea.objects.filter(policy=OuterRef("pk"))
        reaching = chosen.filter(Q(region_id__in=ancestors(code)) | subtree_q("region_id", prefix))
        return self.filter(
            subtree_q(self.region_field, prefix)
            | (Q(region_id__in=above) & (~Exists(chosen) | Exists(reaching)))
        )

    def in_force(self, day: datetime.date):
        return self.filter(
            Q(effective_from__lte=day),
            Q(effective_until__isnull=True) | Q(effective_until__gte=day),
        )

    def with_region(self):
        return self.select_related("region")

    def search(self, text: str):
        """Those whose words match ``text``, the most relevant first (``rank``)."""
        from jiuye.policies import search

        return search.search(self, text)


class Policy(ScopedModel):
    """A policy document: who issued it, its number (文号), when it was issued and is in
    force, where it applies, its full text and its standing."""

    level = models.CharField(_("发文层级"), max_length=10, choices=IssuingLevel.choices)
    title = models.CharField(_("政策名称"), max_length=200)
    issuer = models.CharField(_("发文机关"), max_length=200)
    number = models.CharField(_("文号"), max_length=60, blank=True)
    issued_on = models.DateField(_("发布日期"))
    effective_from = models.DateField(_("施行日期"))
    effective_until = models.DateField(
        _("有效期至"),
        null=True,
        blank=True,
        help_text=_("不填：长期有效；修订或废止的填停止执行日期"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    text = models.TextField(_("政策全文"))
    areas = models.ManyToManyField(
        "regions.Region", through="PolicyArea", related_name="+", verbose_name=_("适用地区"),
        blank=True,
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("录入人"),
    )  # fmt: skip

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["effective_from", "effective_until"])]
        verbose_name = _("政策")
        verbose_name_plural = _("政策")

    def __str__(self):
        return (
            _("%(name)s（%(code)s）") % {"name": self.title, "code": self.number}
            if self.number
            else self.title
        )

    def get_absolute_url(self):
        return reverse("policies:detail", args=[self.pk])

    def in_force_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (
            self.effective_until is None or self.effective_until >= day
        )


class PolicyArea(BaseModel):
    """A city or county a policy applies to, when it applies to part of its region only."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="policy_areas")
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("适用地区")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["policy", "region"], name="policyarea_unique")
        ]
        verbose_name = _("适用地区")
        verbose_name_plural = _("适用地区")

    def __str__(self):
        return self.region_id


class DocumentField(models.TextField):
    """The column of the full-text index (an FTS5 column on SQLite, a tsvector on
    PostgreSQL); queried only with the lookup ``matches`` (``search.Matches``)."""


class PolicyIndex(models.Model):
    """The full-text index of the policies, one row per policy (its id is the row id), kept
    by ``search.index`` whenever a policy is saved: a table the migration creates for the
    database in use (``search.CREATE``), so Django does not manage it."""

    policy = models.OneToOneField(
        Policy, on_delete=models.DO_NOTHING, primary_key=True, db_column="rowid",
        db_constraint=False, related_name="search_index",
    )  # fmt: skip
    document = DocumentField()
    rank = models.FloatField()  # SQLite: FTS5's hidden column (bm25 of the MATCH)

    class Meta:
        managed = False
        db_table = "policies_policy_fts"

    def __str__(self):
        return str(self.policy_id)


class Consultation(ScopedModel):
    """A question about policy asked at a window (政策咨询) and the answer given, with the
    policies the answer cites. It belongs to the region of the office that answered."""

    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("受理机构"),
    )  # fmt: skip
    asked_on = models.DateField(_("咨询日期"))
    person = models.ForeignKey(
        "ledger.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("咨询人（台账人员）"),
    )  # fmt: skip
    asker_name = models.CharField(_("咨询人"), max_length=50, blank=True)
    topic = models.CharField(_("咨询类别"), max_length=30, choices=Topic.choices)
    question = models.TextField(_("咨询问题"))
    answer = models.TextField(_("答复内容"))
    policies = models.ManyToManyField(
        Policy, through="Citation", related_name="+", verbose_name=_("引用政策"), blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("答复人"),
    )  # fmt: skip

    class Meta:
        ordering = ["-asked_on", "-id"]
        indexes = [models.Index(fields=["region", "asked_on"])]
        verbose_name = _("政策咨询")
        verbose_name_plural = _("政策咨询")

    def __str__(self):
        return f"{self.asked_on:%Y-%m-%d} {self.question[:30]}"

    def get_absolute_url(self):
        return reverse("policies:consultation", args=[self.pk])

    @property
    def asker(self) -> str:
        return self.person.name if self.person_id else self.asker_name


class Citation(BaseModel):
    """A policy an answer cites."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="citations"
    )
    policy = models.ForeignKey(
        Policy, on_delete=models.PROTECT, related_name="citations", verbose_name=_("引用政策")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "policy"], name="citation_unique")
        ]
        verbose_name = _("引用政策")
        verbose_name_plural = _("引用政策")

    def __str__(self):
        return str(self.policy_id)


class GoodPractice(ScopedModel):
    """A good-practice case (典型经验, guideline 二十五) of an office: written by the office or
    the levels above, published by the county or above on the public page."""

    org = models.ForeignKey(
        "regions.ServiceOrg", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("经验单位"),
    )  # fmt: skip
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("正文"))
    published = models.BooleanField(_("已公开发布"), default=False)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("录入人"),
    )  # fmt: skip

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("典型经验")
        verbose_name_plural = _("典型经验")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("policies:practice", args=[self.pk])
