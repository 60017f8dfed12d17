import django_filters
from django.utils.translation import gettext_lazy as _

from jiuye.ledger.filters import search
from jiuye.regions.filters import RegionCodeFilter
from jiuye.regions.models import Region
from jiuye.startups.choices import EntrepreneurState
from jiuye.startups.models import Entrepreneur, Loan


class EntrepreneurFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    state = django_filters.ChoiceFilter(choices=EntrepreneurState.choices, label=_("状态"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Entrepreneur
        fields = ["q", "state", "region"]

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")


class LoanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    state = django_filters.ChoiceFilter(choices=Loan.workflow.choices(), label=_("状态"))
    micro_profit = django_filters.BooleanFilter(label=_("微利项目"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Loan
        fields = ["q", "state", "micro_profit", "region"]

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")


class CreditFilter(django_filters.FilterSet):
    """The communities of the credit-community list: those under a region."""

    region = RegionCodeFilter(field_name="code", label=_("区划代码（含下级）"))

    class Meta:
        model = Region
        fields = ["region"]
