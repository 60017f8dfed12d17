import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.subsidies import kinds


class PrepareForm(forms.Form):
    kind = forms.ChoiceField(label=_("补贴类别"), choices=())
    month = forms.CharField(
        label=_("所属月份"), widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("如 2026-11"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds.choices()
        self.fields["month"].initial = f"{timezone.localdate():%Y-%m}"

    def clean_month(self):
        try:
            return datetime.datetime.strptime(self.cleaned_data["month"].strip(), "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("请按“年-月”填写月份，如 2026-11。")) from None
