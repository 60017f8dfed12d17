from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput
from jiuye.visits.models import Visit


class VisitForm(forms.ModelForm):
    """A visit as the coordinator records it on the phone: the photo from its camera."""

    photo = forms.FileField(
        label=_("走访照片"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=_("用手机拍照留存，作为走访凭证"),
    )  # fmt: skip
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Visit
        fields = ["on", "kind", "result", "notes", "next_step"]
        widgets = {
            "on": DateInput(),
            "kind": forms.RadioSelect,
            "result": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.fields["kind"].initial = "home"
