"""The funds' indicators against sums worked out by hand, and against the list page's totals."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jiuye.core import indicators
from jiuye.core.registry import registry
from jiuye.funds.choices import Category, Source
from jiuye.funds.models import PlatformBudget
from jiuye.funds.selectors import TOTAL, totals
from jiuye.funds.tests.helpers import YANSHAN, budget_with_lines, spend
from jiuye.regions.models import Region
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
COMMUNITY = "370102010002"  # 燕南社区, 燕山街道


def _row(table, code):
    return next(row.values for row in table.rows if row.region and row.region.code == code)


def _table(user, code, first, last):
    return indicators.table(
        user, Region.objects.get(code=code), indicators.of_report("funds"), first, last
    )


@pytest.fixture
def yanshan_funds(finance):
    """燕山街道 this year: work 1,000 (400 spent), staff 2,000 (2,500 spent, over with its reason),
    project 3,000 (none spent); its community 燕南社区: staff 500 (100 spent); last year: 700,
    all spent. Every spending in January but 600 of the staff line in February."""
    spender = User.objects.get(username="township_finance-370102010")
    _budget, (work, staff, _project) = budget_with_lines(finance, lines=[
        (Category.WORK, Source.OWN_BUDGET, "1000"), (Category.STAFF, Source.PURCHASE, "2000"),
        (Category.PROJECT, Source.REWARD, "3000"),
    ])  # fmt: skip
    _community, (community,) = budget_with_lines(
        finance, COMMUNITY, lines=[(Category.STAFF, Source.TASK_FUNDS, "500")]
    )
    _last, (old,) = budget_with_lines(
        finance, year=YEAR - 1, lines=[(Category.WORK, Source.OWN_BUDGET, "700")]
    )
    spend(spender, work, "400")
    spend(spender, staff, "1900")
    spend(spender, staff, "600", on=datetime.date(YEAR, 2, 1), reason="补发协理员服务费")
    spend(spender, community, "100")
    spend(spender, old, "700")


def test_a_years_figures_are_the_sums_by_hand(yanshan_funds, approver):
    values = _row(
        _table(approver, "370102000000", datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)),
        YANSHAN,
    )
    assert values["funds_budget"] == Decimal("6500.00") and values["funds_spent"] == Decimal(
        "3000.00"
    )
    assert values["funds_rate"] == Decimal("46.2")  # 3,000 / 6,500
    assert (values["funds_budget_work"], values["funds_spent_work"], values["funds_rate_work"]) == (
        Decimal("1000.00"), Decimal("400.00"), Decimal("40.0"))  # fmt: skip
    assert (values["funds_budget_staff"], values["funds_spent_staff"], values["funds_rate_staff"]) == (
        Decimal("2500.00"), Decimal("2600.00"), Decimal("104.0"))  # fmt: skip
    assert (values["funds_budget_project"], values["funds_spent_project"], values["funds_rate_project"]) == (
        Decimal("3000.00"), 0, Decimal("0.0"))  # fmt: skip
    # the street's own platform and its community's, side by side one level down
    street = _table(approver, YANSHAN, datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    assert _row(street, COMMUNITY)["funds_budget"] == Decimal("500.00")
    own = next(row.values for row in street.rows if row.own)
    assert own["funds_budget"] == Decimal("6000.00") and own["funds_spent"] == Decimal("2900.00")


def test_a_month_counts_the_years_budget_and_the_months_spending(yanshan_funds, approver):
    values = _row(
        _table(approver, "370102000000", datetime.date(YEAR, 1, 1), datetime.date(YEAR, 1, 31)),
        YANSHAN,
    )
    assert values["funds_budget"] == Decimal("6500.00") and values["funds_spent"] == Decimal(
        "2400.00"
    )
    last_year = _table(
        approver, "370102000000", datetime.date(YEAR - 1, 1, 1), datetime.date(YEAR - 1, 12, 31)
    )
    assert _row(last_year, YANSHAN)["funds_rate"] == Decimal("100.0")


def test_the_county_total_agrees_with_the_list_and_a_sibling_sees_none(
    yanshan_funds, approver, sibling_approver
):
    table = _table(approver, "370102000000", datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    listed = totals(PlatformBudget.objects.visible_to(approver).filter(year=YEAR))
    assert table.total.values["funds_budget"] == listed[TOTAL].budget
    assert table.total.values["funds_spent"] == listed[TOTAL].spent
    for category in Category.values:
        assert table.total.values[f"funds_spent_{category}"] == listed[category].spent
    sibling = _table(
        sibling_approver, "370103000000", datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
    )
    assert YANSHAN not in {row.region.code for row in sibling.rows if row.region}


def test_the_indicators_are_registered_for_dashboards():
    codes = {
        code for code, indicator in registry["indicators"].items() if indicator.report == "funds"
    }
    for suffix in ("", "_work", "_staff", "_project"):
        assert {f"funds_budget{suffix}", f"funds_spent{suffix}", f"funds_rate{suffix}"} <= codes
