from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending
from jiuye.regions.codes import Level
from jiuye.regions.forms import RegionChoiceField


class ServiceValidates:
    def _post_clean(self):
        """The service validates and saves."""


class BudgetForm(ServiceValidates, UserFormMixin, VersionedFormMixin, forms.ModelForm):
    """A platform and year (new budget), and the budget's note."""

    region = RegionChoiceField(label=_("平台所在街道（乡镇）或社区（村）"))

    class Meta:
        model = PlatformBudget
        fields = ["region", "year", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["region"], self.fields["year"]
        else:
            self.fields["region"].for_user(self.user, levels=[Level.TOWNSHIP, Level.VILLAGE])
            self.fields["year"].initial = timezone.localdate().year


class LineForm(ServiceValidates, UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "source", "title", "amount"]


class SpendingForm(ServiceValidates, UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Spending
        fields = ["spent_on", "amount", "purpose", "voucher", "file", "over_reason"]
        widgets = {"spent_on": DateInput()}
        help_texts = {"file": _("PDF、图片、Word或Excel，不超过10MB。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget = forms.FileInput()
        if self.instance.pk is None:
            self.fields["spent_on"].initial = timezone.localdate()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("file"):
            data.pop("file", None)
        return data
