import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.regions.filters import RegionCodeFilter
from jiuye.staff.models import User
from jiuye.staff.roles import Role


class StaffFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("姓名、用户名或电话"))
    region = RegionCodeFilter(field_name="org__region_id", label=_("所在区划（含下级）"))
    org = django_filters.NumberFilter(field_name="org_id", label=_("机构"))
    role = django_filters.ChoiceFilter(field_name="roles", choices=Role.choices, label=_("角色"))
    is_active = django_filters.BooleanFilter(label=_("在岗"))

    class Meta:
        model = User
        fields = ["q", "region", "org", "role", "is_active"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__contains=value) | Q(username__startswith=value) | Q(phone__startswith=value)
        )
