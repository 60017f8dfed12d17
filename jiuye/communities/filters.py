import django_filters
from django.utils.translation import gettext_lazy as _

from jiuye.communities.choices import StandardKind
from jiuye.communities.models import Application, Recheck, Round, Standard, Title
from jiuye.communities.workflow import ApplicationWorkflow, TitleWorkflow
from jiuye.regions.filters import RegionCodeFilter


class StandardFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=StandardKind.choices, label=_("类别"))

    class Meta:
        model = Standard
        fields = ["kind"]


class RoundFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=StandardKind.choices, label=_("类别"))

    class Meta:
        model = Round
        fields = ["kind", "year"]


class RecheckFilter(RoundFilter):
    class Meta:
        model = Recheck
        fields = ["kind"]


class ApplicationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=ApplicationWorkflow().choices(), label=_("状态"))
    round = django_filters.ModelChoiceFilter(queryset=Round.objects.all(), label=_("批次"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Application
        fields = ["state", "round", "region"]


class TitleFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=TitleWorkflow().choices(), label=_("状态"))
    standard = django_filters.ModelChoiceFilter(queryset=Standard.objects.all(), label=_("称号"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Title
        fields = ["state", "standard", "region"]
