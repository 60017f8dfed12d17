from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.models import Identification
from jiuye.core.forms import DateInput, UserFormMixin, VersionedFormMixin
from jiuye.core.scoping import subtree_q
from jiuye.jobs.models import Employer
from jiuye.ledger.models import Person
from jiuye.posts.choices import LeaveReason, PostKind
from jiuye.posts.models import Placement, Post
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.forms import RegionChoiceField
from jiuye.staff.models import User
from jiuye.staff.roles import RoleCode

CANDIDATES_SHOWN = 500


class PostForm(UserFormMixin, VersionedFormMixin, forms.ModelForm):
    region = RegionChoiceField(label=_("岗位所在街道（乡镇）或社区（村）"))

    class Meta:
        model = Post
        fields = ["unit_name", "employer", "title", "kind", "duties", "posts", "region", "starts_on",
                  "ends_on", "post_subsidy", "insurance_subsidy", "note"]  # fmt: skip
        widgets = {
            "starts_on": DateInput(), "ends_on": DateInput(),
            "duties": forms.Textarea(attrs={"rows": 3}), "note": forms.Textarea(attrs={"rows": 2}),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].for_user(
            self.user, scope="editable_by", levels=[Level.TOWNSHIP, Level.VILLAGE]
        )
        self.fields["employer"].queryset = Employer.objects.visible_to(self.user).order_by("name")
        self.fields["employer"].required = False
        self.fields["unit_name"].required = False
        self.fields["unit_name"].help_text = _("不填则用所选用人单位的名称。")
        for name in ("post_subsidy", "insurance_subsidy"):
            self.fields[name].required = False
            self.fields[name].help_text = _("不填则按政策参数的标准，不能高于该标准。")
        self.fields["kind"].required = False  # an ordinary post unless said otherwise
        if self.user is not None and not self.user.has_perm("posts.manage_special_post"):
            # the township sets up special posts; a coordinator sees the kind, not changes it
            self.fields["kind"].disabled = True
        self.fields["kind"].help_text = _(
            "特定公益性岗位设在社区（村）劳动保障服务站点，由本社区（村）的协管员担任，由街道（乡镇）设置和管理。"
        )

    def clean(self):
        data = super().clean()
        data["kind"] = data.get("kind") or PostKind.ORDINARY
        if not data.get("unit_name") and not data.get("employer"):
            self.add_error("unit_name", _("请填写用岗单位，或选择已登记的用人单位。"))
        return data

    def _post_clean(self):
        """The service validates and saves."""


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return _("%(name)s（%(number)s，%(region)s）") % {
            "name": person.name,
            "number": person.masked_id_number,
            "region": person.region.name,
        }


class PlacementForm(UserFormMixin, forms.Form):
    person = PersonChoiceField(
        label=_("就业援助对象"), queryset=Person.objects.none(),
        error_messages={"invalid_choice": _("请从列表中选择：只能安置本辖区已认定、尚未上岗的就业困难人员。")},
    )  # fmt: skip
    started_on = forms.DateField(
        label=_("上岗日期"), widget=DateInput(), initial=timezone.localdate
    )
    contract_months = forms.IntegerField(
        label=_("协议（合同）期限（月）"), min_value=1, max_value=120,
        help_text=_("自上岗之日起计算，不能超出岗位期限。"),
    )  # fmt: skip

    def __init__(self, *args, post, **kwargs):
        super().__init__(*args, **kwargs)
        on_post = Placement.objects.open().filter(person_id=OuterRef("pk"))
        if post.is_special:  # the community's coordinators, through their own ledger entry
            self.fields["person"].label = _("协管员")
            self.fields["person"].error_messages["invalid_choice"] = _(
                "请从列表中选择：只能安排本社区（村）已关联台账信息、尚未上岗的在岗协管员。"
            )
            coordinators = User.objects.filter(
                subtree_q("org__region_id", prefix_of(post.region_id)), is_active=True,
                roles__code=RoleCode.COORDINATOR,
            )  # fmt: skip
            chosen = Q(pk__in=coordinators.values("person_id"))
        else:
            chosen = Exists(Identification.objects.identified().filter(person_id=OuterRef("pk")))
        candidates = (
            Person.objects.visible_to(self.user).filter(chosen).exclude(Exists(on_post))
            .select_related("region").order_by("region_id", "name_initials", "pk")
        )  # fmt: skip
        # a long list is cut for the page; a posted choice is checked against all candidates
        self.fields["person"].queryset = (
            candidates if self.is_bound else candidates[:CANDIDATES_SHOWN]
        )


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("离岗日期"), widget=DateInput(), initial=timezone.localdate,
                               help_text=_("当日起不在岗。"))  # fmt: skip
    reason = forms.ChoiceField(label=_("离岗原因"), choices=LeaveReason.choices)
    employer = forms.CharField(label=_("新就业单位"), max_length=100, required=False,
                               help_text=_("实现其他就业的须填写。"))  # fmt: skip
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
