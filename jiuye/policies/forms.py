from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.ledger.models import Person
from jiuye.policies.models import Consultation, GoodPractice, Policy
from jiuye.policies.services import practice_orgs
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level
from jiuye.regions.forms import RegionChoiceField
from jiuye.regions.models import Region
from jiuye.regions.selectors import jurisdiction_root

TEXT = {"rows": 4}


class AreasField(forms.ModelMultipleChoiceField):
    """Cities and counties, the counties indented under their city."""

    def label_from_instance(self, region):
        return f"\u00a0\u00a0{region.name}" if region.level == Level.COUNTY else region.name


class PolicyForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    """A policy: the region that keeps it (when new), its particulars, its text and where it
    applies."""

    class Meta:
        model = Policy
        fields = ["region", "level", "title", "issuer", "number", "issued_on", "effective_from",
                  "effective_until", "status", "text"]  # fmt: skip
        widgets = {"issued_on": DateInput(), "effective_from": DateInput(),
                   "effective_until": DateInput(), "text": forms.Textarea(attrs={"rows": 16})}  # fmt: skip
        help_texts = {"number": _("如：鲁人社发〔2023〕12号"),
                      "issuer": _("联合发文的，以空格分隔各机关")}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"] = AreasField(
            label=_("适用地区"), required=False,
            queryset=Region.objects.visible_to(self.user).filter(level__in=[Level.CITY, Level.COUNTY]),
            widget=forms.SelectMultiple(attrs={"size": 10}),
            help_text=_("不选：适用于制定区划全域；只适用于部分市、县的，按住Ctrl键多选"),
        )  # fmt: skip
        root = jurisdiction_root(self.user)
        if root is not None and root.level >= Level.COUNTY:  # a county's apply to all of it
            del self.fields["areas"]
        if self.instance.pk is None:
            self.fields["region"] = RegionChoiceField(label=_("制定区划（省、市或县）"))
            self.fields["region"].for_user(
                self.user, levels=[Level.PROVINCE, Level.CITY, Level.COUNTY]
            )
        else:
            del self.fields["region"]
            if "areas" in self.fields:
                self.fields["areas"].initial = [area.pk for area in self.instance.areas.all()]

    def _post_clean(self):
        """The service validates and saves."""


class ConsultationForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    """A question at the window: who asked (a resident of the ledger by identity number, or
    a name), what, the answer and the policies it cites."""

    id_number = forms.CharField(
        label=_("咨询人身份号码"), required=False, max_length=18,
        help_text=_("台账中的人员可填身份号码；否则填写姓名，也可不填"),
    )  # fmt: skip

    class Meta:
        model = Consultation
        fields = ["asked_on", "topic", "question", "answer", "asker_name", "policies"]
        widgets = {"asked_on": DateInput(), "question": forms.Textarea(attrs=TEXT),
                   "answer": forms.Textarea(attrs=TEXT)}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        policies = Policy.objects.visible_to(self.user).in_force(today)
        if self.instance.pk is not None:  # a policy cited before stays choosable
            policies = (
                Policy.objects.visible_to(self.user)
                .filter(Q(pk__in=policies.values("pk")) | Q(citations__consultation=self.instance))
                .distinct()
            )
        self.fields["policies"] = forms.ModelMultipleChoiceField(
            label=_("引用政策"), required=False, queryset=policies.order_by("level", "-issued_on"),
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )  # fmt: skip
        self.fields = {"id_number": self.fields.pop("id_number"), **self.fields}
        if self.instance.pk is None:
            self.fields["asked_on"].initial = today
        elif self.instance.person_id:  # kept unless another number is typed (never shown whole)
            self.fields["id_number"].help_text = _(
                "现为%(name)s（%(number)s）；填写其他身份号码可更正"
            ) % {"name": self.instance.person.name, "number": self.instance.person.masked_id_number}

    def clean(self):
        data = super().clean()
        number = (data.get("id_number") or "").strip().upper()
        data["person"] = self.instance.person if self.instance.person_id else None
        if number:
            data["person"] = Person.objects.visible_to(self.user).filter(id_number=number).first()
            if data["person"] is None:
                self.add_error("id_number", _("您管辖的台账中没有这个身份号码的人员。"))
        return data

    def _post_clean(self):
        """The service validates and saves."""


class GoodPracticeForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = GoodPractice
        fields = ["org", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            del self.fields["org"]
            return
        orgs = practice_orgs(self.user).with_region()
        if self.user.org_id is not None and self.user.org.region.level <= Level.COUNTY:
            # above the township, a community is chosen from its office's page (?org=)
            chosen = str(self.data.get("org") or self.initial.get("org") or "")
            orgs = orgs.filter(
                ~Q(kind=OrgKind.VILLAGE_STATION) | Q(pk=int(chosen) if chosen.isdigit() else None)
            )
        self.fields["org"].queryset = orgs.order_by("region_id")
        self.fields["org"].initial = self.initial.get("org") or self.user.org_id

    def _post_clean(self):
        """The service validates and saves."""


class PublishForm(forms.Form):
    published = forms.TypedChoiceField(
        label=_("公开发布"), coerce=lambda value: value == "1", widget=forms.RadioSelect,
        choices=[("1", _("在公开页面发布")), ("0", _("撤回发布"))],
    )  # fmt: skip
