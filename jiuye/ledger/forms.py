from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.ledger.choices import LabourStatus, Relation
from jiuye.ledger.models import Household, Person
from jiuye.regions.codes import Level
from jiuye.regions.forms import RegionChoiceField

PARTICULARS = [
    "name", "id_number", "ethnicity", "education", "hukou_type", "address", "phone", "disability", "willing_to_work",
    "skills", "qualifications", "job_wish", "training_wish", "service_needs", "note",
]  # fmt: skip
STATUS = ["status", "status_since", "employer", "industry", "occupation", "transfer_destination"]


class PersonForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    """A resident's particulars; a new resident also gets a residence and a labour status."""

    region = RegionChoiceField(label=_("居住地（社区、村）"))

    class Meta:
        model = Person
        fields = [*PARTICULARS, "region", *STATUS]
        widgets = {"status_since": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"id_number": _("输入后自动识别出生日期和性别；15位旧号码自动升为18位。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["region"].for_user(self.user, scope="editable_by", levels=[Level.VILLAGE])
            self.fields["status"].initial = LabourStatus.UNEMPLOYED
        else:
            for name in ["region", *STATUS]:
                del self.fields[name]
        self.fields["id_number"].widget.attrs.update({"autocomplete": "off", "maxlength": 18})

    def _post_clean(self):
        """The service validates and saves; the model's own checks would run before it."""


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("就业状态"), choices=LabourStatus.choices)
    since = forms.DateField(label=_("起始日期"), widget=DateInput())
    employer = forms.CharField(label=_("就业单位（或务工地点）"), required=False, max_length=100)
    industry = forms.CharField(label=_("行业"), required=False, max_length=100)
    occupation = forms.CharField(label=_("职业（工种）"), required=False, max_length=100)
    transfer_destination = forms.ChoiceField(
        label=_("转移去向"),
        required=False,
        choices=[("", "—"), *Person._meta.get_field("transfer_destination").choices],
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=200)


class TransferForm(UserFormMixin, forms.Form):
    to_region = RegionChoiceField(label=_("迁入社区（村）"))
    on = forms.DateField(label=_("迁移日期"), widget=DateInput())
    reason = forms.CharField(label=_("原因"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any village of the province: a move out of the jurisdiction is what a transfer is for.
        field = self.fields["to_region"]
        field.queryset = field.queryset.model.objects.filter(level=Level.VILLAGE)
        field.widget.attrs["data-root"] = (
            field.queryset.model.objects.filter(level=Level.PROVINCE)
            .values_list("code", flat=True)
            .first()
            or ""
        )


class HouseholdForm(forms.Form):
    address = forms.CharField(label=_("住址"), required=False, max_length=200)
    has_dibao = forms.BooleanField(label=_("享受最低生活保障"), required=False)


class HouseholdMeansForm(VersionedFormMixin, forms.ModelForm):
    """A household's address and means: what the zero-employment household rules read."""

    class Meta:
        model = Household
        fields = ["address", "has_dibao", "has_business_income", "income_per_capita", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class MemberForm(UserFormMixin, forms.Form):
    id_number = forms.CharField(label=_("成员公民身份号码"), max_length=18)
    relation = forms.ChoiceField(label=_("与户主关系"), choices=Relation.choices)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("台账文件"),
        help_text=_("Excel文件（.xlsx），第一行为列名，列的顺序不限。"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
