from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.scoping import can_edit, jurisdiction_prefix
from jiuye.core.views import (
    ScopedDetailView,
    ScopedListView,
    ServiceFormMixin,
    ServiceUpdateMixin,
)
from jiuye.regions import services
from jiuye.regions.codes import contains
from jiuye.regions.filters import ServiceOrgFilter
from jiuye.regions.forms import ServiceOrgForm
from jiuye.regions.models import Region, ServiceOrg
from jiuye.regions.selectors import jurisdiction_root, subtree_counts


class RegionRootView(PermissionRequiredMixin, generic.View):
    permission_required = "regions.view_region"

    def get(self, request):
        root = jurisdiction_root(request.user)
        if root is None:
            raise Http404(_("您的账号没有管辖区域。"))
        return redirect("regions:detail", code=root.code)


class RegionDetailView(ScopedDetailView):
    """The region browser: one node of the jurisdiction with its children and their counts."""

    model = Region
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "regions/region_detail.html"

    def get_context_data(self, **kwargs):
        region = self.object
        user = self.request.user
        children = list(Region.objects.visible_to(user).filter(parent=region).order_by("code"))
        totals, per_child = subtree_counts(user, region, children)
        prefix = jurisdiction_prefix(user)  # not None: the region itself was visible
        context = super().get_context_data(**kwargs)
        context.update(
            path=[(ancestor, contains(prefix, ancestor.code)) for ancestor in region.path],
            children=[(child, per_child[child.code]) for child in children],
            totals=totals,
            orgs=ServiceOrg.objects.visible_to(user).filter(region=region).order_by("name"),
            can_add_org=user.has_perm("regions.add_serviceorg")
            and Region.objects.below(user).filter(pk=region.pk).exists(),
            history=timeline(region.history.all(), viewer=user),
        )
        return context


class ServiceOrgListView(ScopedListView):
    model = ServiceOrg
    filterset_class = ServiceOrgFilter
    template_name = "regions/serviceorg_list.html"
    export_columns = [
        Column(_("机构名称"), "name", 30), Column(_("机构类别"), "get_kind_display"),
        Column(_("所在区划"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("联系电话"), "phone"), Column(_("有效"), "is_active"),
    ]  # fmt: skip
    sort_fields = {"name": "name", "region": "region_id", "kind": "kind"}
    default_sort = "region"

    def scope(self, queryset):
        return queryset.with_region()


class ServiceOrgDetailView(ScopedDetailView):
    model = ServiceOrg
    template_name = "regions/serviceorg_detail.html"

    def scope(self, queryset):
        return queryset.with_region()

    def get_context_data(self, **kwargs):
        org, user = self.object, self.request.user
        context = super().get_context_data(**kwargs)
        context["staff"] = org.staff.prefetch_related("roles").order_by("username")
        context["history"] = timeline(org.history.all(), viewer=user)
        context["can_manage"] = can_edit(user, org, scope="below")
        return context


class ServiceOrgCreateView(ServiceFormMixin, generic.CreateView):
    model = ServiceOrg
    form_class = ServiceOrgForm
    permission_required = "regions.add_serviceorg"
    success_message = _("服务机构已创建。")

    def get_initial(self):
        return {"region": self.request.GET.get("region", "")}

    def save(self, form):
        return services.org_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("regions:org-detail", args=[self.object.pk])


class ServiceOrgUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = ServiceOrg
    form_class = ServiceOrgForm
    permission_required = "regions.change_serviceorg"
    success_message = _("服务机构已保存。")
    scope_method = "below"
    update, record = staticmethod(services.org_update), "org"

    def scope(self, queryset):
        return queryset.with_region()

    def get_success_url(self):
        return reverse("regions:org-detail", args=[self.object.pk])
