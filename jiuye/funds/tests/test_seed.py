from decimal import Decimal

import pytest

from jiuye.funds.models import PlatformBudget, Spending
from jiuye.funds.seeding import COMMUNITY, OVERSPENT
from jiuye.funds.selectors import budget_figures
from jiuye.ledger.seeding import TODAY

pytestmark = pytest.mark.django_db


def test_the_demo_data_has_this_and_last_years_budgets_and_one_line_over():
    years = set(PlatformBudget.objects.filter(region_id=OVERSPENT).values_list("year", flat=True))
    assert years == {TODAY.year - 1, TODAY.year}
    assert PlatformBudget.objects.filter(year=TODAY.year, region_id__gte="370102000000",
                                         region_id__lte="370102999999").count() >= 4  # fmt: skip
    assert PlatformBudget.objects.filter(region_id=COMMUNITY).exists()
    over = Spending.objects.exclude(over_reason="")
    assert over.count() == 1 and over.get().region_id == OVERSPENT
    budgets = list(PlatformBudget.objects.filter(region_id=OVERSPENT))
    figures = budget_figures(budgets)
    for budget in budgets:
        total = figures[budget.pk]["total"]
        assert total.budget > 0 and Decimal(0) < total.spent
        assert total.rate > (80 if budget.year < TODAY.year else 50)
