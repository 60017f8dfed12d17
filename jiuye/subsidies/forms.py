import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import UserFormMixin, VersionedFormMixin
from jiuye.regions.codes import level_of
from jiuye.subsidies import kinds
from jiuye.subsidies.models import Budget
from jiuye.subsidies.report import check_month


class PrepareForm(forms.Form):
    kind = forms.ChoiceField(label=_("补贴类别"), choices=())
    month = forms.CharField(
        label=_("所属月份"), widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("如 2026-11"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds.choices(claimed=True)
        self.fields["month"].initial = f"{timezone.localdate():%Y-%m}"

    def clean_month(self):
        try:
            return datetime.datetime.strptime(self.cleaned_data["month"].strip(), "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("请按“年-月”填写月份，如 2026-11。")) from None


class BudgetForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    kind = forms.ChoiceField(label=_("补贴类别"), choices=())

    class Meta:
        model = Budget
        fields = ["year", "kind", "amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # the kinds whose budget the user's office keeps (the county's, or a township's own)
        org = self.user.org if self.user is not None else None
        level = level_of(org.region_id) if org is not None else None
        self.fields["kind"].choices = kinds.choices(
            level if level in kinds.APPROVING_LEVELS else None
        )
        self.fields["year"].initial = timezone.localdate().year
        if self.instance.pk:  # the year and kind of a budget stay; its amount changes
            for name in ("year", "kind"):
                self.fields[name].disabled = True

    def _post_clean(self):
        """The service validates and saves."""


class ReportForm(forms.Form):
    month = forms.CharField(
        label=_("月份"), required=False, widget=forms.TextInput(attrs={"type": "month"})
    )

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None  # the latest month with figures
        try:
            month = datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("请按“年-月”填写月份，如 2026-11。")) from None
        return check_month(month)
