import datetime

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core import charts
from jiuye.core.excel import sheet_response
from jiuye.core.history import timeline
from jiuye.core.parameters import PARAMETERS
from jiuye.core.parameters import rows_for as parameter_rows
from jiuye.core.scoping import EVERYTHING
from jiuye.core.views import (
    PagedListMixin,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
)
from jiuye.policies import services
from jiuye.policies.filters import (
    ConsultationFilter,
    GoodPracticeFilter,
    PolicyFilter,
    PublicPolicyFilter,
)
from jiuye.policies.forms import ConsultationForm, GoodPracticeForm, PolicyForm, PublishForm
from jiuye.policies.models import Citation, Consultation, GoodPractice, Policy, PolicyArea
from jiuye.policies.selectors import consultation_figures
from jiuye.regions.filters import RegionCodeField
from jiuye.regions.models import Region
from jiuye.regions.selectors import jurisdiction_root

# ---------------------------------------------------------------- policies


class PolicyListView(ScopedListView):
    """The policies that apply in the jurisdiction; with words, the most relevant first."""

    model = Policy
    filterset_class = PolicyFilter
    template_name = "policies/policy_list.html"
    sort_fields = {"issued_on": "issued_on", "effective_from": "effective_from", "title": "title"}

    def scope(self, queryset):
        return queryset.with_region()

    def get_sort(self):
        """Found by words, the most relevant first (the full-text index drives the query)."""
        return [] if self.searching else super().get_sort()

    @property
    def searching(self) -> bool:
        return bool(self.request.GET.get("q", "").strip())

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), searching=self.searching,
                                        **kwargs)  # fmt: skip


class PolicyExportView(PolicyListView):
    """The filtered policies as an Excel file (without their full text)."""

    def get(self, request, *args, **kwargs):
        policies = self.get_queryset().prefetch_related("areas")
        rows = (
            [p.title, p.issuer, p.number, p.get_level_display(), p.region.name, p.issued_on,
             p.effective_from, p.effective_until, p.get_status_display(),
             _t("、").join(area.name for area in p.areas.all()) or _t("全域")]
            for p in policies
        )  # fmt: skip
        heads = [_("政策名称"), _("发文机关"), _("文号"), _("发文层级"), _("制定区划"), _("发布日期"),
                 _("施行日期"), _("有效期至"), _("状态"), _("适用地区")]  # fmt: skip
        return sheet_response(f"policies-{timezone.localdate():%Y%m%d}", _("政策目录"), heads, rows,
                              widths={0: 50, 1: 30, 2: 24, 9: 30})  # fmt: skip


class PolicyCreateView(ServiceFormMixin, generic.CreateView):
    model = Policy
    form_class = PolicyForm
    permission_required = "policies.add_policy"
    template_name = "policies/policy_form.html"
    success_message = _("政策已录入。")

    def save(self, form):
        return services.policy_create(actor=self.request.user, **form.cleaned_data)


class PolicyUpdateView(ServiceUpdateMixin, generic.UpdateView):
    """Correct a policy, or record that it was amended or repealed."""

    model = Policy
    form_class = PolicyForm
    permission_required = "policies.change_policy"
    template_name = "policies/policy_form.html"
    success_message = _("政策已保存。")
    update, record = staticmethod(services.policy_update), "policy"

    def scope(self, queryset):
        return queryset.with_region()


class PolicyDetailView(ScopedDetailView):
    """A policy: its particulars, where it applies, its text, the policy parameters it sets,
    how often answers cited it, and its history."""

    model = Policy
    template_name = "policies/policy_detail.html"

    def scope(self, queryset):
        return queryset.with_region().select_related("recorded_by")

    def get_context_data(self, **kwargs):
        policy, user = self.object, self.request.user
        rows = parameter_rows(user).filter(policy=policy).select_related("region")
        parameters = [(PARAMETERS.get(row.key), row) for row in rows]
        # a policy has nothing personal and is read by every level it reaches: all its history
        history = timeline(
            policy.history.all(), PolicyArea.history.filter(policy_id=policy.pk),
            viewer=user, scope=EVERYTHING,
        )  # fmt: skip
        return super().get_context_data(
            policy=policy,
            today=timezone.localdate(),
            areas=policy.areas.order_by("code"),
            parameters=parameters,
            cited=Citation.objects.filter(policy=policy)
            .filter(consultation__in=Consultation.objects.visible_to(user).values("pk"))
            .count(),
            can_edit=self.may("policies.change_policy"),
            can_set_parameter=user.has_perm("core.add_policyparameter"),
            history=history,
            **kwargs,
        )


# ---------------------------------------------------------------- consultations


class ConsultationListView(ScopedListView):
    model = Consultation
    filterset_class = ConsultationFilter
    template_name = "policies/consultation_list.html"
    sort_fields = {"asked_on": "asked_on", "region": "region_id", "topic": "topic"}
    default_sort = "-asked_on"

    def scope(self, queryset):
        return queryset.select_related("org", "person", "region").prefetch_related("policies")


class ConsultationExportView(ConsultationListView):
    def get(self, request, *args, **kwargs):
        rows = (
            [c.asked_on, c.org.name, c.region_id, c.asker, c.get_topic_display(), c.question,
             c.answer, _t("；").join(str(policy) for policy in c.policies.all())]
            for c in self.get_queryset()
        )  # fmt: skip
        heads = [_("咨询日期"), _("受理机构"), _("区划代码"), _("咨询人"), _("咨询类别"), _("咨询问题"),
                 _("答复内容"), _("引用政策")]  # fmt: skip
        return sheet_response(f"consultations-{timezone.localdate():%Y%m%d}", _("政策咨询台账"), heads,
                              rows, widths={1: 24, 2: 14, 5: 40, 6: 50, 7: 40})  # fmt: skip


class ConsultationCreateView(ServiceFormMixin, generic.CreateView):
    """Record a question answered at the window (``?policy=`` cites a policy)."""

    model = Consultation
    form_class = ConsultationForm
    permission_required = "policies.add_consultation"
    template_name = "policies/consultation_form.html"
    success_message = _("政策咨询已登记。")

    def get_initial(self):
        policy = self.request.GET.get("policy", "")
        return {"policies": [int(policy)]} if policy.isdecimal() and policy.isascii() else {}

    def save(self, form):
        data = dict(form.cleaned_data)
        data.pop("id_number", None)
        return services.consultation_record(actor=self.request.user, **data)


class ConsultationUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Consultation
    form_class = ConsultationForm
    permission_required = "policies.change_consultation"
    template_name = "policies/consultation_form.html"
    success_message = _("政策咨询已保存。")
    update, record = staticmethod(services.consultation_update), "consultation"

    def form_data(self, form):
        data = dict(form.cleaned_data)
        data.pop("id_number", None)
        return data


class ConsultationDetailView(ScopedDetailView):
    model = Consultation
    template_name = "policies/consultation_detail.html"

    def scope(self, queryset):
        return queryset.select_related("org", "person", "region", "recorded_by")

    def get_context_data(self, **kwargs):
        consultation, user = self.object, self.request.user
        return super().get_context_data(
            policies=consultation.policies.with_region(),
            can_edit=self.may("policies.change_consultation"),
            history=timeline(
                consultation.history.all(),
                Citation.history.filter(consultation_id=consultation.pk),
                viewer=user,
            ),
            **kwargs,
        )


class ConsultationFiguresView(PermissionRequiredMixin, generic.TemplateView):
    """The most-asked topics of a region and period, by sub-region, and the policies cited
    most (``?region=&since=&until=``)."""

    template_name = "policies/consultation_figures.html"
    permission_required = "policies.view_consultation"

    def get_context_data(self, **kwargs):
        user, query = self.request.user, self.request.GET
        today = timezone.localdate()
        root = jurisdiction_root(user)
        region = root
        try:
            code = RegionCodeField(required=False).clean(query.get("region", ""))
        except ValidationError:  # a malformed code: the user's own region
            code = ""
        if code and root is not None:
            region = Region.objects.visible_to(user).filter(code=code).first() or root
        first = _date(query.get("since"), today - datetime.timedelta(days=365))
        last = _date(query.get("until"), today)
        context = super().get_context_data(region=region, first=first, last=last, **kwargs)
        if region is None:
            return context
        figures = consultation_figures(user, region, first, last)
        context.update(figures=figures, query=query.urlencode())
        if figures["topics"]:
            names = [f"{row['name']}{_t('（本级）')}" if row["own"] else row["name"]
                     for row in figures["rows"]]  # fmt: skip
            context["charts"] = [
                charts.named_bars(names, {_t("咨询次数"): [row["total"] for row in figures["rows"]]},
                                  title=_t("咨询次数按下级区划")),
                charts.shares(
                    [(topic.label, n) for topic, n in figures["topics"]], title=_t("咨询类别构成")
                ),
            ]  # fmt: skip
        return context


def _date(text, default):
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return default


# ---------------------------------------------------------------- good practice


class GoodPracticeListView(ScopedListView):
    model = GoodPractice
    filterset_class = GoodPracticeFilter
    template_name = "policies/practice_list.html"
    sort_fields = {"published_on": "published_on", "region": "region_id"}

    def scope(self, queryset):
        return queryset.select_related("org", "region")


class GoodPracticeExportView(GoodPracticeListView):
    def get(self, request, *args, **kwargs):
        rows = (
            [p.title, p.org.name, p.region_id, _t("是") if p.published else _t("否"), p.published_on,
             p.text]
            for p in self.get_queryset()
        )  # fmt: skip
        heads = [_("标题"), _("经验单位"), _("区划代码"), _("已公开发布"), _("发布日期"), _("正文")]
        return sheet_response(f"practices-{timezone.localdate():%Y%m%d}", _("典型经验"), heads, rows,
                              widths={0: 40, 1: 24, 5: 80})  # fmt: skip


class GoodPracticeCreateView(ServiceFormMixin, generic.CreateView):
    model = GoodPractice
    form_class = GoodPracticeForm
    permission_required = "policies.add_goodpractice"
    template_name = "policies/practice_form.html"
    success_message = _("典型经验已保存，经县级以上审核后可公开发布。")

    def get_initial(self):
        return {"org": self.request.GET.get("org")}

    def save(self, form):
        return services.practice_create(actor=self.request.user, **form.cleaned_data)


class GoodPracticeUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = GoodPractice
    form_class = GoodPracticeForm
    permission_required = "policies.change_goodpractice"
    template_name = "policies/practice_form.html"
    success_message = _("典型经验已保存。")
    update, record = staticmethod(services.practice_update), "practice"


class GoodPracticeDetailView(ScopedDetailView):
    model = GoodPractice
    template_name = "policies/practice_detail.html"

    def scope(self, queryset):
        return queryset.select_related("org", "region", "recorded_by")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            practice=self.object,
            can_edit=self.may("policies.change_goodpractice"),
            publish_form=PublishForm() if self.may("policies.publish_goodpractice") else None,
            history=timeline(self.object.history.all(), viewer=self.request.user),
            **kwargs,
        )


class GoodPracticePublishView(ServiceActionView):
    model = GoodPractice
    form_class = PublishForm
    permission_required = "policies.publish_goodpractice"
    service, record = staticmethod(services.practice_publish), "practice"
    done = _("已办理。")


# ---------------------------------------------------------------- public


def public_policies(today):
    """What the public reads: the policies in force today, everywhere."""
    return Policy.objects.in_force(today).with_region()


@method_decorator(login_not_required, name="dispatch")
class PublicView(PagedListMixin, generic.ListView):
    """Public (no login): the policies in force, searchable, and the published good-practice
    cases. Policies and cases hold nothing personal; the staff who entered them are not shown."""

    template_name = "policies/public.html"
    paginate_by = 30

    def get_queryset(self):
        policies = public_policies(timezone.localdate())
        self.filterset = PublicPolicyFilter(self.request.GET or None, queryset=policies,
                                            request=self.request)  # fmt: skip
        if not self.filterset.is_bound:
            return policies
        return self.filterset.qs if self.filterset.is_valid() else policies.none()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            searching=bool(self.request.GET.get("q", "").strip()),
            practices=GoodPractice.objects.filter(published=True).select_related("org")[:10],
            **kwargs,
        )


@method_decorator(login_not_required, name="dispatch")
class PublicPolicyView(generic.DetailView):
    model = Policy
    template_name = "policies/public_policy.html"
    context_object_name = "policy"

    def get_queryset(self):
        return public_policies(timezone.localdate()).prefetch_related("areas")


@method_decorator(login_not_required, name="dispatch")
class PublicPracticeView(generic.DetailView):
    model = GoodPractice
    template_name = "policies/public_practice.html"
    context_object_name = "practice"

    def get_queryset(self):
        return GoodPractice.objects.filter(published=True).select_related("org")
