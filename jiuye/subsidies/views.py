import io
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic
from openpyxl import Workbook

from jiuye.core.excel import CONTENT_TYPE, safe, table_response
from jiuye.core.money import money_columns
from jiuye.core.views import (
    FireView,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceFormMixin,
    WorkflowDetailView,
)
from jiuye.ledger.models import Person
from jiuye.regions.selectors import asked_region, visible_path
from jiuye.subsidies import selectors, services
from jiuye.subsidies.filters import BudgetFilter, ClaimFilter
from jiuye.subsidies.forms import BudgetForm, PrepareForm, ReportForm
from jiuye.subsidies.models import Budget, Claim
from jiuye.subsidies.report import latest_month, programme_charts, programme_report


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
            messages.error(
                request, _("；").join(e for errors in form.errors.values() for e in errors)
            )
            return redirect("subsidies:claims")
        try:
            claim = services.claim_prepare(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _("；").join(error.messages))
            return redirect("subsidies:claims")
        messages.success(
            request,
            _("已生成申报：%(count)s人，%(total)s元。")
            % {"count": claim.count, "total": claim.total},
        )
        return redirect(claim)


class ClaimDetailView(WorkflowDetailView):
    model = Claim
    template_name = "subsidies/claim_detail.html"
    context_object_name = "claim"

    def scope(self, queryset):
        return queryset.select_related("org", "region", "prepared_by")

    def get_context_data(self, **kwargs):
        user, claim = self.request.user, self.object
        return super().get_context_data(
            lines=claim.lines.select_related("person", "office", "region"),
            can_refresh=claim.state == "draft"
            and user.org_id == claim.org_id
            and self.may("subsidies.add_claim"),  # a reward is prepared again on its own page
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
        lines = claim.lines.select_related("person", "office", "region").order_by("id")
        for number, line in enumerate(lines, start=1):
            whom = line.beneficiary
            sheet.append([number, safe(whom.name), getattr(whom, "masked_id_number", ""), safe(line.region.name), line.period,
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
        money_columns(sheet, "F")
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


# Budgets --------------------------------------------------------------------------------


class BudgetListView(ScopedListView):
    """The budgets of the jurisdiction's counties with what approved claims spent of them."""

    model = Budget
    filterset_class = BudgetFilter
    template_name = "subsidies/budget_list.html"
    sort_fields = {"year": "year", "region": "region_id"}
    default_sort = "-year"

    def scope(self, queryset):
        return queryset.select_related("region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        uses = selectors.budget_uses(context["object_list"])
        user = self.request.user
        own = user.org.region_id if user.org_id else None
        for budget in context["object_list"]:
            budget.use = uses[budget.pk]
            budget.balance = budget.use.balance(budget)
            # a county's finance reads its townships' budgets; each keeps its own
            budget.kept = user.has_perm("subsidies.change_budget") and (
                user.is_superuser or budget.region_id == own
            )
        context["can_add"] = self.request.user.has_perm("subsidies.add_budget")
        return context


class BudgetCreateView(ServiceFormMixin, generic.CreateView):
    model = Budget
    form_class = BudgetForm
    permission_required = "subsidies.add_budget"
    template_name = "subsidies/budget_form.html"
    success_message = _("预算已录入。")

    def save(self, form):
        return services.budget_create(actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("subsidies:budgets")


class BudgetUpdateView(ScopedMixin, ServiceFormMixin, generic.UpdateView):
    model = Budget
    form_class = BudgetForm
    permission_required = "subsidies.change_budget"
    scope_method = "kept_by"
    template_name = "subsidies/budget_form.html"
    success_message = _("预算已修改。")

    def save(self, form):
        data = form.cleaned_data
        return services.budget_update(
            actor=self.request.user, budget=Budget.objects.get(pk=self.object.pk),
            expected_version=data["version"], amount=data["amount"], note=data["note"],
        )  # fmt: skip

    def get_success_url(self):
        return reverse("subsidies:budgets")

    def get_context_data(self, **kwargs):
        use = selectors.budget_uses([self.object])[self.object.pk]
        return super().get_context_data(use=use, balance=use.balance(self.object), **kwargs)


# A person's subsidies and the report ------------------------------------------------------


class PersonSubsidiesView(ScopedMixin, generic.TemplateView):
    """Every subsidy of one person (享受政策情况), with the claim and the words of each amount."""

    model = Person
    template_name = "subsidies/person_subsidies.html"

    def get_context_data(self, **kwargs):
        person = get_object_or_404(self.get_queryset(), pk=kwargs.pop("person"))
        lines = list(selectors.person_subsidies(person))
        paid = sum(
            (line.amount for line in lines if line.claim.state == "approved" and not line.void),
            Decimal(0),
        )
        # a claim of an office above the user's jurisdiction (a township's, for a village's
        # resident) is named but not linked: its page would answer 404
        openable = set(
            Claim.objects.visible_to(self.request.user)
            .filter(pk__in={line.claim_id for line in lines})
            .values_list("pk", flat=True)
        )
        for line in lines:
            line.openable = line.claim_id in openable
        return super().get_context_data(person=person, lines=lines, paid=paid, **kwargs)


class ReportView(PermissionRequiredMixin, generic.TemplateView):
    """Subsidies by kind and the programmes' figures of a region and month, by sub-region;
    each sub-region opens its own report (drill-down)."""

    permission_required = "subsidies.view_report"
    template_name = "subsidies/report.html"

    def report(self):
        """The form of the month asked for and the report of the region and month."""
        form = ReportForm(self.request.GET)
        user = self.request.user
        region = asked_region(user, self.request.GET.get("region"))
        month = (form.cleaned_data["month"] if form.is_valid() else None) or latest_month(
            user, region
        )
        return form, programme_report(user, region, month)

    def get_context_data(self, **kwargs):
        form, report = self.report()
        user = self.request.user
        return super().get_context_data(
            form=form, report=report, charts=programme_charts(user, report),
            path=visible_path(user, report.region), **kwargs,
        )  # fmt: skip


class ReportExportView(ReportView):
    def get(self, request, *args, **kwargs):
        _form, report = self.report()
        title = f"{report.region.name} {report.month:%Y-%m} {_('项目与补贴统计')}"
        return table_response(
            f"programmes-{report.region.code}-{report.month:%Y-%m}", title, report
        )
