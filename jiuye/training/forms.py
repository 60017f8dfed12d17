from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.jobs.forms import OccupationField
from jiuye.regions.forms import RegionChoiceField
from jiuye.training.choices import AppraisalResult, CertificateKind, SkillLevel
from jiuye.training.models import Course, Enrolment, Institution, Need


class InstitutionForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    region = RegionChoiceField(label=_("所在区划"))

    class Meta:
        model = Institution
        fields = ["name", "credit_code", "region", "address", "contact_name", "contact_phone",
                  "designated_from", "designated_until", "active", "note"]  # fmt: skip
        widgets = {
            "designated_from": DateInput(),
            "designated_until": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"credit_code": _("18位，见营业执照或事业单位法人证书；末位为校验码。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].for_user(self.user, scope="editable_by")
        self.fields["credit_code"].widget.attrs.update({"maxlength": 18, "autocomplete": "off"})

    def _post_clean(self):
        """The service validates and saves."""


class CourseForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    occupation = OccupationField(label=_("培训职业（工种）"), required=False)

    class Meta:
        model = Course
        fields = ["institution", "kind", "occupation", "title", "starts_on", "ends_on", "hours",
                  "capacity", "place", "published", "note"]  # fmt: skip
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].help_text = _("职业技能培训必填，创业培训可不填")
        if self.instance.pk is not None:
            del self.fields["institution"]
        else:
            self.fields["institution"].queryset = Institution.objects.editable_by(self.user).filter(
                active=True
            )

    def _post_clean(self):
        """The service validates and saves."""


class NeedForm(forms.ModelForm):
    occupation = OccupationField(label=_("意向职业（工种）"), required=False)

    class Meta:
        model = Need
        fields = ["kind", "occupation", "note"]

    def _post_clean(self):
        """The service validates and saves."""


class EnrolmentForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("培训班"),
        queryset=Course.objects.none(),
        error_messages={"invalid_choice": _("该培训班未向本辖区发布或已结束。")},
    )
    comment = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = (
            Course.objects.offered_to(user).with_institution().order_by("starts_on", "pk")
        )
        self.fields["course"].label_from_instance = lambda course: (
            _("%(institution)s · %(title)s（%(kind)s，%(start)s开班）")
            % {
                "institution": course.institution.name,
                "title": course.title,
                "kind": course.get_kind_display(),
                "start": course.starts_on,
            }
        )


class AttendanceForm(forms.Form):
    attended_hours = forms.IntegerField(label=_("出勤学时"), min_value=0, max_value=2000)


class CompleteForm(forms.Form):
    completed_on = forms.DateField(
        label=_("结业日期"), widget=DateInput(), initial=timezone.localdate
    )
    attended_hours = forms.IntegerField(label=_("出勤学时"), min_value=0, max_value=2000)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class CertificateForm(forms.Form):
    certificate_kind = forms.ChoiceField(
        label=_("证书类别"), choices=[("", "—"), *CertificateKind.choices], required=False
    )
    certificate_number = forms.CharField(label=_("证书编号"), max_length=40, required=False)
    certificate_issued_on = forms.DateField(label=_("发证日期"), widget=DateInput(), required=False)
    appraisal_result = forms.ChoiceField(
        label=_("技能鉴定结果"), choices=[("", "—"), *AppraisalResult.choices], required=False
    )
    appraisal_level = forms.ChoiceField(
        label=_("鉴定等级"), choices=[("", "—"), *SkillLevel.choices], required=False
    )


class TraineeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, enrolment):
        return _("%(name)s（%(course)s，%(state)s）") % {
            "name": enrolment.person.name,
            "course": enrolment.course.title,
            "state": enrolment.state_label,
        }


class ReferralPaymentForm(forms.Form):
    """A payment of the referral subsidy: the trainees it settles, the day and the amount."""

    enrolments = TraineeChoiceField(
        label=_("结算的参训人员"), queryset=Enrolment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    paid_on = forms.DateField(label=_("支付日期"), widget=DateInput())
    amount = forms.DecimalField(label=_("支付金额（元）"), max_digits=12, decimal_places=2,
                                min_value=Decimal("0.01"))  # fmt: skip
    note = forms.CharField(label=_("说明"), max_length=200, required=False,
                           help_text=_("如转账凭证号"))  # fmt: skip

    def __init__(self, *args, unsettled=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unsettled is not None:
            self.fields["enrolments"].queryset = unsettled
