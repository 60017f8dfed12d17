from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level
from jiuye.supervision.choices import Area
from jiuye.supervision.models import Inspection
from jiuye.supervision.services import inspectable_orgs

TEXT = {"rows": 2}


class InspectionForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    """An inspection: the office (only those the user may inspect), when, who, what; when
    editing, the office stays."""

    class Meta:
        model = Inspection
        fields = ["org", "inspected_on", "inspectors", "scope", "summary", "conclusion"]
        widgets = {"inspected_on": DateInput(), "scope": forms.Textarea(attrs=TEXT),
                   "summary": forms.Textarea(attrs={"rows": 3})}  # fmt: skip
        help_texts = {"inspectors": _("姓名，多人以顿号分隔"),
                      "conclusion": _("对工作成效显著的予以表扬，对工作不力的予以督导批评")}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["org"]
        else:
            self.fields["org"].queryset = self._orgs()
            self.fields["inspected_on"].initial = timezone.localdate()

    def _orgs(self):
        """The offices to choose from. Above the county, the townships' only: a city has
        thousands of communities, a province tens of thousands, so a community is chosen from
        its office's page (``?org=``)."""
        orgs = inspectable_orgs(self.user).with_region()
        if self.user.org_id is None or self.user.org.region.level >= Level.COUNTY:
            return orgs
        chosen = str(self.data.get("org") or self.initial.get("org") or "")
        return orgs.filter(
            Q(kind=OrgKind.TOWNSHIP_CENTRE) | Q(pk=int(chosen) if chosen.isdigit() else None)
        )

    def _post_clean(self):
        """The service validates and saves."""


class FindingForm(forms.Form):
    """A problem found: its area, what was found, what must be done, by when."""

    area = forms.ChoiceField(label=_("督查方面"), choices=Area.choices)
    problem = forms.CharField(label=_("发现的问题"), widget=forms.Textarea(attrs=TEXT))
    requirement = forms.CharField(label=_("整改要求"), widget=forms.Textarea(attrs=TEXT))
    fix_by = forms.DateField(label=_("整改期限"), required=False, widget=DateInput(),
                             help_text=_("不填则按政策参数的默认工作日数计算"))  # fmt: skip


FindingFormSet = forms.formset_factory(FindingForm, extra=3)


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3}))
    title = forms.CharField(label=_("材料名称"), max_length=100, required=False)
    file = forms.FileField(label=_("整改材料"), required=False,
                           help_text=_("PDF、图片、Word或Excel，不超过10MB。"))  # fmt: skip


class FollowUpForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("复核结论"), coerce=lambda value: value == "1", widget=forms.RadioSelect,
        choices=[("1", _("整改到位，销号")), ("0", _("整改不到位，退回重新整改"))],
    )  # fmt: skip
    note = forms.CharField(label=_("复核意见"), required=False, widget=forms.Textarea(attrs=TEXT),
                           help_text=_("退回时必填：写明理由"))  # fmt: skip
    fix_by = forms.DateField(label=_("新的整改期限"), required=False, widget=DateInput(),
                             help_text=_("退回时适用；不填则按政策参数的默认工作日数计算"))  # fmt: skip
