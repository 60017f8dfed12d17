"""One filter of rounds and one of assessments for the list pages, the export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.assessment.choices import Grade
from jiuye.assessment.models import Assessment, Round
from jiuye.core.filters import IntegerFilter
from jiuye.core.scoping import subtree_q
from jiuye.regions.codes import Level, ancestor, level_of, prefix_of
from jiuye.regions.filters import RegionCodeField, RegionCodeFilter

STATES = Round.workflow.choices()


class CoveringRegionFilter(django_filters.CharFilter):
    """Rounds of the counties under a region, or of the county above it (a township's or a
    village's round is its county's)."""

    field_class = RegionCodeField

    def filter(self, queryset, value):
        if not value:
            return queryset
        if level_of(value) > Level.COUNTY:
            return queryset.filter(region_id=ancestor(value, Level.COUNTY))
        return queryset.filter(subtree_q("region_id", prefix_of(value)))


class RoundFilter(django_filters.FilterSet):
    region = CoveringRegionFilter(label=_("区划"))
    year = IntegerFilter(label=_("考核年度"))
    state = django_filters.ChoiceFilter(choices=STATES, label=_("状态"))

    class Meta:
        model = Round
        fields = ["region", "year", "state"]


class WorkerFilter(django_filters.FilterSet):
    """The workers of one round (its page): by region, grade, flag and name."""

    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    grade = django_filters.ChoiceFilter(choices=Grade.choices, label=_("等次"))
    flagged = django_filters.BooleanFilter(label=_("连续两年不称职"))
    name = django_filters.CharFilter(method="by_name", label=_("姓名"))

    class Meta:
        model = Assessment
        fields = ["region", "grade", "flagged", "name"]

    def by_name(self, queryset, name, value):
        return queryset.filter(Q(worker__name__contains=value) | Q(worker__username=value))


class AssessmentFilter(WorkerFilter):
    """Assessments of every round in the jurisdiction: also by year and round."""

    year = IntegerFilter(field_name="round__year", label=_("考核年度"))
    # a number, not a choice of all rounds, which would tell another county's exist
    round = IntegerFilter(field_name="round_id", label=_("考核"))

    class Meta:
        model = Assessment
        fields = ["region", "year", "round", "grade", "flagged", "name"]
