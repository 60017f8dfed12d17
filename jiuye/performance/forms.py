from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import UserFormMixin
from jiuye.core.registry import registry
from jiuye.performance import periods
from jiuye.performance.choices import Honoree, Method, OfficeLevel
from jiuye.performance.models import Scheme
from jiuye.staff.models import User


def indicator_choices(blank: str | None = None) -> list[tuple[str, str]]:
    """Every registered indicator, by its section: a scheme may name any of them (a
    complaints app's, once it registers one, with no change here)."""
    found = [("", blank)] if blank is not None else []
    found += [
        (
            code,
            _("%(name)s（%(code)s）")
            % {"name": f"{indicator.section} · {indicator.label}", "code": code},
        )
        for code, indicator in registry["indicators"].items()
        if ":" not in code  # the subsidies' own persons and amounts are not work of an office
    ]
    return found


class PeriodField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(label=_("考核期间"), choices=(), **kwargs)
        self.choices = periods.choices(timezone.localdate())

    def clean(self, value):
        return periods.Period.parse(super().clean(value))


class RankingForm(forms.Form):
    """The ranking's question: which offices (level), of which period."""

    level = forms.TypedChoiceField(
        label=_("考核对象"), choices=OfficeLevel.choices, coerce=int, initial=OfficeLevel.TOWNSHIP
    )
    period = PeriodField()


class SchemeForm(forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["name", "year", "level", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class ItemForm(forms.Form):
    indicator = forms.ChoiceField(label=_("指标"), choices=())
    per = forms.ChoiceField(label=_("除以指标"), choices=(), required=False)
    weight = forms.DecimalField(label=_("分值"), max_digits=5, decimal_places=1, min_value=0.1)
    method = forms.ChoiceField(label=_("计分方法"), choices=Method.choices)
    target = forms.DecimalField(label=_("目标值"), max_digits=12, decimal_places=2, required=False)
    order = forms.IntegerField(label=_("顺序"), min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = indicator_choices()
        self.fields["per"].choices = indicator_choices(blank=str(_("（不除）")))


class CommendationForm(UserFormMixin, forms.Form):
    honoree = forms.ChoiceField(label=_("表彰对象"), choices=Honoree.choices)
    worker = forms.ModelChoiceField(
        label=_("工作人员"), queryset=User.objects.none(), required=False
    )
    period = PeriodField()
    reason = forms.CharField(label=_("表彰事由"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = User.objects.filter(org=office, is_active=True)
