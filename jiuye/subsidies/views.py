from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core import workflow
from jiuye.core.views import FireView, ScopedDetailView, ScopedListView, ScopedMixin
from jiuye.subsidies import services
from jiuye.subsidies.filters import ClaimFilter
from jiuye.subsidies.forms import PrepareForm
from jiuye.subsidies.models import Claim


class ClaimListView(ScopedListView):
    model = Claim
    filterset_class = ClaimFilter
    template_name = "subsidies/claim_list.html"
    sort_fields = {"month": "month", "due_on": "due_on"}
    default_sort = "-month"

    def scope(self, queryset):
        return queryset.select_related("org", "region")

    def get_context_data(self, **kwargs):
        can_prepare = self.request.user.has_perm("subsidies.add_claim") and self.request.user.org_id
        return super().get_context_data(
            prepare_form=PrepareForm() if can_prepare else None, **kwargs
        )


class PrepareView(ScopedMixin, generic.View):
    """Collect what the user's office may claim for a month into its claim (new or draft)."""

    model = Claim
    permission_required = "subsidies.add_claim"
    http_method_names = ["post"]

    def post(self, request):
        form = PrepareForm(request.POST)
        if not form.is_valid():
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
            return redirect("subsidies:claims")
        try:
            claim = services.claim_prepare(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("subsidies:claims")
        messages.success(
            request,
            _("已生成申报：%(count)s人，%(total)s元。")
            % {"count": claim.count, "total": claim.total},
        )
        return redirect(claim)


class ClaimDetailView(ScopedDetailView):
    model = Claim
    template_name = "subsidies/claim_detail.html"
    context_object_name = "claim"

    def scope(self, queryset):
        return queryset.select_related("org", "region", "prepared_by")

    def get_context_data(self, **kwargs):
        user, claim = self.request.user, self.object
        editable = Claim.objects.editable_by(user).filter(pk=claim.pk).exists()
        return super().get_context_data(
            lines=claim.lines.select_related("person", "region"),
            actions=claim.workflow.available(claim, user) if editable else [],
            events=workflow.event_log(claim),
            can_refresh=editable
            and claim.state == "draft"
            and user.has_perm("subsidies.add_claim")
            and user.org_id == claim.org_id,
            **kwargs,
        )


class ClaimFireView(FireView):
    model = Claim
