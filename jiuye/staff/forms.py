from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.core.registry import registry
from jiuye.ledger.identity import parse_id_number
from jiuye.ledger.models import Person
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, ancestor
from jiuye.staff.models import (
    Pairing,
    Position,
    PositionTarget,
    Role,
    StaffCertificate,
    StaffTraining,
    Target,
    User,
)
from jiuye.staff.roles import ROLE_LEVEL, grantable
from jiuye.staff.services import works_of

AGENCIES = (OrgKind.COUNTY_AGENCY, OrgKind.CITY_AGENCY)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续输错%(limit)s次，账号将被锁定。"),
        "inactive": _("该账号已停用，请联系管理员。"),
    }

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )


class RolesField(forms.ModelMultipleChoiceField):
    """The roles that can be held at an organisation of a given level (``ROLE_LEVEL``) and
    that the manager may grant (``GRANTS``)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Role.objects.all(), label=_("角色"), required=False, **kwargs)

    def for_org(self, org, manager):
        if org is None:  # an account outside any organisation holds no role
            self.queryset = Role.objects.none()
            return
        level, allowed = org.region.level, grantable(manager)
        codes = [
            role
            for role, role_level in ROLE_LEVEL.items()
            if role_level in (None, level) and role in allowed
        ]
        self.queryset = Role.objects.filter(code__in=codes)

    def label_from_instance(self, obj):
        return str(obj)


class PersonLinkMixin(forms.Form):
    """The account's own entry in the ledger, found by the identity number among the residents
    the manager sees: ``cleaned_data["person"]`` (left out when the number is blank and the
    link is to stay)."""

    id_number = forms.CharField(
        label=_("本人公民身份号码"), max_length=20, required=False,
        help_text=_("关联本人的台账信息：协管员在特定公益性岗位上岗、领取岗位补贴须关联。"),
    )  # fmt: skip

    def clean_id_number(self):
        raw = self.cleaned_data["id_number"].strip()
        if not raw:
            return None
        number = parse_id_number(raw).number
        person = Person.objects.visible_to(self.user).filter(id_number=number).first()
        if person is None:
            raise forms.ValidationError(
                _("本辖区台账中没有该公民身份号码的人员，请先在台账中登记。")
            )
        return person

    def clean(self):
        data = super().clean()
        person, unlink = data.pop("id_number", None), data.pop("unlink_person", False)
        if person is not None or unlink or self.instance.pk is None:
            data["person"] = person
        return data


# the post an account holds, how it is employed and since when (guideline 七)
WORK_FIELDS = ["position", "employment", "started_on"]


class StaffCreateForm(UserFormMixin, SetPasswordMixin, PersonLinkMixin, forms.ModelForm):
    roles = RolesField()
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("初始密码"), label2=_("再次输入密码")
    )

    class Meta:
        model = User
        fields = ["username", "name", "roles", *WORK_FIELDS, "phone", "is_active"]
        widgets = {"started_on": DateInput()}

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].for_org(org, self.user)
        self.fields["position"].queryset = org.positions.filter(is_active=True)

    def clean(self):
        self.validate_passwords()
        return super().clean()


class StaffUpdateForm(UserFormMixin, VersionedFormMixin, PersonLinkMixin, forms.ModelForm):
    roles = RolesField()

    class Meta:
        model = User
        fields = ["name", "roles", *WORK_FIELDS, "phone", "is_active"]
        widgets = {"started_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].for_org(self.instance.org, self.user)
        self.fields["position"].queryset = Position.objects.filter(
            org_id=self.instance.org_id, is_active=True
        )
        person = self.instance.person
        if person is not None:
            self.fields["id_number"].help_text = _(
                "现已关联：%(name)s（%(number)s）。不填则不变。"
            ) % {"name": person.name, "number": person.masked_id_number}
            self.fields["unlink_person"] = forms.BooleanField(
                label=_("解除与台账人员的关联"), required=False
            )


class CertificateForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = StaffCertificate
        fields = ["name", "number", "issuer", "issued_on", "expires_on"]
        widgets = {"issued_on": DateInput(), "expires_on": DateInput()}


class PositionForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "duties", "is_active"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 4})}


class TargetForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        indicators = registry["indicators"].values()
        self.fields["indicator"] = forms.ChoiceField(label=_("指标"), choices=[
            (each.code, f"{each.section} · {each.label}") for each in indicators if each.ratio is None
        ])  # fmt: skip


class ShareForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = PositionTarget
        fields = ["position", "work", "value"]

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = target.org.positions.filter(is_active=True)
        self.fields["work"] = forms.ChoiceField(label=_("计量的工作"), choices=[
            (work.code, work.label) for work in works_of(target.indicator)
        ])  # fmt: skip


class TrainingForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = StaffTraining
        fields = ["kind", "title", "organiser", "started_on", "ended_on", "hours", "passed"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}


class PairingForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Pairing
        fields = ["worker", "reason", "started_on", "ended_on", "note"]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = [ancestor(org.region_id, Level.COUNTY), ancestor(org.region_id, Level.CITY)]
        self.fields["worker"].queryset = (
            User.objects.visible_to(self.user)
            .filter(is_active=True, org__region_id__in=agencies, org__kind__in=AGENCIES)
            .order_by("org__region_id", "username")
        )  # fmt: skip
