import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.core.scoping import subtree_q
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import CODE_LENGTH, Level, is_valid_code, prefix_of
from jiuye.regions.models import Region, ServiceOrg


class RegionCodeField(forms.CharField):
    """A 12-digit region code typed or passed in a query string."""

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if value and not is_valid_code(value):
            raise forms.ValidationError(_("区划代码应为12位数字。"), code="invalid")
        return value


class RegionCodeFilter(django_filters.CharFilter):
    """Narrow to the subtree of a region given by its code (``subtree=True``) or to the
    records of exactly that region.

    A malformed code is a form error (400 in the API); a region outside the user's
    jurisdiction narrows to nothing, since the queryset was scoped before any filter ran.
    """

    field_class = RegionCodeField

    def __init__(self, *args, subtree: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.subtree = subtree

    def filter(self, queryset, value):
        if not value:
            return queryset
        if self.subtree:
            return queryset.filter(subtree_q(self.field_name, prefix_of(value)))
        return queryset.filter(**{self.field_name: value})


class RegionFilter(django_filters.FilterSet):
    parent = RegionCodeFilter(field_name="parent_id", subtree=False, label=_("上级区划代码"))
    level = django_filters.TypedChoiceFilter(choices=Level.choices, coerce=int, label=_("层级"))
    q = django_filters.CharFilter(method="search", label=_("名称或代码"))

    class Meta:
        model = Region
        fields = ["parent", "level", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(subtree_q("code", value[:CODE_LENGTH]))
        return queryset.filter(name__contains=value)


class ServiceOrgFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="contains", label=_("机构名称"))
    region = RegionCodeFilter(field_name="region_id", label=_("所在区划（含下级）"))
    kind = django_filters.ChoiceFilter(choices=OrgKind.choices, label=_("机构类别"))
    is_active = django_filters.BooleanFilter(label=_("有效"))

    class Meta:
        model = ServiceOrg
        fields = ["q", "region", "kind", "is_active"]
