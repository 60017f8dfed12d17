from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.flexible.choices import EndReason
from jiuye.flexible.models import FlexibleJob
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import parse_id_number
from jiuye.ledger.models import Person

JOB_FIELDS = ["form", "work", "place", "started_on", "monthly_income", "insured", "insured_since",
              "insured_until", "contribution", "note"]  # fmt: skip


class FlexibleJobForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    """Registration (with the person's identity number) and correction of a registration."""

    id_number = forms.CharField(label=_("公民身份号码"), max_length=18,
                                help_text=_("本辖区台账中的人员"))  # fmt: skip

    class Meta:
        model = FlexibleJob
        fields = JOB_FIELDS
        widgets = {
            "started_on": DateInput(), "insured_since": DateInput(), "insured_until": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }  # fmt: skip

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["id_number"]
            del self.fields["started_on"]  # it set the ledger's status; end and register again
        else:
            del self.fields["insured_until"]
            self.fields["started_on"].initial = timezone.localdate()
            if person is not None:
                self.fields["id_number"].initial = person.id_number
        self.order_fields(["id_number"])

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        try:
            value = parse_id_number(value).number
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        person = Person.objects.editable_by(self.user).filter(id_number=value).first()
        if person is None:
            raise forms.ValidationError(
                _("本辖区台账中没有该公民身份号码的人员，请先在人员台账中登记。")
            )
        return person

    def _post_clean(self):
        """The service validates and saves."""

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        if "id_number" in data:
            data["person"] = data.pop("id_number")
        return data


class CheckForm(forms.Form):
    checked_on = forms.DateField(
        label=_("核实日期"), widget=DateInput(), initial=timezone.localdate
    )
    still_working = forms.TypedChoiceField(
        label=_("仍在从事灵活就业"), choices=[("1", _("是")), ("0", _("否（终止登记）"))],
        coerce=lambda value: value == "1", initial="1",
    )  # fmt: skip
    still_insured = forms.TypedChoiceField(
        label=_("仍在缴纳社会保险"), choices=[("1", _("是")), ("0", _("否"))],
        coerce=lambda value: value == "1", initial="1",
    )  # fmt: skip
    note = forms.CharField(label=_("核实情况"), max_length=200, required=False)


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("终止日期"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("终止原因"), choices=EndReason.choices)
    status = forms.ChoiceField(
        label=_("终止后的就业状态"), initial=LabourStatus.UNEMPLOYED,
        choices=[(value, label) for value, label in LabourStatus.choices if value != LabourStatus.FLEXIBLE],
    )  # fmt: skip
    employer = forms.CharField(label=_("就业单位"), max_length=100, required=False,
                               help_text=_("单位就业等须填写"))  # fmt: skip
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
