from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.jobs.choices import NotHiredReason
from jiuye.jobs.models import Employer, Occupation, Seeker, Vacancy
from jiuye.regions.forms import RegionChoiceField
from jiuye.regions.models import Region


class OccupationField(forms.ModelChoiceField):
    """An occupation typed or picked from the page's list (``<datalist id="occupations">``):
    ``2-02-10`` or ``2-02-10 信息和通信工程技术人员``."""

    widget = forms.TextInput(attrs={"list": "occupations", "autocomplete": "off"})
    default_error_messages = {
        "invalid_choice": _("请从列表中选择职业（可输入代码或名称查找），如“4-07-05-01 保安员”。")
    }

    def __init__(self, **kwargs):
        super().__init__(queryset=Occupation.objects.all(), **kwargs)

    def to_python(self, value):
        value = (value or "").strip().split(" ")[0]
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, str) and value:
            value = Occupation.objects.filter(pk=value).first() or value
        return str(value) if isinstance(value, Occupation) else super().prepare_value(value)


def _regions_anywhere(field: RegionChoiceField) -> None:
    """A wished place may be anywhere: regions are public."""
    field.queryset = Region.objects.all()


class EmployerForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    region = RegionChoiceField(label=_("所在区划"))

    class Meta:
        model = Employer
        fields = [
            "credit_code",
            "name",
            "industry",
            "region",
            "address",
            "contact_name",
            "contact_phone",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"credit_code": _("18位，见营业执照；末位为校验码。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].for_user(self.user, scope="editable_by")
        self.fields["industry"].queryset = self.fields["industry"].queryset.filter(
            section__isnull=False
        )
        self.fields["credit_code"].widget.attrs.update({"maxlength": 18, "autocomplete": "off"})

    def _post_clean(self):
        """The service validates and saves."""


class VacancyForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    occupation = OccupationField(label=_("职业（工种）"))
    region = RegionChoiceField(label=_("工作地点"))

    class Meta:
        model = Vacancy
        fields = ["title", "occupation", "posts", "wage_min", "wage_max", "education", "skills",
                  "availability", "region", "valid_until", "description"]  # fmt: skip
        widgets = {"valid_until": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].for_user(self.user, scope="editable_by")
        self.fields["valid_until"].required = False
        self.fields["valid_until"].help_text = _("不填则按政策参数的默认有效期。")

    def _post_clean(self):
        """The service validates and saves."""


class SeekerForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    occupation_1 = OccupationField(label=_("求职意向职业一"))
    occupation_2 = OccupationField(label=_("求职意向职业二"), required=False)
    occupation_3 = OccupationField(label=_("求职意向职业三"), required=False)
    place_1 = RegionChoiceField(label=_("期望工作地点一"), required=False)
    place_2 = RegionChoiceField(label=_("期望工作地点二"), required=False)
    place_3 = RegionChoiceField(label=_("期望工作地点三"), required=False)

    class Meta:
        model = Seeker
        fields = ["wage_expected", "availability", "available_from", "note"]
        widgets = {"available_from": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("place_1", "place_2", "place_3"):
            _regions_anywhere(self.fields[name])
        if self.instance.pk is not None:
            for n, occupation in enumerate(self.instance.occupations.all()[:3], start=1):
                self.initial[f"occupation_{n}"] = occupation.code
            for n, place in enumerate(self.instance.places.all()[:3], start=1):
                self.initial[f"place_{n}"] = place.code
        self.order_fields(["occupation_1", "occupation_2", "occupation_3", "wage_expected",
                           "place_1", "place_2", "place_3", "availability", "available_from"])  # fmt: skip

    def _post_clean(self):
        """The service validates and saves."""

    def wishes(self) -> dict:
        """The cleaned data as the service takes it."""
        data = dict(self.cleaned_data)
        occupations = [data.pop(f"occupation_{n}") for n in (1, 2, 3)]
        places = [data.pop(f"place_{n}") for n in (1, 2, 3)]
        data["occupations"] = list(dict.fromkeys(o for o in occupations if o))
        data["places"] = list(dict.fromkeys(p for p in places if p))
        return data


class HireForm(forms.Form):
    hired_on = forms.DateField(label=_("入职日期"), widget=DateInput(), initial=timezone.localdate)
    contract_months = forms.IntegerField(label=_("劳动合同期限（月）"), min_value=1, max_value=600)
    social_insurance = forms.BooleanField(label=_("已参加社会保险"), required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class NotHiredForm(forms.Form):
    reason = forms.ChoiceField(label=_("未录用原因"), choices=NotHiredReason.choices)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class ReferForm(forms.Form):
    seeker = forms.ModelChoiceField(queryset=Seeker.objects.none(), widget=forms.HiddenInput)
    vacancy = forms.ModelChoiceField(queryset=Vacancy.objects.none(), widget=forms.HiddenInput)
    match_score = forms.IntegerField(
        required=False, min_value=0, max_value=100, widget=forms.HiddenInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seeker"].queryset = Seeker.objects.editable_by(user)
        self.fields["vacancy"].queryset = Vacancy.objects.visible_to(user)
        self.fields["seeker"].error_messages["invalid_choice"] = _(
            "该求职者不存在或不在您的管辖范围内。"
        )
        self.fields["vacancy"].error_messages["invalid_choice"] = _("该岗位不存在或已不公开。")
