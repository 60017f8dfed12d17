from django import forms
from django.utils.translation import gettext_lazy as _

from jiuye.regions.forms import RegionChoiceField


class StatisticsForm(forms.Form):
    """The region (of the user's jurisdiction, through the cascading picker) and the day of
    the statistics page; the page reads them with ``asked_region`` and ``asked_day``."""

    region = RegionChoiceField(required=False)
    on = forms.DateField(label=_("统计日期"), required=False,
                         widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].for_user(user)
