from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, VersionedFormMixin
from jiuye.registration.choices import ContactMethod, EndReason, RegistrationKind
from jiuye.registration.models import Registration

UNEMPLOYMENT = [
    "applied_on",
    "unemployed_since",
    "cause",
    "last_employer",
    "able_to_work",
    "willing_to_work",
    "note",
]
EMPLOYMENT = [
    "applied_on",
    "employment_form",
    "employer",
    "employed_since",
    "contract_months",
    "note",
]


class RegistrationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Registration
        fields = sorted(set(UNEMPLOYMENT + EMPLOYMENT), key=(UNEMPLOYMENT + EMPLOYMENT).index)
        widgets = {
            "applied_on": DateInput(), "unemployed_since": DateInput(), "employed_since": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }  # fmt: skip

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        keep = [*(UNEMPLOYMENT if kind == RegistrationKind.UNEMPLOYMENT else EMPLOYMENT), "version"]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name in ("unemployed_since", "cause", "employment_form", "employed_since"):
            if name in self.fields:
                self.fields[name].required = True

    def _post_clean(self):
        """The service checks the conditions and saves."""


class ContactForm(forms.Form):
    on = forms.DateField(label=_("联系日期"), widget=DateInput())
    method = forms.ChoiceField(label=_("联系方式"), choices=ContactMethod.choices)
    note = forms.CharField(label=_("联系情况"), required=False, max_length=200)


class DeregisterForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("注销原因"), choices=[c for c in EndReason.choices if c[0] != EndReason.NO_CONTACT]
    )
    on = forms.DateField(label=_("注销日期"), widget=DateInput())
    note = forms.CharField(label=_("说明"), required=False, max_length=200)
