"""The platforms' funds: the list of a year's budgets under the user's region with totals by
category (and its Excel file), a platform's page for a year, the county's and the township's
forms, a voucher's download and the funds report by sub-region."""

import datetime

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core import charts, indicators
from jiuye.core.excel import sheet_response, table_response
from jiuye.core.history import timeline
from jiuye.core.views import (
    EvidenceDownloadView,
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceFormMixin,
    ServiceUpdateMixin,
)
from jiuye.funds import selectors, services
from jiuye.funds.choices import Category
from jiuye.funds.filters import PlatformBudgetFilter
from jiuye.funds.forms import BudgetForm, LineForm, SpendingForm
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending
from jiuye.regions.selectors import asked_region, asked_year, visible_path


class BudgetListView(ScopedListView):
    """The platforms' budgets of a year under the user's region (or the region asked), each
    with its budget and spending by category, and the totals of all of them."""

    model = PlatformBudget
    filterset_class = PlatformBudgetFilter
    template_name = "funds/budget_list.html"
    sort_fields = {"region": "region_id"}
    default_sort = "region"

    @cached_property
    def year(self) -> int:
        today = timezone.localdate().year
        return asked_year(
            self.request.GET.get("year"), selectors.latest_year(self.request.user, today)
        )

    def scope(self, queryset):
        return queryset.filter(year=self.year).select_related("region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["object_list"]
        self.filterset.form.initial.setdefault("year", self.year)  # shown when none was asked
        figures = selectors.budget_figures(page)
        context.update(
            year=self.year,
            rows=[(budget, *_split(figures[budget.pk])) for budget in page],
            totals=_split(selectors.totals(self.object_list)),
            categories=Category.choices,
            can_add=self.request.user.has_perm("funds.add_platformbudget"),
        )
        return context


class BudgetExportView(BudgetListView):
    """The list (every page of it) as an Excel sheet, with the totals on the last row."""

    def get(self, request, *args, **kwargs):
        budgets = list(self.get_queryset())
        figures = selectors.budget_figures(budgets)
        heads = [gettext("区划代码"), gettext("平台"), gettext("年度")]
        for _value, label in Category.choices:
            heads += [
                gettext("%(what)s预算") % {"what": label},
                gettext("%(what)s支出") % {"what": label},
            ]
        heads += [
            gettext("预算合计"),
            gettext("支出合计"),
            gettext("余额"),
            gettext("执行率（%）"),
            gettext("说明"),
        ]
        rows = [
            [
                budget.region_id,
                budget.region.name,
                budget.year,
                *_cells(figures[budget.pk]),
                budget.note,
            ]
            for budget in budgets
        ]
        rows.append(
            ["", gettext("合计"), self.year, *_cells(selectors.totals(self.get_queryset())), ""]
        )
        money = set(range(3, 3 + 2 * len(Category.choices) + 3))
        title = gettext("%(year)s年基层平台经费") % {"year": self.year}
        return sheet_response(f"funds-{self.year}", title, heads, rows, money=money,
                              widths={0: 14, 1: 18})  # fmt: skip


def _split(figures) -> tuple[list, selectors.Figures]:
    """The figures of each category in their order, and of the total."""
    return [figures[category] for category in Category.values], figures[selectors.TOTAL]


def _cells(figures) -> list:
    parts, total = _split(figures)
    cells = [amount for each in parts for amount in (each.budget, each.spent)]
    return [*cells, total.budget, total.spent, total.balance, total.rate]


class BudgetCreateView(ServiceFormMixin, generic.CreateView):
    model = PlatformBudget
    form_class = BudgetForm
    permission_required = "funds.add_platformbudget"
    template_name = "funds/form.html"
    success_message = _("预算已录入，请逐项录入预算项目。")

    def save(self, form):
        return services.budget_create(actor=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("录入平台经费预算"), **kwargs)


class BudgetDetailView(ScopedDetailView):
    """A platform's page for a year: the budget by category (with its lines) and by source,
    what was spent, the balance and the execution rate, every spending record and the history."""

    model = PlatformBudget
    template_name = "funds/budget_detail.html"

    def scope(self, queryset):
        return queryset.select_related("region", "recorded_by")

    def get_context_data(self, **kwargs):
        budget, user = self.object, self.request.user
        page = selectors.platform_page(budget)
        line_ids = [line.pk for line in page["lines"]]
        return super().get_context_data(
            **page,
            spendings=selectors.spending_by_budget(budget),
            can_budget=self.may("funds.change_platformbudget"),
            can_spend=self.may("funds.add_spending"),
            can_correct=self.may("funds.change_spending"),
            history=timeline(
                budget.history.all(), BudgetLine.history.filter(budget_id=budget.pk),
                Spending.history.filter(line_id__in=line_ids), viewer=user,
            ),
            **kwargs,
        )  # fmt: skip


class BudgetUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = PlatformBudget
    form_class = BudgetForm
    permission_required = "funds.change_platformbudget"
    template_name = "funds/form.html"
    success_message = _("预算已保存。")
    update, record = staticmethod(services.budget_update), "budget"

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("修改预算说明"), back=self.object, **kwargs)


class OnRecordFormView(ScopedMixin, ServiceFormMixin, generic.FormView):
    """A form that adds something to a record the user may edit (``record``, from the URL's
    ``pk``); back to the platform's page when saved."""

    scope_method = "editable_by"
    template_name = "funds/form.html"

    @cached_property
    def record(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, **kwargs)

    def get_success_url(self):
        return self.object.get_absolute_url()


class LineCreateView(OnRecordFormView):
    model = PlatformBudget
    form_class = LineForm
    permission_required = "funds.add_budgetline"
    success_message = _("预算项目已录入。")

    def scope(self, queryset):
        return queryset.select_related("region")

    def save(self, form):
        return services.line_add(actor=self.request.user, budget=self.record, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("录入预算项目"), back=self.record, **kwargs)


class LineUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = BudgetLine
    form_class = LineForm
    permission_required = "funds.change_budgetline"
    template_name = "funds/form.html"
    success_message = _("预算项目已保存。")
    update, record = staticmethod(services.line_update), "line"

    def scope(self, queryset):
        return queryset.select_related("budget__region")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("修改预算项目"), back=self.object.budget, **kwargs
        )


class SpendingCreateView(OnRecordFormView):
    model = BudgetLine
    form_class = SpendingForm
    permission_required = "funds.add_spending"
    success_message = _("支出已记录。")

    def scope(self, queryset):
        return queryset.select_related("budget__region")

    def save(self, form):
        return services.spending_add(
            actor=self.request.user, line=self.record, **form.service_data()
        )

    def get_context_data(self, **kwargs):
        line = self.record
        figures = selectors.Figures(line.amount, selectors.line_spent([line]).get(line.pk, 0))
        return super().get_context_data(heading=_("记录支出"), line=line, figures=figures,
                                        back=line.budget, **kwargs)  # fmt: skip


class SpendingUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Spending
    form_class = SpendingForm
    permission_required = "funds.change_spending"
    template_name = "funds/form.html"
    success_message = _("支出已保存。")
    update, record = staticmethod(services.spending_update), "spending"

    def scope(self, queryset):
        return queryset.select_related("line__budget__region")

    def form_data(self, form):
        return form.service_data()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("修改支出"), back=self.object.line.budget, **kwargs
        )


class SpendingFileView(EvidenceDownloadView):
    """A spending's voucher, served only inside the jurisdiction (never as public media)."""

    model = Spending

    def scope(self, queryset):
        return queryset.exclude(file="")


class ReportView(PermissionRequiredMixin, generic.TemplateView):
    """The funds' indicators of a region and year, by sub-region (drill-down)."""

    permission_required = "funds.view_platformbudget"
    template_name = "funds/report.html"

    def report(self):
        user = self.request.user
        region = asked_region(user, self.request.GET.get("region"))
        year = asked_year(
            self.request.GET.get("year"), selectors.latest_year(user, timezone.localdate().year)
        )
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return indicators.table(user, region, indicators.of_report("funds"), first, last), year

    def get_context_data(self, **kwargs):
        report, year = self.report()
        user = self.request.user
        return super().get_context_data(
            report=report, year=year, path=visible_path(user, report.region),
            charts=report_charts(user, report), **kwargs,
        )  # fmt: skip


def report_charts(user, report: indicators.Table) -> list[dict]:
    """The year's budget and spending by sub-region, the spending's shares by category and
    the spending month by month of the year in the whole region (one query a month)."""
    total = report.total.values
    if not total["funds_budget"] and not total["funds_spent"]:
        return []  # the table says the year has no figures
    found = []
    if report.rows:
        found.append(charts.bars(report, ["funds_budget", "funds_spent"],
                                 title=_("平台经费预算与支出按下级区划（元）")))  # fmt: skip
    labels = {column.code: column.label for column in report.columns}
    parts = [
        (labels[f"funds_spent_{each}"], total[f"funds_spent_{each}"]) for each in Category.values
    ]
    if any(value for _label, value in parts):
        found.append(charts.shares(parts, title=_("平台经费支出构成")))
    last = min(report.last, timezone.localdate())
    if report.first <= last:  # a year to come has budgets but no months yet
        points = charts.monthly(user, report.region, ["funds_spent"], last, count=last.month)
        found.append(charts.trend(points, title=_("平台经费支出按月（元）")))
    return found


class ReportExportView(ReportView):
    def get(self, request, *args, **kwargs):
        report, year = self.report()
        title = f"{report.region.name} {gettext('%(year)s年基层平台经费') % {'year': year}}"
        return table_response(f"funds-report-{report.region.code}-{year}", title, report)
