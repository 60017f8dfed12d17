"""One filter of complaints for the list page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.complaints.choices import About, Channel, Satisfaction
from jiuye.complaints.models import Complaint
from jiuye.core.forms import DateInput
from jiuye.regions.filters import RegionCodeFilter


class ComplaintFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("回执码或内容"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    state = django_filters.ChoiceFilter(choices=Complaint.workflow.choices(), label=_("状态"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("投诉渠道"))
    about = django_filters.ChoiceFilter(choices=About.choices, label=_("投诉对象"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("超期"))
    satisfaction = django_filters.ChoiceFilter(choices=Satisfaction.choices, label=_("满意度"))
    received_from = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("受理日期从"), widget=DateInput()
    )
    received_to = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label=_("至"), widget=DateInput()
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("本机构承办"))

    class Meta:
        model = Complaint
        fields = ["q", "region", "state", "channel", "about", "overdue", "satisfaction", "mine"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(receipt=value.upper()) | Q(content__contains=value))

    def filter_overdue(self, queryset, name, value):
        late = Q(due_on__lt=timezone.localdate())  # a final step has no deadline
        return queryset.filter(late if value else ~late)

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value is None or user is None:
            return queryset
        mine = Q(handler_id=user.org_id)
        return queryset.filter(mine if value else ~mine)
