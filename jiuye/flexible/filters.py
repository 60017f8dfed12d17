import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.flexible.choices import WorkForm
from jiuye.flexible.models import FlexibleJob
from jiuye.ledger.filters import search
from jiuye.regions.filters import RegionCodeFilter

STATES = [("open", _("在册")), ("ended", _("已终止")), ("all", _("全部"))]


class FlexibleJobFilter(django_filters.FilterSet):
    """One filter for the list page and the API: in register by default."""

    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    form = django_filters.ChoiceFilter(choices=WorkForm.choices, label=_("就业形式"))
    state = django_filters.ChoiceFilter(
        choices=STATES, method="filter_state", label=_("状态"), empty_label=_("在册")
    )
    due = django_filters.BooleanFilter(method="filter_due", label=_("核实到期"))
    insured = django_filters.BooleanFilter(field_name="insured", label=_("缴纳社会保险"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = FlexibleJob
        fields = ["q", "form", "state", "due", "insured", "region"]

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("state"):
            queryset = queryset.open()
        return super().filter_queryset(queryset)

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.open()
        if value == "ended":
            return queryset.filter(ended_on__isnull=False)
        return queryset

    def filter_due(self, queryset, name, value):
        due = queryset.due(timezone.localdate())
        return due if value else queryset.exclude(pk__in=due.values("pk"))
