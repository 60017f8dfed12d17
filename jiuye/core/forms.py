from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import CalendarDay, PolicyParameter


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class UserFormMixin:
    """Forms of jiuye receive the user, to offer only choices inside the jurisdiction."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class VersionedFormMixin:
    """Carries the version the editor loaded, for ``core.services.save_versioned``
    (editing forms only: a new record has no version to compare yet)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.version
            )


class CalendarDayForm(UserFormMixin, forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "is_working_day", "name"]
        widgets = {
            "date": DateInput(),
            "is_working_day": forms.Select(
                choices=[(False, _("休息日（放假）")), (True, _("工作日（调休上班）"))]
            ),
        }

    def validate_unique(self):
        """Saving a date that already has a row replaces it (see ``calendar_day_save``)."""


class PolicyParameterForm(UserFormMixin, forms.ModelForm):
    class Meta:
        model = PolicyParameter
        fields = ["key", "region", "value", "effective_from", "source", "policy"]
        widgets = {"effective_from": DateInput(), "source": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        from jiuye.core.parameters import PARAMETERS
        from jiuye.regions.codes import Level
        from jiuye.regions.forms import RegionChoiceField

        super().__init__(*args, **kwargs)
        self.fields["key"] = forms.ChoiceField(
            label=_("参数"),
            choices=[
                (key, _("%(name)s（%(code)s）") % {"name": p.label, "code": key})
                for key, p in sorted(PARAMETERS.items())
            ],
        )
        self.fields["region"] = RegionChoiceField(label=_("适用区划（省、市或县）"))
        self.fields["region"].for_user(self.user, levels=[Level.PROVINCE, Level.CITY, Level.COUNTY])
        # the policies in force the user reads (the policy library's), the latest first
        policies = PolicyParameter._meta.get_field("policy").related_model.objects
        self.fields["policy"].queryset = (
            policies.visible_to(self.user).in_force(timezone.localdate()).order_by("-issued_on")
        )

    def _post_clean(self):
        """The service validates and saves."""
