"""Money reads as money (``core.money``): every sum of amounts is rounded to the fen, pages
print amounts with the filter ``yuan`` ("2,039.42"), Excel cells hold numbers formatted
``#,##0.00`` and the API gives amounts as two-decimal strings — on SQLite, whose sums of
decimals come back as floats with fifteen digits, as on PostgreSQL."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.template import Context, Template
from django.urls import reverse
from openpyxl import load_workbook

from jiuye.conftest import COUNTY, VILLAGE_A
from jiuye.core.money import EXCEL_FORMAT, text, yuan
from jiuye.flexible.models import FlexibleJob
from jiuye.jobs.models import Seeker, Vacancy
from jiuye.ledger.models import Person
from jiuye.posts.models import Placement, Post
from jiuye.startups.models import Loan
from jiuye.subsidies.models import Budget, Claim, ClaimLine
from jiuye.training.models import Institution

pytestmark = pytest.mark.django_db
KIND = "job_introduction"
AMOUNTS = (Decimal("0.10"), Decimal("0.20"), Decimal("0.30"), Decimal("2039.12"))
TOTAL = "2039.72"
MONTH = datetime.date(2001, 1, 1)
# a number printed with more than two decimals (the float noise of a sum, a raw Decimal), in a
# money column or anywhere else; rates and shares are percentages and may have more
NOISE = re.compile(r"\d\.\d{3,}(?![\d%])")


def test_yuan_rounds_half_up_to_the_fen_and_keeps_none():
    assert yuan(Decimal("2039.42000000000")) == Decimal("2039.42")
    assert str(yuan(Decimal("0.125"))) == "0.13" and str(yuan(0.1 + 0.2)) == "0.30"
    assert yuan(None) is None and text(Decimal("5")) == "5.00" and text(None) is None


def test_the_filter_prints_two_decimals_with_thousands_separated():
    template = Template("{% load money %}{{ a|yuan }} {{ b|yuan }} {{ c|yuan }} {{ d|yuan:0 }}")
    shown = template.render(Context({"a": Decimal("2039.42000000000"), "b": 0, "c": None,
                                     "d": Decimal("3500.00")}))  # fmt: skip
    assert shown == "2,039.42 0.00 — 3,500"


@pytest.fixture
def noisy(coordinator, finance):
    """An approved claim of January 2001 (a month of no other claim) whose lines add up to
    float noise on SQLite, and the county's budget of that year."""
    persons = list(Person.objects.within(VILLAGE_A).order_by("pk")[: len(AMOUNTS)])
    claim = Claim.objects.create(kind=KIND, org=coordinator.org, region_id=coordinator.org.region_id,
                                 month=MONTH, state="approved", total=sum(AMOUNTS), count=len(AMOUNTS),
                                 prepared_by=coordinator)  # fmt: skip
    source = ContentType.objects.get_for_model(Person)
    for person, amount in zip(persons, AMOUNTS, strict=True):
        ClaimLine.objects.create(claim=claim, kind=KIND, person=person, region_id=person.region_id,
                                 period="2001", amount=amount, explanation="测试", source_type=source,
                                 source_id=person.pk)  # fmt: skip
    budget = Budget.objects.create(region_id=COUNTY, year=2001, kind=KIND, amount=Decimal("10000"))
    return claim, budget, persons


def test_a_database_sum_of_amounts_carries_noise_on_sqlite_and_the_pages_print_the_fen(
    noisy, approver, finance, login
):
    claim, budget, persons = noisy
    raw = ClaimLine.objects.filter(claim=claim).aggregate(total=Sum("amount"))["total"]
    assert yuan(raw) == Decimal(TOTAL)  # on SQLite ``raw`` is Decimal("2039.72000000000")
    browser = login(approver)
    pages = {
        "budgets": reverse("subsidies:budgets") + "?year=2001",
        "budget": reverse("subsidies:budget-edit", args=[budget.pk]),
        "report": reverse("subsidies:report") + f"?region={COUNTY}&month=2001-01",
        "claim": reverse("subsidies:claim", args=[claim.pk]),
        "claims": reverse("subsidies:claims"),
        "person": reverse("subsidies:person", args=[persons[0].pk]),
    }
    for name, url in pages.items():
        shown = visible_text(login(finance if name == "budget" else approver).get(url))
        assert not NOISE.findall(shown), (name, NOISE.findall(shown)[:3])
        if name in ("budgets", "budget", "report", "claim"):
            assert "2,039.72" in shown, name
    assert "7,960.28" in visible_text(browser.get(pages["budgets"]))  # the balance


def test_the_exports_hold_numbers_formatted_as_money(noisy, approver, login):
    claim, _budget, _persons = noisy
    browser = login(approver)
    sheet = load_workbook(
        io.BytesIO(browser.get(reverse("subsidies:claim-export", args=[claim.pk])).content)
    ).active
    amounts = [row[5] for row in sheet.iter_rows(min_row=2) if row[5].value is not None]
    assert [cell.value for cell in amounts][-1] == float(TOTAL)
    assert all(cell.number_format == EXCEL_FORMAT for cell in amounts)
    url = reverse("subsidies:report-export") + f"?region={COUNTY}&month=2001-01"
    sheet = load_workbook(io.BytesIO(browser.get(url).content)).active
    header = [cell.value for cell in sheet[2]]
    column = header.index("职业介绍补贴金额（元）")
    total = list(sheet.iter_rows(min_row=3))[-1][column]
    assert total.value == float(TOTAL) and total.number_format == EXCEL_FORMAT


def test_the_api_gives_amounts_and_their_sums_as_strings_with_two_decimals(noisy, approver, login):
    claim, budget, _persons = noisy
    browser = login(approver)
    found = browser.get("/api/v1/budgets/", {"year": 2001}).json()["results"]
    (row,) = [each for each in found if each["id"] == budget.pk]
    assert (row["amount"], row["spent"], row["balance"]) == ("10000.00", TOTAL, "7960.28")
    report = browser.get(
        "/api/v1/statistics/programmes/", {"region": COUNTY, "month": "2001-01-01"}
    ).json()
    assert report["total"][f"{KIND}:amount"] == TOTAL and report["total"][f"{KIND}:count"] == 4
    claim_row = browser.get(f"/api/v1/claims/{claim.pk}/").json()
    assert claim_row["total"] == TOTAL


def visible_text(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def first(model, user):
    return model.objects.visible_to(user).order_by("pk").first()


def test_no_money_bearing_page_of_the_demo_data_prints_more_than_two_decimals(
    approver, coordinator, login
):
    """The lists and pages that show amounts, over the demo data: no number with more than
    two decimals, and every amount followed by 元 has none or exactly two."""
    pages = [
        reverse("subsidies:claims"), reverse("subsidies:budgets"), reverse("subsidies:report"),
        reverse("posts:posts"), reverse("posts:placements"), reverse("startups:loans"),
        reverse("startups:overdue"), reverse("startups:credit"), reverse("flexible:list"),
        reverse("jobs:vacancies"), reverse("jobs:seekers"), reverse("training:referral-accounts"),
        reverse("home"),
    ]  # fmt: skip
    for model in (Claim, Post, Placement, Loan, FlexibleJob, Institution, Vacancy, Seeker):
        record = first(model, approver)
        assert record is not None, model
        pages.append(record.get_absolute_url())
    for line in ClaimLine.objects.filter(void=False).order_by("pk")[:3]:
        pages.append(reverse("subsidies:person", args=[line.person_id]))
    before_yuan = re.compile(r"(\d[\d,]*(?:\.(\d+))?)\s*元")
    for user in (approver, coordinator):
        browser = login(user)
        for url in pages:
            answer = browser.get(url)
            if answer.status_code == 404:  # a county's record the village does not see
                continue
            shown = visible_text(answer)
            assert not NOISE.findall(shown), (url, NOISE.findall(shown)[:3])
            for _number, decimals in before_yuan.findall(shown):
                assert decimals in ("", "00") or len(decimals) == 2, (url, _number)
