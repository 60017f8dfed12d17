import django_filters
from django.utils.translation import gettext_lazy as _

from jiuye.core.filters import IntegerFilter
from jiuye.regions.filters import RegionCodeFilter
from jiuye.subsidies import kinds
from jiuye.subsidies.models import Budget, Claim


class ClaimFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=kinds.choices, label=_("补贴类别"))
    state = django_filters.ChoiceFilter(choices=Claim.workflow.choices(), label=_("环节"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Claim
        fields = ["kind", "state", "region"]


class BudgetFilter(django_filters.FilterSet):
    year = IntegerFilter(label=_("年度"))
    kind = django_filters.ChoiceFilter(choices=kinds.choices, label=_("补贴类别"))

    class Meta:
        model = Budget
        fields = ["year", "kind"]
