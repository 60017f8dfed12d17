from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import ExitReason, OfferKind, ServiceKind
from jiuye.assistance.models import AssistanceService, Category, Identification, Measure
from jiuye.assistance.selectors import case_workers
from jiuye.assistance.services import NOT_A_CASE_WORKER
from jiuye.core.forms import DateInput, VersionedFormMixin
from jiuye.jobs.models import Referral
from jiuye.regions.codes import Level, prefix_of
from jiuye.staff.models import User


def _categories(field, province: str) -> None:
    field.queryset = Category.objects.filter(province=province, is_active=True)
    field.help_text = _("可多选；按台账核验的类别须与人员数据相符，其余须上传证明材料并注明类别。")


class IdentificationForm(forms.ModelForm):
    class Meta:
        model = Identification
        fields = ["categories", "origin", "applied_on", "situation"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "applied_on": DateInput(),
            "situation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, province: str, **kwargs):
        super().__init__(*args, **kwargs)
        _categories(self.fields["categories"], province)

    def _post_clean(self):
        """The service checks and saves."""


class InvestigationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Identification
        fields = ["categories", "situation", "investigation"]
        widgets = {
            "categories": forms.CheckboxSelectMultiple,
            "situation": forms.Textarea(attrs={"rows": 3}),
            "investigation": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _categories(self.fields["categories"], prefix_of(self.instance.region_id, Level.PROVINCE))

    def _post_clean(self):
        """The service checks and saves."""


class EvidenceForm(forms.Form):
    """A file of evidence and its title (a household's investigation)."""

    title = forms.CharField(label=_("材料名称"), max_length=100)
    file = forms.FileField(label=_("文件"), help_text=_("PDF、图片、Word或Excel，不超过10MB。"))


class AttachmentForm(EvidenceForm):
    """Evidence of an identification, and the category it proves."""

    category = forms.ModelChoiceField(
        label=_("所证明的类别"),
        queryset=Category.objects.all(),
        required=False,
        help_text=_("证明某一类别条件的材料（如毕业证书、单亲证明）请注明类别。"),
    )

    def __init__(self, *args, identification=None, **kwargs):
        super().__init__(*args, **kwargs)
        if identification is not None:
            self.fields["category"].queryset = identification.categories.all()


class ObjectionForm(forms.Form):
    content = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("核查结论"),
        coerce=lambda value: value == "1",
        choices=[("0", _("异议不成立，重新公示")), ("1", _("异议成立，不予认定"))],
    )
    outcome = forms.CharField(label=_("核查情况"), widget=forms.Textarea(attrs={"rows": 2}))


class ExitForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("退出原因"), choices=[c for c in ExitReason.choices if c[0] != ExitReason.MOVED]
    )
    on = forms.DateField(label=_("退出日期"), widget=DateInput())
    comment = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}))


class RefusalForm(forms.Form):
    on = forms.DateField(label=_("拒绝日期"), widget=DateInput())
    offer = forms.ChoiceField(label=_("推荐内容"), choices=OfferKind.choices)
    description = forms.CharField(
        label=_("推荐及拒绝情况"), max_length=200, help_text=_("推荐的岗位或培训，本人拒绝的理由")
    )
    service = forms.ModelChoiceField(
        label=_("援助服务记录"), queryset=AssistanceService.objects.none(), required=False
    )
    referral = forms.ModelChoiceField(
        label=_("职业介绍记录"), queryset=Referral.objects.none(), required=False
    )

    def __init__(self, *args, identification=None, **kwargs):
        super().__init__(*args, **kwargs)
        if identification is not None:
            self.fields["service"].queryset = identification.services.filter(
                kind__in=[ServiceKind.JOB_REFERRAL, ServiceKind.TRAINING_REFERRAL]
            )
            self.fields["referral"].queryset = Referral.objects.filter(
                seeker__person_id=identification.person_id
            ).with_parties()


class PlanForm(forms.Form):
    goals = forms.CharField(label=_("援助目标"), widget=forms.Textarea(attrs={"rows": 3}))
    agreement_signed_on = forms.DateField(
        label=_("援助协议签订日期"), required=False, widget=DateInput()
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("措施类别"), choices=ServiceKind.choices)
    description = forms.CharField(label=_("措施内容"), max_length=200)
    responsible = forms.ModelChoiceField(
        label=_("责任人"), queryset=User.objects.none(),
        error_messages={"invalid_choice": NOT_A_CASE_WORKER},
    )  # fmt: skip
    due_on = forms.DateField(label=_("完成时限"), widget=DateInput())

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = case_workers(plan.region_id)


class MeasureDoneForm(forms.Form):
    done_on = forms.DateField(label=_("完成日期"), widget=DateInput())
    result = forms.CharField(label=_("落实情况"), max_length=200)


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("服务类别"), choices=ServiceKind.choices)
    on = forms.DateField(label=_("服务日期"), widget=DateInput())
    content = forms.CharField(label=_("服务内容"), max_length=200)
    result = forms.CharField(label=_("服务结果"), max_length=200, required=False)
    measure = forms.ModelChoiceField(
        label=_("落实的措施"), queryset=Measure.objects.none(), required=False
    )

    def __init__(self, *args, identification=None, **kwargs):
        super().__init__(*args, **kwargs)
        if identification is not None and hasattr(identification, "plan"):
            self.fields["measure"].queryset = identification.plan.measures.all()


class HouseholdInvestigationForm(forms.Form):
    investigation = forms.CharField(
        label=_("入户调查核实情况"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("成员就业和收入情况、有无经营性投资性收入、就业（转移）意愿等。"),
    )  # fmt: skip


class HouseholdSupportForm(forms.Form):
    support_plan = forms.CharField(label=_("扶持措施"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.ModelChoiceField(
        label=_("责任人"), queryset=User.objects.none(),
        error_messages={"invalid_choice": NOT_A_CASE_WORKER},
    )  # fmt: skip

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = case_workers(case.region_id)
