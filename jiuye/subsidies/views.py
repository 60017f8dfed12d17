import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from openpyxl import Workbook

from jiuye.core import workflow
from jiuye.core.views import FireView, ScopedDetailView, ScopedListView, ScopedMixin
from jiuye.ledger.excel import CONTENT_TYPE, safe
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


class ClaimExportView(ScopedDetailView):
    """A claim's lines as an Excel file, for the approvers' files and the payment: identity
    numbers masked as on the page, the total on the last row."""

    model = Claim

    def get(self, request, *args, **kwargs):
        claim = self.get_object()
        book = Workbook()
        sheet = book.active
        sheet.title = f"{claim.month:%Y-%m}"
        sheet.append([str(_("序号")), str(_("姓名")), str(_("公民身份号码")), str(_("居住地")), str(_("补贴期间")),
                      str(_("金额（元）")), str(_("计算依据")), str(_("已作废"))])  # fmt: skip
        lines = claim.lines.select_related("person", "region").order_by("id")
        for number, line in enumerate(lines, start=1):
            person = line.person
            sheet.append([number, safe(person.name), person.masked_id_number, safe(line.region.name), line.period,
                          line.amount, safe(line.explanation), str(_("是")) if line.void else ""])  # fmt: skip
        sheet.append(
            [
                "",
                str(_("合计")),
                "",
                "",
                "",
                claim.total,
                f"{claim.org.name} {claim.kind_label}",
                "",
            ]
        )
        for column, width in zip("ABCDEFGH", (6, 10, 21, 16, 10, 12, 80, 8), strict=True):
            sheet.column_dimensions[column].width = width
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="claim-{claim.pk}-{claim.month:%Y-%m}.xlsx"'
        )
        return response


class ClaimFireView(FireView):
    model = Claim
