"""One filter of each record for its list page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput
from jiuye.policies.choices import IssuingLevel, Status, Topic
from jiuye.policies.models import Consultation, GoodPractice, Policy
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.filters import RegionCodeFilter
from jiuye.regions.models import Region


class PolicyFilter(django_filters.FilterSet):
    """Policies matching words (most relevant first), in force on a day, of an issuing level
    or standing, applying in a region (the policies kept there and below, and those of the
    levels above that reach it)."""

    q = django_filters.CharFilter(method="by_words", label=_("关键词"))
    in_force_on = django_filters.DateFilter(method="by_day", label=_("某日有效"),
                                            widget=DateInput())  # fmt: skip
    level = django_filters.ChoiceFilter(choices=IssuingLevel.choices, label=_("发文层级"),
                                        empty_label=_("全部"))  # fmt: skip
    status = django_filters.ChoiceFilter(choices=Status.choices, label=_("状态"))
    region = RegionCodeFilter(method="by_region", label=_("适用地区（区划代码）"))

    class Meta:
        model = Policy
        fields = ["q", "in_force_on", "level", "status", "region"]

    def by_words(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def by_day(self, queryset, name, value):
        return queryset.in_force(value)

    def by_region(self, queryset, name, value):
        return queryset.applies_within(prefix_of(value)) if value else queryset


def city_choices():
    return [(region.code, region.name) for region in Region.objects.filter(level=Level.CITY)]


class PublicPolicyFilter(django_filters.FilterSet):
    """The public page's filter: words, issuing level and a city (for those who know no
    region codes)."""

    q = django_filters.CharFilter(method="by_words", label=_("关键词"))
    level = django_filters.ChoiceFilter(choices=IssuingLevel.choices, label=_("发文层级"),
                                        empty_label=_("全部"))  # fmt: skip
    city = django_filters.ChoiceFilter(choices=city_choices, method="by_city", label=_("适用地区"),
                                       empty_label=_("全省"))  # fmt: skip

    class Meta:
        model = Policy
        fields = ["q", "level", "city"]

    def by_words(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def by_city(self, queryset, name, value):
        return queryset.applies_within(prefix_of(value)) if value else queryset


class ConsultationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="by_words", label=_("问题或答复"))
    topic = django_filters.ChoiceFilter(choices=Topic.choices, label=_("咨询类别"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    since = django_filters.DateFilter(field_name="asked_on", lookup_expr="gte", label=_("咨询日期自"),
                                      widget=DateInput())  # fmt: skip
    until = django_filters.DateFilter(field_name="asked_on", lookup_expr="lte", label=_("至"),
                                      widget=DateInput())  # fmt: skip
    # a number, not a choice of all policies
    policy = django_filters.NumberFilter(field_name="citations__policy_id", label=_("引用政策编号"))

    class Meta:
        model = Consultation
        fields = ["q", "topic", "region", "since", "until", "policy"]

    def by_words(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(question__contains=value) | Q(answer__contains=value))


class GoodPracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="by_words", label=_("标题或正文"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    published = django_filters.BooleanFilter(label=_("已公开发布"))

    class Meta:
        model = GoodPractice
        fields = ["q", "region", "published"]

    def by_words(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__contains=value) | Q(text__contains=value))
