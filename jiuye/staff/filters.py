import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.regions.filters import RegionCodeFilter
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import (
    Employment,
    Pairing,
    PairingReason,
    Position,
    StaffTraining,
    Target,
    User,
)
from jiuye.staff.roles import RoleCode
from jiuye.staff.selectors import lacking


def visible_orgs(request):
    return ServiceOrg.objects.visible_to(request.user) if request else ServiceOrg.objects.none()


class StaffFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("姓名、用户名或电话"))
    region = RegionCodeFilter(field_name="org__region_id", label=_("所在区划（含下级）"))
    # Chosen by following a link from an organisation's page: a hidden field, not a list of
    # every organisation of the province.
    org = django_filters.ModelChoiceFilter(
        queryset=visible_orgs, label=_("机构"), widget=forms.HiddenInput
    )
    role = django_filters.ChoiceFilter(
        field_name="roles", choices=RoleCode.choices, label=_("角色")
    )
    employment = django_filters.ChoiceFilter(choices=Employment.choices, label=_("用工形式"))
    is_active = django_filters.BooleanFilter(label=_("在岗"))

    class Meta:
        model = User
        fields = ["q", "region", "org", "role", "employment", "is_active"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__contains=value) | Q(username__startswith=value) | Q(phone__startswith=value)
        )


class PositionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="contains", label=_("岗位名称"))
    region = RegionCodeFilter(field_name="org__region_id", label=_("所在区划（含下级）"))
    org = django_filters.ModelChoiceFilter(
        queryset=visible_orgs, label=_("机构"), widget=forms.HiddenInput
    )
    is_active = django_filters.BooleanFilter(label=_("在用"))

    class Meta:
        model = Position
        fields = ["q", "region", "org", "is_active"]


class TrainingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("姓名或用户名"))
    region = RegionCodeFilter(field_name="org__region_id", label=_("所在区划（含下级）"))
    lacking = django_filters.ChoiceFilter(method="lacking_filter", label=_("缺少培训"), choices=[
        ("induction", _("未参加岗前培训")), ("this_year", _("本年度未参加培训")),
    ])  # fmt: skip
    employment = django_filters.ChoiceFilter(choices=Employment.choices, label=_("用工形式"))

    class Meta:
        model = User
        fields = ["q", "region", "lacking", "employment"]

    search = StaffFilter.search

    def lacking_filter(self, queryset, name, value):
        return lacking(queryset, value, timezone.localdate().year)


class PairingFilter(django_filters.FilterSet):
    region = RegionCodeFilter(field_name="org__region_id", label=_("基层机构所在区划（含下级）"))
    reason = django_filters.ChoiceFilter(choices=PairingReason.choices, label=_("联系原因"))
    current = django_filters.BooleanFilter(method="current_filter", label=_("正在联系"))

    class Meta:
        model = Pairing
        fields = ["region", "reason", "current"]

    def current_filter(self, queryset, name, value):
        current = Pairing.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


# The API's filters name records by their number: a choice list of every account or office
# would show the browsable API's visitor those of the whole province.


class TargetApiFilter(django_filters.FilterSet):
    org = django_filters.NumberFilter()

    class Meta:
        model = Target
        fields = ["year", "indicator", "org"]


class TrainingApiFilter(django_filters.FilterSet):
    user = django_filters.NumberFilter()

    class Meta:
        model = StaffTraining
        fields = ["user", "kind"]


class PairingApiFilter(django_filters.FilterSet):
    worker = django_filters.NumberFilter()
    org = django_filters.NumberFilter()

    class Meta:
        model = Pairing
        fields = ["worker", "org", "reason"]
