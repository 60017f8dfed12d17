from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.complaints import public
from jiuye.complaints.choices import About, Channel, Satisfaction
from jiuye.complaints.services import COMPLAINED_LEVELS, RECEIPT_LENGTH
from jiuye.core.forms import DateInput, UserFormMixin
from jiuye.regions.forms import RegionChoiceField
from jiuye.regions.models import Region

TEXT = {"rows": 4}
REGION_HELP = _("选择到街道（乡镇）或社区（村），也可直接输入12位区划代码")


class ComplaintFields(forms.Form):
    """What a complainant says, on the staff form and the public one alike."""

    about = forms.ChoiceField(label=_("投诉对象"), choices=About.choices)
    worker_name = forms.CharField(label=_("被投诉工作人员"), max_length=50, required=False,
                                  help_text=_("投诉工作人员的，填写其姓名或工号（如知道）"))  # fmt: skip
    case_ref = forms.CharField(label=_("相关事项"), max_length=100, required=False,
                               help_text=_("如业务编号、办理事项名称"))  # fmt: skip
    content = forms.CharField(label=_("投诉内容"), widget=forms.Textarea(attrs=TEXT),
                              max_length=2000)  # fmt: skip
    name = forms.CharField(label=_("投诉人姓名"), max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=30,
                            help_text=_("用于答复和回访，不会公开"))  # fmt: skip


class ComplaintForm(UserFormMixin, ComplaintFields):
    """A complaint received at a window or by telephone, recorded by staff."""

    field_order = ["channel", "received_on", "region", "about", "worker_name", "worker"]
    channel = forms.ChoiceField(label=_("投诉渠道"),
                                choices=[(Channel.WINDOW, Channel.WINDOW.label),
                                         (Channel.PHONE, Channel.PHONE.label)])  # fmt: skip
    received_on = forms.DateField(label=_("受理日期"), widget=DateInput(),
                                  initial=timezone.localdate)  # fmt: skip
    region = RegionChoiceField(label=_("被投诉地区"), help_text=REGION_HELP)
    worker = forms.CharField(label=_("被投诉工作人员账号"), max_length=150, required=False,
                             help_text=_("知道的，填写其登录账号（工号），记入其名下"))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].for_user(self.user, scope="editable_by", levels=COMPLAINED_LEVELS)


class PublicComplaintForm(ComplaintFields):
    """The public form: the region from the whole province, a honeypot and the signed time the
    form was served (``public``)."""

    field_order = ["region"]
    region = forms.CharField(label=_("被投诉地区"), help_text=REGION_HELP, max_length=12)
    # the honeypot: hidden from people (CSS and aria-hidden), filled in by bots
    website = forms.CharField(label=_("网址（请勿填写）"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, root: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = public.stamp()
        attrs = self.fields["region"].widget.attrs
        attrs.update({"data-region-picker": "", "inputmode": "numeric", "maxlength": "12",
                      "data-source": "/complaints/public/regions/", "data-root": root,
                      "data-placeholder": "—", "autocomplete": "off"})  # fmt: skip
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_region(self):
        code = self.cleaned_data["region"].strip()
        region = Region.objects.filter(code=code, level__in=COMPLAINED_LEVELS).first()
        if region is None:
            raise forms.ValidationError(_("请选择到街道（乡镇）或社区（村）。"))
        return region

    def is_spam(self) -> bool:
        """A filled honeypot, or a form sent back sooner than a person can fill it."""
        return bool(self.data.get("website")) or public.filled_too_fast(
            self.data.get("started", "")
        )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("办理情况"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs=TEXT))


class CloseForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("投诉人满意度"), required=False,
                                     choices=[("", _("未能回访")), *Satisfaction.choices])  # fmt: skip
    note = forms.CharField(label=_("回访情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("未能回访的写明原因"))  # fmt: skip


class LookupForm(forms.Form):
    receipt = forms.CharField(label=_("回执码"), max_length=RECEIPT_LENGTH + 4,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}))  # fmt: skip

    def clean_receipt(self):
        return self.cleaned_data["receipt"].strip().upper().replace(" ", "").replace("-", "")


class RateForm(LookupForm):
    """The complainant's rating of the answer, sent with the receipt code looked up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receipt"].widget = forms.HiddenInput()

    satisfaction = forms.ChoiceField(label=_("您对答复是否满意"), choices=Satisfaction.choices,
                                     widget=forms.RadioSelect)  # fmt: skip
