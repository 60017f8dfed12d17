from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.core.models import CalendarDay


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
