import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.regions.filters import RegionCodeFilter
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import Employment, User
from jiuye.staff.roles import RoleCode


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
