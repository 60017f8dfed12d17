import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import HouseholdKind, HouseholdState
from jiuye.assistance.models import Category, Identification, ZeroHousehold
from jiuye.ledger.filters import search
from jiuye.regions.filters import RegionCodeFilter


class IdentificationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    category = django_filters.ModelChoiceFilter(
        field_name="categories", queryset=Category.objects.filter(is_active=True), label=_("类别")
    )
    state = django_filters.ChoiceFilter(
        choices=Identification.workflow.choices(),
        label=_("环节"),
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("已超期"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Identification
        fields = ["q", "category", "state", "overdue", "region"]

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(due_on__lt=today) if value else queryset.exclude(due_on__lt=today)


class ZeroHouseholdFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=HouseholdKind.choices, label=_("类别"))
    state = django_filters.ChoiceFilter(
        choices=HouseholdState.choices, label=_("状态"), empty_label=_("未结案")
    )
    over_limit = django_filters.BooleanFilter(method="filter_over_limit", label=_("超过安置时限"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = ZeroHousehold
        fields = ["kind", "state", "over_limit", "region"]

    def filter_over_limit(self, queryset, name, value):
        over = queryset.over_limit(timezone.localdate())
        return over if value else queryset.exclude(pk__in=over.values("pk"))
