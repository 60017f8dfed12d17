import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.filters import IntegerFilter
from jiuye.ledger.filters import search
from jiuye.regions.filters import RegionCodeFilter
from jiuye.registration.choices import RegistrationKind
from jiuye.registration.models import Registration


class RegistrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    kind = django_filters.ChoiceFilter(choices=RegistrationKind.choices, label=_("登记类别"))
    state = django_filters.ChoiceFilter(
        choices=Registration.workflow.choices(),
        label=_("环节"),
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("已超期"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Registration
        fields = ["q", "kind", "state", "overdue", "region"]

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(due_on__lt=today) if value else queryset.exclude(due_on__lt=today)


class UnemployedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    silent_days = IntegerFilter(
        method="filter_silent", label=_("未联系天数不少于"), min_value=0, max_value=3650
    )

    class Meta:
        model = Registration
        fields = ["q", "region", "silent_days"]

    search = RegistrationFilter.search

    def filter_silent(self, queryset, name, value):
        cutoff = timezone.localdate() - datetime.timedelta(days=int(value))
        return queryset.filter(last__lte=cutoff)
