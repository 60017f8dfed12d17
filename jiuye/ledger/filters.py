import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import parameters
from jiuye.ledger.choices import Education, HukouType, LabourStatus, Sex
from jiuye.ledger.identity import clean_phone, clean_text, parse_id_number
from jiuye.ledger.models import Person, years_before
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.filters import RegionCodeFilter

AGE_BANDS = [
    ("16-24", _("16–24岁"), 16, 25),
    ("25-34", _("25–34岁"), 25, 35),
    ("35-44", _("35–44岁"), 35, 45),
    ("45-54", _("45–54岁"), 45, 55),
    ("55-59", _("55–59岁"), 55, 60),
    ("60-", _("60岁及以上"), 60, None),
    ("-15", _("16岁以下"), 0, 16),
]


def search(queryset, value: str, prefix: str = ""):
    """An identity number (or its beginning), a phone number, pinyin initials or a name.

    ``prefix`` is the path to the person from the queryset's model (``person__`` for
    registrations), so every list searches the same way on its own scoped queryset."""
    value = clean_text(value).replace(" ", "")
    if not value:
        return queryset

    def where(**lookup):
        return queryset.filter(**{prefix + name: value for name, value in lookup.items()})

    if re.fullmatch(r"[0-9]{17}[0-9xX]|[0-9]{15}", value):
        try:
            return where(id_number=parse_id_number(value).number)
        except ValidationError:  # an invalid number matches what was typed, i.e. nobody
            return where(id_number=value.upper())
    if re.fullmatch(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}", value):
        try:
            return where(phone=clean_phone(value))
        except ValidationError:
            return where(phone=value)
    if re.fullmatch(r"[0-9]{6,17}[xX]?", value):
        return where(id_number__startswith=value.upper())
    if re.fullmatch(r"[a-zA-Z]{1,10}", value):
        return where(name_initials__startswith=value.lower())
    return where(name__contains=value)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名、拼音首字母或电话"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    status = django_filters.ChoiceFilter(choices=LabourStatus.choices, label=_("就业状态"))
    age = django_filters.ChoiceFilter(
        choices=[(key, label) for key, label, *_ in AGE_BANDS], method="age_band", label=_("年龄段")
    )
    working_age = django_filters.BooleanFilter(method="filter_working_age", label=_("劳动年龄内"))
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("性别"))
    education = django_filters.ChoiceFilter(choices=Education.choices, label=_("文化程度"))
    hukou_type = django_filters.ChoiceFilter(choices=HukouType.choices, label=_("户籍性质"))

    class Meta:
        model = Person
        fields = ["q", "region", "status", "age", "working_age", "sex", "education", "hukou_type"]

    def search(self, queryset, name, value):
        return search(queryset, value)

    def filter_working_age(self, queryset, name, value):
        """From 16 to the retirement age of each sex, by the parameters of the user's region."""
        region = parameters.region_of(self.request.user if self.request else None)
        within = queryset.working_age(
            timezone.localdate(), **working_age_limits(region, timezone.localdate())
        )
        return within if value else queryset.exclude(pk__in=within.values("pk"))

    def age_band(self, queryset, name, value):
        today = timezone.localdate()
        for key, _label, low, high in AGE_BANDS:
            if key == value:
                queryset = queryset.filter(birth_date__lte=years_before(today, low))
                if high is not None:
                    queryset = queryset.filter(birth_date__gt=years_before(today, high))
        return queryset


class BehindFilter(PersonFilter):
    """The ledger's filters over the residents behind a figure; ``on`` (hidden) keeps the
    day of the figure when the form is sent again."""

    on = django_filters.CharFilter(method="keep_day", widget=forms.HiddenInput)

    class Meta(PersonFilter.Meta):
        fields = [*PersonFilter.Meta.fields, "on"]

    def keep_day(self, queryset, name, value):
        return queryset  # the view reads the day (``asked_day``)
