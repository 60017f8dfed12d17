"""Filters of notices, receipts and reports: one each for the list page, its export and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.scoping import subtree_q
from jiuye.notices.models import Notice, Receipt, Report
from jiuye.regions.codes import prefix_of
from jiuye.regions.filters import RegionCodeFilter

RECEIPT_STATES = [
    ("unread", _("未阅")),
    ("read", _("已阅")),
    ("replied", _("已回复")),
    ("waiting", _("待回复")),
    ("overdue", _("逾期未回复")),
]


def receipt_state_q(state: str, prefix: str = "") -> Q:
    """Receipts (reached through ``prefix``) in ``state``."""
    today = timezone.localdate()
    waiting = Q(**{f"{prefix}notice__reply_required": True, f"{prefix}replied_at__isnull": True})
    return {
        "unread": Q(**{f"{prefix}read_at__isnull": True}),
        "read": Q(**{f"{prefix}read_at__isnull": False}),
        "replied": Q(**{f"{prefix}replied_at__isnull": False}),
        "waiting": waiting,
        "overdue": waiting & Q(**{f"{prefix}notice__reply_by__lt": today}),
    }.get(state, Q())


def _search(queryset, name, value):
    value = value.strip()
    return (
        queryset.filter(Q(title__contains=value) | Q(number__contains=value)) if value else queryset
    )


class NoticeFilter(django_filters.FilterSet):
    """Notices sent to offices of a region, by the user's own office, with replies late."""

    q = django_filters.CharFilter(method=_search, label=_("标题或文号"))
    region = RegionCodeFilter(method="to_region", label=_("发往区划（含下级）"))
    mine = django_filters.BooleanFilter(method="by_my_office", label=_("本机构发出"))
    overdue = django_filters.BooleanFilter(method="with_overdue", label=_("有逾期未回复"))

    class Meta:
        model = Notice
        fields = ["q", "region", "mine", "overdue"]

    def to_region(self, queryset, name, value):
        if not value:
            return queryset
        to = Receipt.objects.filter(subtree_q("region_id", prefix_of(value)), notice=OuterRef("pk"))
        return queryset.filter(Exists(to))

    def by_my_office(self, queryset, name, value):
        if value is None:
            return queryset
        mine = Q(org_id=getattr(self.request.user, "org_id", None))
        return queryset.filter(mine if value else ~mine)

    def with_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Receipt.objects.filter(receipt_state_q("overdue"), notice=OuterRef("pk"))
        return queryset.filter(Exists(late) if value else ~Exists(late))


class ReceiptFilter(django_filters.FilterSet):
    """Receipts by state and by the notice's title; ``notice`` narrows to one notice."""

    state = django_filters.ChoiceFilter(choices=RECEIPT_STATES, method="by_state", label=_("状态"))
    q = django_filters.CharFilter(method="search", label=_("标题或文号"))
    # a number, not a choice of all notices, which would tell another county's exist
    notice = django_filters.NumberFilter(field_name="notice_id", label=_("通知"))

    class Meta:
        model = Receipt
        fields = ["state", "q", "notice"]

    def by_state(self, queryset, name, value):
        return queryset.filter(receipt_state_q(value))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(notice__title__contains=value) | Q(notice__number__contains=value))


class NoticeReceiptFilter(django_filters.FilterSet):
    """The receipts of one notice on its page and in its export: by state and by region."""

    state = django_filters.ChoiceFilter(choices=RECEIPT_STATES, method="by_state", label=_("状态"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Receipt
        fields = ["state", "region"]

    def by_state(self, queryset, name, value):
        return queryset.filter(receipt_state_q(value))


class ReportFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="contains", label=_("标题"))
    region = RegionCodeFilter(field_name="region_id", label=_("报送区划（含下级）"))
    acknowledged = django_filters.BooleanFilter(
        field_name="acknowledged_at", lookup_expr="isnull", exclude=True, label=_("已签收")
    )

    class Meta:
        model = Report
        fields = ["q", "region", "acknowledged"]
