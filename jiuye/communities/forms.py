from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.communities.choices import StandardKind
from jiuye.communities.models import Criterion, Standard
from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.core.registry import registry


def indicator_choices():
    """The registry's indicators of a region (not money), by section."""
    return [("", _("（按证明材料查验）"))] + [
        (
            code,
            _("%(section)s：%(label)s") % {"section": indicator.section, "label": indicator.label},
        )
        for code, indicator in registry["indicators"].items()
        if not indicator.is_money
    ]


class CriterionForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["position", "label", "indicator", "comparison", "threshold", "evidence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"] = forms.ChoiceField(label=_("指标"), choices=indicator_choices,
                                                     required=False)  # fmt: skip

    def _post_clean(self):
        """The service validates and saves."""


class RoundForm(UserFormMixin, forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类别"), choices=StandardKind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    closes_on = forms.DateField(label=_("申报截止"), widget=DateInput())


class ApplicationForm(UserFormMixin, forms.Form):
    standard = forms.ModelChoiceField(label=_("申报称号"), queryset=Standard.objects.none())
    self_assessment = forms.CharField(label=_("自评情况"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = Standard.objects.visible_to(self.user).filter(
            kind=round.kind, is_active=True
        )


class SelfAssessmentForm(forms.Form):
    self_assessment = forms.CharField(label=_("自评情况"), widget=forms.Textarea(attrs={"rows": 6}))


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("材料名称"), max_length=100, required=False)
    file = forms.FileField(label=_("文件"))


class RecheckForm(UserFormMixin, forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类别"), choices=StandardKind.choices)
    sample_percent = forms.IntegerField(
        label=_("抽查比例（%）"), min_value=1, max_value=100, initial=100
    )
