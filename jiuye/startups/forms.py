from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.startups.choices import ServiceKind
from jiuye.startups.models import Entrepreneur, Loan


class EntrepreneurForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Entrepreneur
        fields = ["trade", "idea", "state", "started_on", "jobs_created", "note"]
        widgets = {
            "started_on": DateInput(),
            "idea": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            for name in ("state", "started_on", "jobs_created"):
                del self.fields[name]

    def _post_clean(self):
        """The service validates and saves."""


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("服务内容"), choices=ServiceKind.choices)
    on = forms.DateField(label=_("服务日期"), widget=DateInput(), initial=timezone.localdate)
    details = forms.CharField(label=_("具体情况"), widget=forms.Textarea(attrs={"rows": 2}))


class LoanForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Loan
        fields = ["project", "micro_profit", "partners", "amount", "term_months",
                  "guarantee_kind", "guarantor", "note"]  # fmt: skip
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self):
        """The service validates and saves (the limits are policy parameters)."""


class BankApproveForm(forms.Form):
    bank = forms.CharField(label=_("贷款银行"), max_length=100)
    contract_number = forms.CharField(label=_("借款合同编号"), max_length=50)
    annual_rate = forms.DecimalField(label=_("年利率（%）"), max_digits=6, decimal_places=4,
                                     min_value=0, max_value=30)  # fmt: skip
    disbursed_on = forms.DateField(label=_("放款日期"), widget=DateInput())
    comment = forms.CharField(label=_("意见"), required=False)


class RepaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("还款日期"), widget=DateInput(), initial=timezone.localdate)
    amount = forms.DecimalField(label=_("还款金额（元）"), max_digits=12, decimal_places=2,
                                min_value=0)  # fmt: skip


class ExtendForm(forms.Form):
    months = forms.IntegerField(label=_("展期（月）"), min_value=1, max_value=60)
    reason = forms.CharField(label=_("展期原因"), max_length=200)


class RecoveryForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DateInput(), initial=timezone.localdate)
    action = forms.CharField(label=_("采取的措施"), max_length=200)
    result = forms.CharField(label=_("结果"), max_length=200, required=False)
