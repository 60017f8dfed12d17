"""Reads of the platforms' funds: what was budgeted and spent, by line, by category and in
total, each a few grouped queries whatever the number of budgets."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Sum

from jiuye.core.money import ZERO, yuan
from jiuye.funds.choices import Category, Source
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending

TOTAL = "total"


@dataclass
class Figures:
    """Budgeted and spent, the balance and the execution rate (执行率, a percentage to one
    decimal; None without a budget)."""

    budget: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def balance(self) -> Decimal:
        return self.budget - self.spent

    @property
    def rate(self) -> Decimal | None:
        if not self.budget:
            return None
        return (self.spent * 100 / self.budget).quantize(Decimal("0.1"))

    @property
    def over(self) -> bool:
        return self.spent > self.budget

    def add(self, budget=ZERO, spent=ZERO) -> None:
        self.budget = yuan(self.budget + budget)
        self.spent = yuan(self.spent + spent)


def by_category() -> dict[str, Figures]:
    """Empty figures of each category and of the total, in the categories' order."""
    return {**{category: Figures() for category in Category.values}, TOTAL: Figures()}


def line_spent(lines, *, excluding: Spending | None = None) -> dict[int, Decimal]:
    """What was spent against each of ``lines`` (one grouped query)."""
    spendings = Spending.objects.filter(line__in=lines)
    if excluding is not None:
        spendings = spendings.exclude(pk=excluding.pk)
    rows = spendings.values("line_id").annotate(spent=Sum("amount")).order_by()
    return {row["line_id"]: yuan(row["spent"]) for row in rows}


def budget_figures(budgets) -> dict[int, dict[str, Figures]]:
    """Each budget's figures by category and in total: two grouped queries."""
    ids = [budget.pk for budget in budgets]
    found = {pk: by_category() for pk in ids}
    lines = (
        BudgetLine.objects.filter(budget_id__in=ids)
        .values("budget_id", "category").annotate(amount=Sum("amount")).order_by()
    )  # fmt: skip
    spent = (
        Spending.objects.filter(line__budget_id__in=ids)
        .values("line__budget_id", "line__category").annotate(amount=Sum("amount")).order_by()
    )  # fmt: skip
    for row in lines:
        _add(found[row["budget_id"]], row["category"], budget=row["amount"])
    for row in spent:
        _add(found[row["line__budget_id"]], row["line__category"], spent=row["amount"])
    return found


def totals(budgets) -> dict[str, Figures]:
    """The figures of all ``budgets`` (a queryset) together, by category: two grouped queries."""
    found = by_category()
    lines = BudgetLine.objects.filter(budget__in=budgets.values("pk"))
    for row in lines.values("category").annotate(amount=Sum("amount")).order_by():
        _add(found, row["category"], budget=row["amount"])
    spent = Spending.objects.filter(line__budget__in=budgets.values("pk"))
    for row in spent.values("line__category").annotate(amount=Sum("amount")).order_by():
        _add(found, row["line__category"], spent=row["amount"])
    return found


def _add(figures: dict[str, Figures], category: str, *, budget=ZERO, spent=ZERO) -> None:
    figures[category].add(budget, spent)
    figures[TOTAL].add(budget, spent)


@dataclass
class LineRow:
    line: BudgetLine
    figures: Figures


def platform_page(budget: PlatformBudget) -> dict:
    """What the platform's page shows of a budget: its lines with their figures, grouped by
    category with subtotals, the figures by source, and the totals (three queries)."""
    lines = list(budget.lines.order_by("id"))
    spent = line_spent(lines)
    categories = {category: [] for category in Category.values}
    sources = {source: Figures() for source in Source.values}
    total = by_category()
    for line in lines:
        figures = Figures(budget=line.amount, spent=spent.get(line.pk, ZERO))
        categories[line.category].append(LineRow(line, figures))
        sources[line.source].add(figures.budget, figures.spent)
        _add(total, line.category, budget=figures.budget, spent=figures.spent)
    return {
        "categories": [
            (Category(category).label, rows, total[category])
            for category, rows in categories.items()
        ],
        "sources": [(Source(source).label, figures) for source, figures in sources.items()],
        "total": total[TOTAL],
        "lines": lines,
    }


def latest_year(user, default: int) -> int:
    """The latest year up to ``default`` with a budget the user may see (``default`` if none)."""
    years = PlatformBudget.objects.visible_to(user).filter(year__lte=default)
    return years.order_by("-year").values_list("year", flat=True).first() or default


def spending_by_budget(budget: PlatformBudget):
    return Spending.objects.filter(line__budget=budget).select_related("line", "recorded_by")


def over_lines(budgets):
    """The lines of ``budgets`` (a queryset) spent beyond their amount, with their figures."""
    lines = BudgetLine.objects.filter(budget__in=budgets.values("pk")).select_related(
        "budget__region"
    )
    lines = list(lines.annotate(spent=Sum("spendings__amount")).filter(spent__gt=F("amount")))
    return [LineRow(line, Figures(line.amount, yuan(line.spent))) for line in lines]


def home_panel(user, today):
    """The home page's share, for those who set budgets or spend them: this year's budget of
    the platforms in the jurisdiction, what was spent, and the lines spent beyond their amount."""
    if not (user.has_perm("funds.add_spending") or user.has_perm("funds.add_platformbudget")):
        return None
    budgets = PlatformBudget.objects.visible_to(user).filter(year=today.year)
    figures = totals(budgets)[TOTAL]
    if not figures.budget:
        return None
    return "funds/home_panel.html", {
        "year": today.year,
        "total": figures,
        "over": over_lines(budgets),
    }
