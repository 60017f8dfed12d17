"""The indicators of the platforms' funds (report ``funds``): budgeted, spent and the execution
rate, in total and by category, for dashboards, the performance of offices and the funds
report. A budget is yearly: a period counts the budgets of the years it touches and the
spending dated within it (a year's figures are the year's budgets and spending)."""

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import MONEY_UNIT, Indicator, Query, grouped, merge, words
from jiuye.funds.choices import Category
from jiuye.funds.models import BudgetLine, Spending


def _sums(field: str, prefix: str, category_field: str) -> dict:
    sums = {prefix: Sum(field)}
    for category in Category.values:
        sums[f"{prefix}_{category}"] = Sum(field, filter=Q(**{category_field: category}))
    return sums


def collect(query: Query) -> dict:
    years = (query.first.year, query.last.year)
    lines = (
        BudgetLine.objects.visible_to(query.user)
        .within(query.prefix)
        .filter(budget__year__range=years)
    )
    spending = (
        Spending.objects.visible_to(query.user).within(query.prefix)
        .filter(line__budget__year__range=years, spent_on__range=(query.first, query.last))
    )  # fmt: skip
    return merge(
        grouped(lines, query.length, **_sums("amount", "funds_budget", "category")),
        grouped(spending, query.length, **_sums("amount", "funds_spent", "line__category")),
    )


SECTION = _("平台经费")


def _words(template, label):
    """``template`` filled with ``label``, both translated when shown, not at start-up."""
    return words(template, what=label)


def _three(suffix: str, label: str) -> tuple[Indicator, ...]:
    """Budget, spent and rate of one category (``suffix`` "_work" …) or of all (``""``)."""
    budget, spent = f"funds_budget{suffix}", f"funds_spent{suffix}"
    return (
        Indicator(budget, _words(_("%(what)s预算"), label), SECTION, collect, unit=MONEY_UNIT,
                  definition=_words(_("期内各年度的%(what)s预算金额合计（基层平台）"), label),
                  report="funds"),
        Indicator(spent, _words(_("%(what)s支出"), label), SECTION, collect, unit=MONEY_UNIT,
                  definition=_words(_("期内支出日期的%(what)s支出金额合计"), label),
                  report="funds"),
        Indicator(f"funds_rate{suffix}", _words(_("%(what)s执行率"), label), SECTION, collect,
                  unit="%", definition=_words(_("%(what)s支出占预算的百分比"), label),
                  report="funds", ratio=(spent, budget)),
    )  # fmt: skip


INDICATORS = (
    *_three("", _("平台经费")),
    *(
        indicator
        for category in Category
        for indicator in _three(f"_{category.value}", category.label)
    ),
)
