import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiuye.core.filters import IntegerFilter
from jiuye.jobs.filters import OccupationCodeFilter
from jiuye.ledger.filters import search
from jiuye.ledger.models import Person
from jiuye.regions.filters import RegionCodeFilter
from jiuye.training.choices import CourseKind, NeedState
from jiuye.training.models import Course, Enrolment, Institution, Need


class InstitutionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("机构名称或统一社会信用代码"))
    active = django_filters.BooleanFilter(label=_("有效"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Institution
        fields = ["q", "active", "region"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__contains=value) | Q(credit_code=value.upper()))


class CourseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("培训班或机构名称"))
    kind = django_filters.ChoiceFilter(choices=CourseKind.choices, label=_("培训类别"))
    occupation = OccupationCodeFilter(label=_("职业代码"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Course
        fields = ["q", "kind", "occupation", "region"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__contains=value) | Q(institution__name__contains=value))


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    kind = django_filters.ChoiceFilter(choices=CourseKind.choices, label=_("培训类别"))
    state = django_filters.ChoiceFilter(choices=NeedState.choices, label=_("状态"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Need
        fields = ["q", "kind", "state", "region"]

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")


class EnrolmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    state = django_filters.ChoiceFilter(choices=Enrolment.workflow.choices(), label=_("状态"))
    kind = django_filters.ChoiceFilter(
        field_name="course__kind", choices=CourseKind.choices, label=_("培训类别")
    )
    course = IntegerFilter(field_name="course_id", label=_("培训班编号"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))

    class Meta:
        model = Enrolment
        fields = ["q", "state", "kind", "course", "region"]

    def search(self, queryset, name, value):
        return search(queryset, value, prefix="person__")


class CandidateFilter(django_filters.FilterSet):
    """The candidates for a training need: by name or number, by place."""

    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名或拼音首字母"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划代码（含下级）"))

    class Meta:
        model = Person
        fields = ["q", "region"]

    def search(self, queryset, name, value):
        return search(queryset, value)
