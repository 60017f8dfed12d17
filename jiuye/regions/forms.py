from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import UserFormMixin, VersionedFormMixin
from jiuye.regions.codes import CODE_PATTERN
from jiuye.regions.models import Region, ServiceOrg
from jiuye.regions.selectors import jurisdiction_root


class RegionPickerWidget(forms.TextInput):
    """A code input that ``static/jiuye/region-picker.js`` turns into cascading selects,
    province → city → county → township → village, starting at the user's jurisdiction."""

    def __init__(self, attrs=None):
        defaults = {
            "data-region-picker": "",
            "inputmode": "numeric",
            "maxlength": "12",
            "pattern": CODE_PATTERN,
        }
        super().__init__({**defaults, **(attrs or {})})

    class Media:
        js = ["jiuye/region-picker.js"]


class RegionChoiceField(forms.ModelChoiceField):
    """A region of the user's jurisdiction, chosen by its code."""

    widget = RegionPickerWidget
    default_error_messages = {"invalid_choice": _("该区划不存在或不在您的管辖范围内。")}

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Region.objects.none())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("label", _("区划"))
        super().__init__(**kwargs)

    def for_user(self, user, *, scope="visible_to", levels=None):
        """Offer the regions ``Region.objects.<scope>(user)`` (``below`` for offices a
        manager sets up), optionally of some levels only."""
        self.queryset = getattr(Region.objects, scope)(user)
        if levels:
            self.queryset = self.queryset.filter(level__in=levels)
        root = jurisdiction_root(user)
        if root:
            self.widget.attrs["data-root"] = root.code

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Region):
            return value.code
        return super().prepare_value(value)


class ServiceOrgForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    region = RegionChoiceField(label=_("所在区划"))

    class Meta:
        model = ServiceOrg
        fields = ["name", "kind", "region", "address", "phone", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].for_user(self.user, scope="below")
