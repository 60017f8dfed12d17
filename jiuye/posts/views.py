from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core import parameters
from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.views import (
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
)
from jiuye.jobs.models import Referral
from jiuye.posts import services
from jiuye.posts.filters import AbsorbedFilter, PlacementFilter, PostFilter
from jiuye.posts.forms import EndForm, PlacementForm, PostForm
from jiuye.posts.models import Placement, Post
from jiuye.posts.selectors import absorbed_targets
from jiuye.subsidies.models import ClaimLine

# Posts ----------------------------------------------------------------------------------


def may_keep(user, post: Post) -> bool:
    """A special post and its placements are the township's to change (guideline 六)."""
    return not post.is_special or user.has_perm("posts.manage_special_post")


class PostListView(ScopedListView):
    model = Post
    filterset_class = PostFilter
    template_name = "posts/post_list.html"
    export_columns = [
        Column(_("岗位名称"), "title", 24), Column(_("用岗单位"), "unit_name", 30),
        Column(_("所在区划"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("岗位数量"), "posts"), Column(_("在岗"), "filled"), Column(_("期限自"), "starts_on"),
        Column(_("期限至"), "ends_on"), Column(_("岗位补贴（元/月）"), "post_subsidy", money=True),
        Column(_("社保补贴（元/月）"), "insurance_subsidy", money=True),
    ]  # fmt: skip
    sort_fields = {"starts_on": "starts_on", "ends_on": "ends_on", "region": "region_id"}
    default_sort = "-starts_on"

    def scope(self, queryset):
        return queryset.with_filled().select_related("region")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class PostCreateView(ServiceFormMixin, generic.CreateView):
    model = Post
    form_class = PostForm
    permission_required = "posts.add_post"
    template_name = "posts/post_form.html"
    success_message = _("公益性岗位已登记。")

    def get_initial(self):
        today = timezone.localdate()
        region = parameters.region_of(self.request.user)
        return {"starts_on": today, "posts": 1, **services.post_defaults(region, today)}

    def save(self, form):
        return services.post_create(actor=self.request.user, **form.cleaned_data)


class PostUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Post
    form_class = PostForm
    permission_required = "posts.change_post"
    template_name = "posts/post_form.html"
    success_message = _("公益性岗位已保存。")
    update, record = staticmethod(services.post_update), "post"


class PostDetailView(ScopedDetailView):
    """A post, its placements (on the post and left) and its change history."""

    model = Post
    template_name = "posts/post_detail.html"

    def scope(self, queryset):
        return queryset.select_related("region", "employer")

    def get_context_data(self, **kwargs):
        user, post = self.request.user, self.object
        placements = list(post.placements.select_related("person", "region"))
        filled = sum(1 for placement in placements if placement.is_open)
        return super().get_context_data(
            placements=placements,
            filled=filled,
            can_edit=self.may("posts.change_post") and may_keep(user, post),
            can_place=self.may("posts.add_placement")
            and may_keep(user, post)
            and filled < post.posts,
            history=timeline(post.history.all(), viewer=user),
            **kwargs,
        )


# Placements -----------------------------------------------------------------------------


class PlacementCreateView(ServiceFormMixin, generic.FormView):
    """Place an assistance target on a post (the post's page links here)."""

    model = Placement
    form_class = PlacementForm
    permission_required = "posts.add_placement"
    template_name = "posts/placement_form.html"
    success_message = _("已安置上岗，台账中该人员已改为公益性岗位就业。")

    @cached_property
    def post_record(self):
        return get_object_or_404(
            Post.objects.editable_by(self.request.user).select_related("region"),
            pk=self.kwargs["post"],
        )

    def get_form_kwargs(self):
        # a post outside the jurisdiction is a 404 before anything else
        return {**super().get_form_kwargs(), "post": self.post_record}

    def get_context_data(self, **kwargs):
        return super().get_context_data(post=self.post_record, **kwargs)

    def save(self, form):
        return services.placement_create(
            actor=self.request.user, post=self.post_record, **form.cleaned_data
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class PlacementListView(ScopedListView):
    model = Placement
    filterset_class = PlacementFilter
    template_name = "posts/placement_list.html"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("岗位"), "post.title", 24), Column(_("用岗单位"), "post.unit_name", 30),
        Column(_("区划"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("上岗日期"), "started_on"), Column(_("离岗日期"), "ended_on"),
        Column(_("离岗原因"), "get_leave_reason_display"),
    ]  # fmt: skip
    sort_fields = {"started_on": "started_on", "ended_on": "ended_on", "region": "region_id"}
    default_sort = "-started_on"

    def scope(self, queryset):
        return queryset.with_parties()


class PlacementDetailView(ScopedDetailView):
    model = Placement
    template_name = "posts/placement_detail.html"

    def scope(self, queryset):
        return queryset.with_parties().select_related("post__region")

    def get_context_data(self, **kwargs):
        user, placement = self.request.user, self.object
        can_end = (
            placement.is_open and self.may("posts.end_placement") and may_keep(user, placement.post)
        )
        # the lines of this placement, not those of the person's other placements (perhaps in
        # another county's claims)
        lines = (
            ClaimLine.objects.filter(
                source_type=ContentType.objects.get_for_model(Placement), source_id=placement.pk,
                kind__in=["post_subsidy", "post_insurance"], void=False,
            )
            .select_related("claim")
            .order_by("period", "kind")
        )  # fmt: skip
        return super().get_context_data(
            can_end=can_end,
            end_form=EndForm(),
            lines=lines,
            history=timeline(placement.history.all(), viewer=user),
            **kwargs,
        )


class PlacementEndView(ServiceActionView):
    model = Placement
    form_class = EndForm
    permission_required = "posts.end_placement"
    service, record = staticmethod(services.placement_end), "placement"
    done = _("已办理离岗。")


class AbsorbedView(ScopedListView):
    """吸纳援助对象的单位: employers that hired identified hard-to-employ persons with social
    insurance through the jurisdiction's referrals, and the months they may be subsidised."""

    model = Referral
    permission_required = "jobs.view_referral"
    filterset_class = AbsorbedFilter
    template_name = "posts/absorbed.html"
    export_name, export_file = _("吸纳援助对象的单位"), "absorbed-employers"
    export_columns = [
        Column(_("用人单位"), "referral.vacancy.employer.name", 30),
        Column(_("统一社会信用代码"), "referral.vacancy.employer.credit_code", 20),
        Column(_("人员"), "referral.seeker.person.name"), Column(_("录用日期"), "referral.hired_on"),
        Column(_("推荐机构"), "referral.org.name", 24), Column(_("区划代码"), "referral.region_id", 14),
        Column(_("可申报起始月份"), lambda row: f"{row.first_month:%Y-%m}"),
        Column(_("可申报截止月份"), lambda row: f"{row.last_month:%Y-%m}"),
        Column(_("最长月数"), "limit"),
    ]  # fmt: skip

    def get_queryset(self):
        return absorbed_targets(super().get_queryset(), timezone.localdate())
