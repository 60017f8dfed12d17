import re

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.ledger.choices import Education, HukouType, LabourStatus, Sex
from jiuye.ledger.identity import clean_text, parse_id_number
from jiuye.ledger.models import Person, years_before
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


def search(queryset, value: str):
    """An identity number (or its beginning), a phone number, pinyin initials or a name."""
    value = clean_text(value).replace(" ", "")
    if not value:
        return queryset
    if re.fullmatch(r"[0-9]{17}[0-9xX]|[0-9]{15}", value):
        try:
            return queryset.filter(id_number=parse_id_number(value).number)
        except ValidationError:  # an invalid number matches what was typed, i.e. nobody
            return queryset.filter(id_number=value.upper())
    if re.fullmatch(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}", value):
        return queryset.filter(phone=value)
    if re.fullmatch(r"[0-9]{6,17}[xX]?", value):
        return queryset.filter(id_number__startswith=value.upper())
    if re.fullmatch(r"[a-zA-Z]{1,10}", value):
        return queryset.filter(name_initials__startswith=value.lower())
    return queryset.filter(Q(name__contains=value))


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("身份证号、姓名、拼音首字母或电话"))
    region = RegionCodeFilter(field_name="region_id", label=_("区划（含下级）"))
    status = django_filters.ChoiceFilter(choices=LabourStatus.choices, label=_("就业状态"))
    age = django_filters.ChoiceFilter(
        choices=[(key, label) for key, label, *_ in AGE_BANDS], method="age_band", label=_("年龄段")
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("性别"))
    education = django_filters.ChoiceFilter(choices=Education.choices, label=_("文化程度"))
    hukou_type = django_filters.ChoiceFilter(choices=HukouType.choices, label=_("户籍性质"))

    class Meta:
        model = Person
        fields = ["q", "region", "status", "age", "sex", "education", "hukou_type"]

    def search(self, queryset, name, value):
        return search(queryset, value)

    def age_band(self, queryset, name, value):
        today = timezone.localdate()
        for key, _label, low, high in AGE_BANDS:
            if key == value:
                queryset = queryset.filter(birth_date__lte=years_before(today, low))
                if high is not None:
                    queryset = queryset.filter(birth_date__gt=years_before(today, high))
        return queryset
