"""Pages of office performance: the ranking of a region's offices, an office's score item by
item with its rewards and commendations, the county's 以奖代补 proposal, and the schemes."""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core import charts, parameters
from jiuye.core.excel import sheet_response
from jiuye.core.views import ActionView, ScopedDetailView, ScopedListView, add_service_error
from jiuye.performance import periods, services
from jiuye.performance.choices import OfficeLevel
from jiuye.performance.filters import SchemeFilter
from jiuye.performance.forms import CommendationForm, ItemForm, RankingForm, SchemeForm
from jiuye.performance.models import Commendation, Item, Scheme
from jiuye.performance.reward import KIND, awards, balance
from jiuye.performance.scoring import office_score, ranking
from jiuye.regions.codes import Level
from jiuye.regions.models import Region, ServiceOrg
from jiuye.regions.selectors import asked_region, visible_path
from jiuye.subsidies.models import Claim, ClaimLine


def asked(request) -> tuple[RankingForm, int, periods.Period]:
    """The level and period a page asks for (``?level=&period=``): the latest ended quarter
    and the streets and townships by default, or when the question does not parse."""
    form = RankingForm(request.GET or None)
    if form.is_valid():
        return form, form.cleaned_data["level"], form.cleaned_data["period"]
    period = periods.last_ended(timezone.localdate())
    return RankingForm(initial={"period": period.key}), OfficeLevel.TOWNSHIP, period


class RankingMixin(PermissionRequiredMixin):
    permission_required = "performance.view_score"

    def ranking(self):
        """The ranking asked for, of a region the user may see (404 otherwise)."""
        request = self.request
        region = asked_region(request.user, request.GET.get("region"))
        form, level, period = asked(request)
        try:
            found = ranking(request.user, region, level, period)
        except ValidationError as error:
            return region, form, None, error.messages
        return region, form, found, []


CHARTED = 60  # offices: beyond this a bar each is too thin to read; the table stays


def score_bars(found) -> dict | None:
    """The ranking's scores as bars, best first (the table below holds the figures)."""
    if not found or not 0 < len(found.scores) <= CHARTED:
        return None
    return charts.named_bars(
        [score.region.name for score in found.scores],
        {_("得分"): [score.total for score in found.scores]},
        title=_("%(period)s绩效得分") % {"period": found.period},
        whole=False,
    )


class RankingView(RankingMixin, generic.TemplateView):
    """The offices of a region (county, city, province) ranked by score, with the movement
    since the previous period; each office opens its score explained item by item."""

    template_name = "performance/ranking.html"

    def get_context_data(self, **kwargs):
        region, form, found, errors = self.ranking()
        return super().get_context_data(
            region=region, form=form, ranking=found, errors=errors, chart=score_bars(found),
            path=visible_path(self.request.user, region), query=self.request.GET.urlencode(),
            can_commend=self.request.user.has_perm("performance.add_commendation"), **kwargs,
        )  # fmt: skip


class RankingExportView(RankingMixin, generic.View):
    def get(self, request):
        region, _form, found, errors = self.ranking()
        if found is None:
            raise Http404(_("；").join(errors))
        heads = [
            _("名次"),
            _("较上期"),
            _("区划代码"),
            _("服务机构所在区划"),
            _("得分"),
            _("满分"),
            _("得分说明"),
        ]
        rows = [
            [score.rank, score.movement, score.region.code, score.region.name, score.total,
             score.weight, _("；").join(part.words for part in score.parts)]
            for score in found.scores
        ]  # fmt: skip
        title = _("%(region)s%(level)s绩效排名 %(period)s") % {
            "region": region.name, "level": found.level.label, "period": found.period,
        }  # fmt: skip
        return sheet_response(f"performance-{region.code}-{found.period.key}", title, heads, rows,
                              widths={2: 14, 3: 18, 6: 120})  # fmt: skip


class CommendTopView(RankingMixin, generic.View):
    """Commend the top share of the ranking asked for (POST, the ranking's query)."""

    permission_required = "performance.add_commendation"
    http_method_names = ["post"]

    def post(self, request):
        region = asked_region(request.user, request.POST.get("region"))
        form = RankingForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请选择考核对象和考核期间。"))
            return redirect("performance:ranking")
        data = form.cleaned_data
        try:
            made = services.commend_top(actor=request.user, region=region, level=data["level"],
                                        period=data["period"])  # fmt: skip
        except ValidationError as error:
            messages.error(request, _("；").join(error.messages))
        else:
            messages.success(request, _("已表彰 %(count)s 个机构。") % {"count": len(made)})
        query = f"region={region.code}&level={data['level']}&period={data['period'].key}"
        return redirect(f"{reverse('performance:ranking')}?{query}")


def office_region(user, code: str) -> Region:
    """The region of an office the user may see, at a level that is assessed (404 otherwise)."""
    return get_object_or_404(
        Region.objects.visible_to(user), code=code, level__in=OfficeLevel.values
    )


class OfficeView(PermissionRequiredMixin, generic.TemplateView):
    """An office's score explained item by item, its rank among its siblings and the movement,
    its 以奖代补 rewards and its commendations."""

    permission_required = "performance.view_score"
    template_name = "performance/office.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        region = office_region(user, kwargs["code"])
        form, _level, period = asked(self.request)
        score = office_score(user, region, period)
        rewards = (
            ClaimLine.objects.filter(kind=KIND, office__region=region)
            .filter(claim__in=Claim.objects.visible_to(user))
            .select_related("claim", "office")
            .order_by("-period", "-id")
        )
        commendations = (
            Commendation.objects.visible_to(user)
            .filter(region=region)
            .select_related("office", "worker__position", "commended_by")
        )
        return super().get_context_data(
            region=region, form=form, period=period, score=score, rewards=rewards,
            commendations=commendations, path=visible_path(user, region),
            can_commend=user.has_perm("performance.add_commendation"), **kwargs,
        )  # fmt: skip


class CommendationCreateView(PermissionRequiredMixin, generic.FormView):
    """Commend an office or one of its workers (表彰), on record."""

    permission_required = "performance.add_commendation"
    template_name = "performance/commendation_form.html"
    form_class = CommendationForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(self.permission_required):
            region = office_region(request.user, kwargs["code"])
            self.office = get_object_or_404(
                ServiceOrg.objects.below(request.user), region=region, is_active=True
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "office": self.office}

    def get_context_data(self, **kwargs):
        return super().get_context_data(office=self.office, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.commendation_create(
                actor=self.request.user, honoree=data["honoree"], office=self.office,
                worker=data["worker"], period=data["period"].key, reason=data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已记录表彰。"))
        return redirect("performance:office", code=self.office.region_id)


class RewardView(PermissionRequiredMixin, generic.TemplateView):
    """以奖代补: the county's proposals on the subsidy ledger and, for a county, the rewards
    its offices would get for the latest ended period (the proposal prepared by POST)."""

    permission_required = "performance.view_score"
    template_name = "performance/rewards.html"

    def period(self, county: Region) -> periods.Period:
        kind = parameters.value("performance.reward_period", county.code)
        return periods.last_ended(timezone.localdate(), kind)

    def get_context_data(self, **kwargs):
        user = self.request.user
        region = asked_region(user, self.request.GET.get("region"))
        claims = (
            Claim.objects.visible_to(user)
            .within(region.prefix)
            .filter(kind=KIND)
            .select_related("org")
            .prefetch_related(Prefetch("lines", ClaimLine.objects.select_related("office")))
            .order_by("-month", "-id")
        )
        context = {"region": region, "claims": claims, "path": visible_path(user, region)}
        if region.level == Level.COUNTY:
            period = self.period(region)
            year = (period.last + datetime.timedelta(days=1)).year
            context.update(
                period=period, awards=awards(region, period, year=year, user=user),
                balance=balance(region, year), budget_year=year,
                can_propose=user.has_perm("subsidies.propose_claim")
                and user.org_id is not None and user.org.region_id == region.code,
            )  # fmt: skip
            if context["awards"]:
                context["chart"] = charts.named_bars(
                    [award.org.name for award in context["awards"]],
                    {_("金额（元）"): [award.amount for award in context["awards"]]},
                    title=_("%(period)s奖补测算（元）") % {"period": period},
                    whole=False,
                )
        return super().get_context_data(**context, **kwargs)

    def post(self, request):
        if not request.user.has_perm("subsidies.propose_claim") or request.user.org_id is None:
            messages.error(request, _("奖补由县级人社部门提出。"))
            return redirect("performance:rewards")
        county = request.user.org.region
        try:
            claim = services.reward_propose(actor=request.user, period=self.period(county))
        except ValidationError as error:
            messages.error(request, _("；").join(error.messages))
            return redirect("performance:rewards")
        messages.success(request, _("已生成奖补方案，请核对后“提出并提交审核”。"))
        return redirect(claim)


# Schemes --------------------------------------------------------------------------------


class SchemeListView(ScopedListView):
    """The schemes that apply in the jurisdiction: the province's and the counties' own."""

    model = Scheme
    scope_method = "readable_by"
    filterset_class = SchemeFilter
    template_name = "performance/scheme_list.html"
    sort_fields = {"year": "year", "region": "region_id"}
    default_sort = "-year"

    def scope(self, queryset):
        return queryset.select_related("region").prefetch_related("items")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("performance.change_scheme"), **kwargs
        )


class SchemeCreateView(PermissionRequiredMixin, generic.FormView):
    permission_required = "performance.change_scheme"
    form_class = SchemeForm
    template_name = "performance/scheme_form.html"

    def form_valid(self, form):
        try:
            scheme = services.scheme_create(actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("已保存。"))
        return redirect(scheme)


class SchemeDetailView(ScopedDetailView):
    """A scheme's items, and the form that adds one (the office that made it)."""

    model = Scheme
    scope_method = "readable_by"
    template_name = "performance/scheme_detail.html"
    context_object_name = "scheme"

    def scope(self, queryset):
        return queryset.select_related("region").prefetch_related("items")

    def get_context_data(self, **kwargs):
        user, scheme = self.request.user, self.object
        kept = user.has_perm("performance.change_scheme") and (
            user.is_superuser
            or (user.org_id is not None and user.org.region_id == scheme.region_id)
        )
        return super().get_context_data(kept=kept, form=ItemForm() if kept else None, **kwargs)


class ItemAddView(ActionView):
    model = Scheme
    permission_required = "performance.change_scheme"
    form_class = ItemForm

    def act(self, request, data):
        services.item_add(actor=request.user, scheme=self.object, **data)
        messages.success(request, _("已添加指标。"))


class ItemRemoveView(ActionView):
    model = Item
    permission_required = "performance.change_scheme"

    def act(self, request, data):
        services.item_remove(actor=request.user, item=self.object)
        messages.success(request, _("已删除指标。"))
