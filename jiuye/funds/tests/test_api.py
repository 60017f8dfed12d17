from decimal import Decimal

import pytest
from django.utils import timezone

from jiuye.funds.choices import Category, Source
from jiuye.funds.models import Spending
from jiuye.funds.tests.helpers import YANSHAN, budget_with_lines, spend
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def yanshan(db):
    return User.objects.get(username="township_finance-370102010")


def test_the_county_opens_a_budget_and_the_township_spends_through_the_api(finance, yanshan, login):
    county = login(finance)
    created = county.post("/api/v1/funds/budgets/", {"region": YANSHAN, "year": YEAR, "note": "接口预算"},
                          content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.content
    budget = created.json()["id"]
    noted = county.patch(f"/api/v1/funds/budgets/{budget}/", {"note": "改过的说明", "version": 1},
                         content_type="application/json")  # fmt: skip
    assert noted.status_code == 200 and noted.json()["note"] == "改过的说明"
    line = county.post("/api/v1/funds/lines/", {"budget": budget, "category": "work", "source": "purchase",
                                                "title": "接口项目", "amount": "800.00"},
                       content_type="application/json")  # fmt: skip
    assert line.status_code == 201 and line.json()["spent"] == "0.00"
    line = line.json()["id"]
    township = login(yanshan)
    body = {
        "line": line,
        "spent_on": f"{YEAR}-01-03",
        "amount": "900.00",
        "purpose": "接口支出",
        "voucher": "记-9",
    }
    over = township.post("/api/v1/funds/spending/", body, content_type="application/json")
    assert over.status_code == 400 and "over_reason" in over.json()
    saved = township.post(
        "/api/v1/funds/spending/", {**body, "over_reason": "追加"}, content_type="application/json"
    )
    assert saved.status_code == 201 and saved.json()["over_reason"] == "追加"
    read = township.get(f"/api/v1/funds/budgets/{budget}/").json()
    assert read["figures"]["work"] == {
        "budget": "800.00",
        "spent": "900.00",
        "balance": "-100.00",
        "rate": "112.5",
    }
    assert (
        read["figures"]["total"]["spent"] == "900.00" and read["figures"]["staff"]["rate"] is None
    )
    spending = saved.json()["id"]
    no_version = township.patch(
        f"/api/v1/funds/spending/{spending}/", {"amount": "10.00"}, content_type="application/json"
    )
    assert no_version.status_code == 400
    patched = township.patch(f"/api/v1/funds/spending/{spending}/", {"amount": "10.00", "version": 1},
                             content_type="application/json")  # fmt: skip
    assert patched.status_code == 200 and Spending.objects.get(pk=spending).over_reason == ""


def test_another_countys_or_streets_records_are_not_found(
    finance, yanshan, sibling_approver, login
):
    budget, (line,) = budget_with_lines(finance, lines=[(Category.WORK, Source.OWN_BUDGET, "100")])
    spending = spend(yanshan, line, "10")
    for path in (f"budgets/{budget.pk}/", f"lines/{line.pk}/", f"spending/{spending.pk}/"):
        assert login(sibling_approver).get(f"/api/v1/funds/{path}").status_code == 404
    street = login(User.objects.get(username="township_finance-370102001"))
    answer = street.post("/api/v1/funds/spending/", {"line": line.pk, "spent_on": f"{YEAR}-01-03", "amount": "1.00",
                                                     "purpose": "越权", "voucher": "x"}, content_type="application/json")  # fmt: skip
    assert answer.status_code == 400 and "line" in answer.json()  # as if it did not exist
    assert Spending.objects.filter(line=line).count() == 1


def test_the_list_reads_figures_in_one_pair_of_queries(
    approver, login, django_assert_max_num_queries
):
    client = login(approver)
    client.get(f"/api/v1/funds/budgets/?year={YEAR}")
    with django_assert_max_num_queries(12):
        answer = client.get(f"/api/v1/funds/budgets/?year={YEAR}&page_size=100")
    rows = answer.json()["results"]
    assert rows and all(Decimal(row["figures"]["total"]["budget"]) > 0 for row in rows)
