from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin
from jiuye.notices.services import offices_above, offices_below
from jiuye.regions.choices import ORG_KIND_LEVEL
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region

FILES_HELP = _("PDF、图片、Word或Excel，每个不超过10MB，可选多个。")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented way)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(each, initial) for each in data]
        return [single(data, initial)] if data else []


def _levels_below(org) -> list[Level]:
    """The next two levels below the office's own: where regions and offices are picked
    (a city picks counties and townships; deeper ones by level within them)."""
    level = Level(org.region.level)
    return [Level(each) for each in range(level + 1, min(level + 2, Level.VILLAGE) + 1)]


class NoticeForm(UserFormMixin, forms.Form):
    """A notice and whom it goes to: levels (kinds of office) within chosen regions of the
    sender's subtree, and offices picked one by one; only what lies below the sender."""

    title = forms.CharField(label=_("标题"), max_length=200)
    number = forms.CharField(label=_("文号"), max_length=60, required=False,
                             help_text=_("如：济人社字〔2026〕12号"))  # fmt: skip
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 8}))
    kinds = forms.MultipleChoiceField(
        label=_("接收层级"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("不选则为所选区域内的全部机构"),
    )  # fmt: skip
    regions = forms.ModelMultipleChoiceField(
        label=_("接收区域"), queryset=Region.objects.none(), required=False,
        help_text=_("不选则为本辖区全部；可多选"),
    )  # fmt: skip
    orgs = forms.ModelMultipleChoiceField(
        label=_("另选机构"), queryset=Region.objects.none(), required=False,
        help_text=_("逐个选定的机构，与上面的范围合并"),
    )  # fmt: skip
    reply_required = forms.BooleanField(label=_("需要回复"), required=False)
    reply_by = forms.DateField(label=_("回复期限"), required=False, widget=DateInput())
    files = MultipleFileField(label=_("附件"), required=False, help_text=FILES_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org = self.user.org if self.user.org_id else None
        if org is None:
            return
        level = org.region.level
        self.fields["kinds"].choices = [
            (kind.value, kind.label) for kind, at in ORG_KIND_LEVEL.items() if at > level
        ]
        levels = _levels_below(org)
        self.fields["regions"].queryset = Region.objects.within(prefix_of(org.region_id)).filter(
            level__in=levels
        )
        self.fields["orgs"].queryset = (
            offices_below(org).filter(region__level__in=levels).select_related("region")
        )
        self.fields["reply_by"].widget.attrs["min"] = f"{timezone.localdate():%Y-%m-%d}"


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("回复内容"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("回复附件"), required=False,
                           help_text=_("PDF、图片、Word或Excel，不超过10MB。"))  # fmt: skip


class ReportForm(UserFormMixin, forms.Form):
    to_org = forms.ModelChoiceField(label=_("报送至"), queryset=Region.objects.none())
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("内容"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip
    files = MultipleFileField(label=_("附件"), required=False, help_text=FILES_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user.org_id:
            self.fields["to_org"].queryset = (
                offices_above(self.user.org).select_related("region").order_by("-region_id", "pk")
            )


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(label=_("签收意见"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
