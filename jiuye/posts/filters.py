import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.jobs.models import Referral
from jiuye.ledger.filters import search
from jiuye.posts.choices import LeaveReason, PostKind
from jiuye.posts.models import Placement, Post
from jiuye.regions.filters import RegionCodeFilter


class PostFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("岗位或用岗单位名称"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    kind = django_filters.ChoiceFilter(choices=PostKind.choices, label=_("岗位类别"))
    active = django_filters.BooleanFilter(method="filter_active", label=_("在岗位期限内"))
    vacant = django_filters.BooleanFilter(method="filter_vacant", label=_("有空岗"))

    class Meta:
        model = Post
        fields = ["q", "region", "kind", "active", "vacant"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__contains=value) | Q(unit_name__contains=value))

    def filter_active(self, queryset, name, value):
        today = timezone.localdate()
        active = Q(starts_on__lte=today, ends_on__gte=today)
        return queryset.filter(active) if value else queryset.exclude(active)

    def filter_vacant(self, queryset, name, value):
        queryset = queryset.with_filled()
        return (
            queryset.filter(filled__lt=F("posts"))
            if value
            else queryset.filter(filled__gte=F("posts"))
        )


class PlacementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("在岗"))
    reason = django_filters.ChoiceFilter(
        field_name="leave_reason", choices=LeaveReason.choices, label=_("离岗原因")
    )
    # bounded: a number beyond the database's integers is a form error, not a server error
    post = django_filters.NumberFilter(
        field_name="post_id",
        label=_("岗位编号"),
        min_value=1,
        max_value=2**63 - 1,
        decimal_places=0,
    )

    class Meta:
        model = Placement
        fields = ["q", "region", "open", "reason", "post"]

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")

    def filter_open(self, queryset, name, value):
        return queryset.filter(ended_on__isnull=value)


class AbsorbedFilter(django_filters.FilterSet):
    """The employers that hired assistance targets: by the employer's name, by the place."""

    employer = django_filters.CharFilter(
        field_name="vacancy__employer__name", lookup_expr="contains", label=_("用人单位名称")
    )
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Referral
        fields = ["employer", "region"]
