import django_filters
from django.utils.translation import gettext_lazy as _

from jiuye.core.filters import IntegerFilter
from jiuye.funds.choices import Category
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending
from jiuye.regions.filters import RegionCodeFilter


class PlatformBudgetFilter(django_filters.FilterSet):
    """The list page, its export and the API list: a year and a region (with those below)."""

    year = IntegerFilter(label=_("年度"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = PlatformBudget
        fields = ["year", "region"]


class BudgetLineFilter(django_filters.FilterSet):
    year = IntegerFilter(field_name="budget__year", label=_("年度"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("经费类别"))
    budget = IntegerFilter(label=_("预算"))

    class Meta:
        model = BudgetLine
        fields = ["year", "category", "budget"]


class SpendingFilter(django_filters.FilterSet):
    year = IntegerFilter(field_name="line__budget__year", label=_("年度"))
    category = django_filters.ChoiceFilter(
        field_name="line__category", choices=Category.choices, label=_("经费类别")
    )
    line = IntegerFilter(label=_("预算项目"))

    class Meta:
        model = Spending
        fields = ["year", "category", "line"]
