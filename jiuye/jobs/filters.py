import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.core.scoping import jurisdiction_prefix, subtree_q
from jiuye.jobs.choices import SeekerStatus, VacancyState
from jiuye.jobs.models import Employer, Occupation, Referral, Seeker, Vacancy
from jiuye.ledger.filters import search
from jiuye.regions.codes import Level, city, prefix_of
from jiuye.regions.filters import RegionCodeFilter
from jiuye.regions.models import Region


class OccupationCodeFilter(django_filters.CharFilter):
    """An occupation class and everything under it: ``4``, ``4-07`` or ``4-07-05``. Always of
    the record's ``occupation``, so that the prefix test is written out where it can be seen
    not to be a region code's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, field_name="occupation__code", **kwargs)

    def filter(self, queryset, value):
        code = (value or "").strip().split(" ")[0]
        return queryset.filter(occupation__code__startswith=code) if code else queryset


class EmployerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("单位名称或统一社会信用代码"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Employer
        fields = ["q", "region"]

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(name__contains=value) | Q(credit_code=value.upper()))
            if value
            else queryset
        )


class VacancyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("岗位或单位名称"))
    occupation = OccupationCodeFilter(label=_("职业代码"))
    region = RegionCodeFilter(field_name="region_id", label=_("工作地点（含下级）"))
    status = django_filters.ChoiceFilter(
        field_name="state", choices=VacancyState.choices, label=_("状态")
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("仅本辖区"))

    class Meta:
        model = Vacancy
        fields = ["q", "occupation", "region", "status", "mine"]

    def search(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(title__contains=value) | Q(employer__name__contains=value))
            if value
            else queryset
        )

    def filter_mine(self, queryset, name, value):
        prefix = jurisdiction_prefix(self.request.user)
        return queryset.filter(subtree_q("region_id", prefix)) if value and prefix else queryset


def _places():
    """The cities and counties, for the public to pick where to work."""
    rows = Region.objects.filter(level__in=[Level.CITY, Level.COUNTY]).values_list(
        "code", "name", "level"
    )
    cities = {code: name for code, name, level in rows if level == Level.CITY}
    return [
        (code, name if level == Level.CITY else f"{cities.get(city(code), '')} {name}")
        for code, name, level in rows
    ]


def _occupation_groups():
    return list(Occupation.objects.filter(level__lte=2).values_list("code", "name"))


class BoardFilter(django_filters.FilterSet):
    """The public job board's search: by place (city or county) and by occupation group."""

    q = django_filters.CharFilter(method="search", label=_("关键词"))
    region = django_filters.ChoiceFilter(
        choices=_places, method="filter_place", label=_("工作地点")
    )
    occupation = django_filters.ChoiceFilter(
        choices=_occupation_groups, method="filter_occupation", label=_("职业类别")
    )

    class Meta:
        model = Vacancy
        fields = ["q", "region", "occupation"]

    search = VacancyFilter.search

    def filter_place(self, queryset, name, value):
        return queryset.filter(subtree_q("region_id", prefix_of(value)))

    def filter_occupation(self, queryset, name, value):
        return queryset.filter(occupation__code__startswith=value)


class SeekerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    occupation = django_filters.CharFilter(method="filter_occupation", label=_("意向职业代码"))
    status = django_filters.ChoiceFilter(
        choices=SeekerStatus.choices, label=_("状态"), empty_label=_("求职中")
    )
    priority = django_filters.BooleanFilter(method="filter_priority", label=_("优先服务对象"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Seeker
        fields = ["q", "occupation", "status", "priority", "region"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status=SeekerStatus.ACTIVE)
        return super().filter_queryset(queryset)

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")

    def filter_occupation(self, queryset, name, value):
        code = value.strip().split(" ")[0]
        return queryset.filter(wish_codes__contains=f" {code}") if code else queryset

    def filter_priority(self, queryset, name, value):
        priority = Q(hard_to_employ=True) | Q(zero_household=True)
        return queryset.filter(priority) if value else queryset.exclude(priority)


class ReferralFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    state = django_filters.ChoiceFilter(choices=Referral.workflow.choices(), label=_("状态"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Referral
        fields = ["q", "state", "region"]

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="seeker__person__")
