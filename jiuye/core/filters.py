"""Filters shared by the lines of work, and the audit log's."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput
from jiuye.core.models import AccessKind, AccessLog
from jiuye.regions.filters import RegionCodeFilter

# The largest integer both databases store (a 64-bit signed integer).
BIGGEST = 2**63 - 1


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (a year, a record's number, a count of days) within what the database
    stores: a larger one is bad input (400 in the API), not a server error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -BIGGEST)
        kwargs.setdefault("max_value", BIGGEST)
        super().__init__(*args, **kwargs)


def start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AddressFilter(django_filters.Filter):
    field_class = forms.GenericIPAddressField


class AuditFilter(django_filters.FilterSet):
    since = django_filters.DateFilter(method="from_day", label=_("日期自"), widget=DateInput())
    until = django_filters.DateFilter(method="to_day", label=_("至"), widget=DateInput())
    username = django_filters.CharFilter(label=_("用户名"))
    kind = django_filters.ChoiceFilter(choices=AccessKind.choices, label=_("类别"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    address = AddressFilter(label=_("IP地址"))

    class Meta:
        model = AccessLog
        fields = ["since", "until", "username", "kind", "region", "address"]

    def from_day(self, queryset, name, value):
        return queryset.filter(at__gte=start_of(value))

    def to_day(self, queryset, name, value):
        return queryset.filter(at__lt=start_of(value + datetime.timedelta(days=1)))
