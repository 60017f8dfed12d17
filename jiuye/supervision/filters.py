"""One filter of inspections for the list page, its export and the API; one of findings for
the API. The conditions on findings (area, state, overdue) are the same in both."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.filters import IntegerFilter
from jiuye.regions.filters import RegionCodeFilter
from jiuye.supervision.choices import Area, Conclusion
from jiuye.supervision.models import Finding, Inspection
from jiuye.supervision.workflow import CLOSED

STATES = Finding.workflow.choices()


def finding_q(data: dict, prefix: str = "") -> Q:
    """Findings (reached through ``prefix``) of the area, the state and the lateness chosen."""
    q = Q()
    if data.get("area"):
        q &= Q(**{f"{prefix}area": data["area"]})
    if data.get("state"):
        q &= Q(**{f"{prefix}state": data["state"]})
    if data.get("overdue") is not None:
        late = ~Q(**{f"{prefix}state": CLOSED}) & Q(**{f"{prefix}due_on__lt": timezone.localdate()})
        q &= late if data["overdue"] else ~late
    return q


class InspectionFilter(django_filters.FilterSet):
    """Inspections of a region, and those with a finding of an area, a state, or past its
    deadline."""

    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    area = django_filters.ChoiceFilter(
        choices=Area.choices, method="by_finding", label=_("督查方面")
    )
    state = django_filters.ChoiceFilter(choices=STATES, method="by_finding", label=_("问题状态"))
    overdue = django_filters.BooleanFilter(method="by_finding", label=_("整改超期"))
    conclusion = django_filters.ChoiceFilter(choices=Conclusion.choices, label=_("督查结论"))

    class Meta:
        model = Inspection
        fields = ["region", "area", "state", "overdue", "conclusion"]

    def by_finding(self, queryset, name, value):
        return queryset  # all the conditions on findings at once, in ``filter_queryset``

    def finding_q(self) -> Q:
        return finding_q(self.form.cleaned_data)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        q = self.finding_q()
        if q:
            queryset = queryset.filter(Exists(Finding.objects.filter(q, inspection=OuterRef("pk"))))
        return queryset


class FindingFilter(django_filters.FilterSet):
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    area = django_filters.ChoiceFilter(choices=Area.choices, label=_("督查方面"))
    state = django_filters.ChoiceFilter(choices=STATES, label=_("问题状态"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("整改超期"))
    # a number, not a choice of all inspections, which would tell another county's exist
    inspection = IntegerFilter(field_name="inspection_id", label=_("督查"))

    class Meta:
        model = Finding
        fields = ["region", "area", "state", "overdue", "inspection"]

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(finding_q({"overdue": value}))
