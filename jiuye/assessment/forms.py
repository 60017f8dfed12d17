from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assessment.choices import Decision, Dimension, ScorerLevel
from jiuye.assessment.models import Round
from jiuye.core.forms import UserFormMixin

SCHEME_FIELDS = ["weight_de", "weight_qin", "weight_ji", "weight_xiao", "weight_community",
                 "weight_township", "weight_county", "excellent_min", "competent_min", "basic_min",
                 "excellent_share", "visits_expected", "visit_share"]  # fmt: skip


class RoundForm(UserFormMixin, forms.ModelForm):
    """A county's round of a year with its scheme (prefilled with the county's last one)."""

    class Meta:
        model = Round
        fields = ["year", "title", *SCHEME_FIELDS]
        help_texts = {
            "title": _("不填则为“某年度基层工作人员考核”"),
            "weight_de": _("德、勤、绩、效四项分值合计100分"),
            "weight_community": _(
                "德、效由社区（村）、街道（乡镇）和县级共同评分（条块结合），三级权重合计100；"
                "街道（乡镇）工作人员只由街道（乡镇）和县级评分，按其权重折算"
            ),
            "visits_expected": _("“勤”的走访部分：一年走访服务对象达到此次数得满分"),
            "visit_share": _("“勤”中走访所占比例，其余为按时办结流程环节的比例"),
            "excellent_share": _("优秀人数超过此比例时，考核页面提示"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from jiuye.assessment.services import scheme_for

        year = timezone.localdate().year
        self.fields["year"].initial = year
        self.fields["title"].required = False
        if self.user is not None and self.user.org_id is not None:
            for name, value in scheme_for(self.user.org, year).items():
                self.fields[name].initial = value

    def _post_clean(self):
        """The service validates the whole round (sums of weights, grade lines)."""


class SelfAssessmentForm(forms.Form):
    text = forms.CharField(label=_("个人自评"), widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("本年度履行岗位职责、完成目标任务、遵守服务规范和创新工作等情况"))  # fmt: skip


class ScoreForm(forms.Form):
    level = forms.ChoiceField(label=_("评分层级"), choices=ScorerLevel.choices)
    de = forms.DecimalField(label=_("德"), min_value=0, max_value=100, decimal_places=1,
                            help_text=_("职业道德水平和遵守服务准则情况，百分制"))  # fmt: skip
    xiao = forms.DecimalField(label=_("效"), min_value=0, max_value=100, decimal_places=1,
                              help_text=_("工作效率和创新性工作情况，百分制"))  # fmt: skip
    note = forms.CharField(
        label=_("评语"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if levels is not None:
            self.fields["level"].choices = [(level, ScorerLevel(level).label) for level in levels]


class AdjustForm(forms.Form):
    dimension = forms.ChoiceField(label=_("调整项目"), choices=[(Dimension.JI, Dimension.JI.label),
                                                            (Dimension.QIN, Dimension.QIN.label)])  # fmt: skip
    value = forms.DecimalField(label=_("调整后的分数"), required=False, min_value=0, max_value=100,
                               decimal_places=1, help_text=_("不填则恢复为预填分数"))  # fmt: skip
    reason = forms.CharField(
        label=_("调整理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("处理决定"), choices=Decision.choices)
    note = forms.CharField(label=_("处理说明"), widget=forms.Textarea(attrs={"rows": 2}))
