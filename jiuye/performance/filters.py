import django_filters
from django.utils.translation import gettext_lazy as _

from jiuye.performance.choices import OfficeLevel
from jiuye.performance.models import Scheme


class SchemeFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("年度"))
    level = django_filters.ChoiceFilter(choices=OfficeLevel.choices, label=_("考核对象"))

    class Meta:
        model = Scheme
        fields = ["year", "level"]
