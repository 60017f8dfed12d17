from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.staff.models import Role, StaffCertificate, User
from jiuye.staff.roles import ROLE_LEVEL


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
    """The roles that can be held at an organisation of a given level (``ROLE_LEVEL``)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Role.objects.all(), label=_("角色"), required=False, **kwargs)

    def for_org(self, org):
        if org is None:  # an account outside any organisation holds no role
            self.queryset = Role.objects.none()
            return
        level = org.region.level
        codes = [role for role, role_level in ROLE_LEVEL.items() if role_level in (None, level)]
        self.queryset = Role.objects.filter(code__in=codes)

    def label_from_instance(self, obj):
        return str(obj)


class StaffCreateForm(UserFormMixin, SetPasswordMixin, forms.ModelForm):
    roles = RolesField()
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("初始密码"), label2=_("再次输入密码")
    )

    class Meta:
        model = User
        fields = ["username", "name", "roles", "post", "duties", "phone", "is_active"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, org, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].for_org(org)

    def clean(self):
        self.validate_passwords()
        return super().clean()


class StaffUpdateForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    roles = RolesField()

    class Meta:
        model = User
        fields = ["name", "roles", "post", "duties", "phone", "is_active"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].for_org(self.instance.org)


class CertificateForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = StaffCertificate
        fields = ["name", "number", "issuer", "issued_on", "expires_on"]
        widgets = {"issued_on": DateInput(), "expires_on": DateInput()}
