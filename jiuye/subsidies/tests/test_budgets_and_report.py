"""Budgets with the finance override, the zero-employment household placement subsidy, a
person's subsidies and the programmes report with its drill-down, Excel export and API."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.conftest import COUNTY, VILLAGE_A
from jiuye.core import history, workflow
from jiuye.core.parameters import PARAMETERS
from jiuye.jobs import services as jobs
from jiuye.jobs.tests.helpers import employer, resident, seeker, user, vacancy
from jiuye.ledger.models import Person
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import User
from jiuye.subsidies.kinds import KINDS, month_bounds
from jiuye.subsidies.models import Budget, Claim
from jiuye.subsidies.selectors import budget_uses
from jiuye.subsidies.services import budget_create, budget_update, claim_prepare, claims_prepare_all
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def post(coordinator):
    return vacancy(coordinator, employer(coordinator), posts=20)


def hire(actor, post, name, *, months=12, household=False):
    person = resident(actor, name, household=household)
    referral = jobs.referral_create(actor=actor, seeker=seeker(actor, person), vacancy=post)
    jobs.referral_hire(actor=actor, referral=referral, hired_on=TODAY(), contract_months=months,
                       social_insurance=True)  # fmt: skip
    return person


def to_finance(claim, coordinator, approver):
    workflow.fire(claim, "submit", actor=coordinator)
    workflow.fire(claim, "hr_approve", actor=approver)
    return Claim.objects.get(pk=claim.pk)


# Budgets ----------------------------------------------------------------------------------


def budget_leaving(finance, room):
    """This year's job-introduction budget of the county (the demo data enter one), set so
    that ``room`` yuan are left of it after what approved claims spent."""
    budget = Budget.objects.get(region_id=COUNTY, year=TODAY().year, kind="job_introduction")
    spent = budget_uses([budget])[budget.pk].spent
    return budget_update(actor=finance, budget=budget, expected_version=budget.version,
                         amount=spent + room)  # fmt: skip


def test_finance_approves_within_the_budget_and_beyond_it_only_by_the_override(
    coordinator, approver, finance, post, login
):
    budget_leaving(finance, Decimal("300"))
    hire(coordinator, post, "预算甲")
    first = to_finance(
        claim_prepare(actor=coordinator, kind="job_introduction", month=TODAY()),
        coordinator,
        approver,
    )
    workflow.fire(first, "finance_approve", actor=finance)  # 200 of 300

    other = user("coordinator-370102001003")  # another village of the same county
    second_post = vacancy(other, employer(other, name="历下样本二公司", code="91370102MA3C4XKE7U",
                                          region_code="370102001003"), region_code="370102001003")  # fmt: skip
    person = resident(other, "预算乙", region_code="370102001003")
    referral = jobs.referral_create(actor=other, seeker=seeker(other, person), vacancy=second_post)
    jobs.referral_hire(
        actor=other, referral=referral, hired_on=TODAY(), contract_months=12, social_insurance=True
    )
    second = to_finance(
        claim_prepare(actor=other, kind="job_introduction", month=TODAY()), other, approver
    )
    with pytest.raises(ValidationError, match=r"超出.*余额100\.00元.*超预算核准"):
        workflow.fire(second, "finance_approve", actor=finance)
    with pytest.raises(ValidationError):  # the override needs its reason
        workflow.fire(second, "finance_override", actor=finance)
    workflow.fire(second, "finance_override", actor=finance, comment="县政府常务会议追加资金")
    assert Claim.objects.get(pk=second.pk).state == "approved"
    assert ("超预算核准", "县政府常务会议追加资金") in [
        (str(done), event.comment) for event, done, _step in workflow.event_log(second)
    ]

    page = login(finance).get(reverse("subsidies:budgets")).content.decode()
    assert "-100.00" in page  # the balance, overspent


def test_the_override_is_refused_within_the_budget_and_a_budget_is_entered_once(
    coordinator, approver, finance, post
):
    with pytest.raises(ValidationError, match="已录入"):  # the demo data entered it
        budget_create(
            actor=finance, year=TODAY().year, kind="job_introduction", amount=Decimal("5")
        )
    budget_leaving(finance, Decimal("1000"))
    hire(coordinator, post, "预算丙")
    claim = to_finance(
        claim_prepare(actor=coordinator, kind="job_introduction", month=TODAY()),
        coordinator,
        approver,
    )
    with pytest.raises(ValidationError, match="未超出预算"):
        workflow.fire(claim, "finance_override", actor=finance, comment="无需")
    workflow.fire(claim, "finance_approve", actor=finance)


def test_only_county_finance_keeps_budgets_and_edits_keep_their_version(finance, approver, login):
    with pytest.raises(PermissionDenied):  # the HR approver keeps no budget
        budget_create(actor=approver, year=2030, kind="job_introduction", amount=Decimal("1"))
    budget = budget_create(
        actor=finance, year=2030, kind="job_introduction", amount=Decimal("1000")
    )
    assert budget.region_id == COUNTY
    budget_update(actor=finance, budget=budget, expected_version=budget.version, amount=Decimal("1500"),
                  note="追加")  # fmt: skip
    with pytest.raises(ValidationError):  # someone saved it since the editor loaded it
        budget_update(actor=finance, budget=Budget.objects.get(pk=budget.pk), expected_version=1,
                      amount=Decimal("10"))  # fmt: skip
    assert Budget.objects.get(pk=budget.pk).amount == Decimal("1500")
    response = login(finance).post(reverse("subsidies:budget-add"), {"year": "2031", "kind": "job_introduction",
                                                                       "amount": "-5"})  # fmt: skip
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    sibling = user("finance-370103")
    assert login(sibling).get(reverse("subsidies:budget-edit", args=[budget.pk])).status_code == 404


def test_the_budget_list_takes_the_same_number_of_queries_for_a_few_budgets_or_many(
    finance, login, django_assert_num_queries
):
    def add(years):
        for year in years:
            budget_create(actor=finance, year=year, kind="job_introduction", amount=Decimal("100"))

    add(range(2001, 2003))
    client = login(finance)
    client.get(reverse("subsidies:budgets"))  # the first request of the session
    with django_assert_num_queries(11):
        few = client.get(reverse("subsidies:budgets"))
    add(range(2003, 2021))
    with django_assert_num_queries(11):
        many = client.get(reverse("subsidies:budgets"))
    assert few.status_code == many.status_code == 200
    assert rows_shown(few) + 18 == rows_shown(many)


# A person's subsidies and the report -------------------------------------------------------


def approved_claim(coordinator, approver, finance, post, *names):
    for name in names:
        hire(coordinator, post, name)
    claim = to_finance(
        claim_prepare(actor=coordinator, kind="job_introduction", month=TODAY()),
        coordinator,
        approver,
    )
    workflow.fire(claim, "finance_approve", actor=finance)
    return claim


def test_a_persons_page_lists_every_subsidy_with_its_explanation(
    coordinator, approver, finance, post, login, sibling_coordinator
):
    approved_claim(coordinator, approver, finance, post, "明细甲")
    person = Person.objects.get(name="明细甲")
    page = login(coordinator).get(reverse("subsidies:person", args=[person.pk])).content.decode()
    assert "职业介绍补贴" in page and "已核准" in page and "职业介绍补贴最短劳动合同期限" in page
    assert "已核准拨付合计 200.00 元" in page
    assert (
        login(sibling_coordinator).get(reverse("subsidies:person", args=[person.pk])).status_code
        == 404
    )


def test_a_persons_page_links_only_the_claims_the_reader_may_open(
    coordinator, reviewer, approver, finance, post, login
):
    claim = approved_claim(coordinator, approver, finance, post, "明细乙")
    person = Person.objects.get(name="明细乙")
    # as if the township's office had claimed it: a claim above the village's jurisdiction
    history.update(Claim.objects.filter(pk=claim.pk), actor=None, region_id=reviewer.org.region_id)
    link = f'href="{reverse("subsidies:claim", args=[claim.pk])}"'
    page = login(coordinator).get(reverse("subsidies:person", args=[person.pk])).content.decode()
    assert claim.org.name in page and link not in page
    assert login(coordinator).get(reverse("subsidies:claim", args=[claim.pk])).status_code == 404
    page = login(reviewer).get(reverse("subsidies:person", args=[person.pk])).content.decode()
    assert link in page


def test_the_report_counts_approved_subsidies_by_region_and_drills_down(
    coordinator, approver, finance, post, login, sibling_approver, city_officer
):
    approved_claim(coordinator, approver, finance, post, "统计甲", "统计乙")
    month = f"{TODAY():%Y-%m}"
    client = login(city_officer)
    page = client.get(reverse("subsidies:report"), {"month": month}).content.decode()
    county_link = f"?region={COUNTY}&amp;month={month}"
    assert county_link in page and "职业介绍补贴人数" in page
    report = client.get(reverse("api-programmes-report"), {"region": COUNTY}).json()
    township = next(row for row in report["rows"] if row["region"] == VILLAGE_A[:9] + "000")
    assert township["values"]["job_introduction:count"] == 2
    assert Decimal(str(township["values"]["job_introduction:amount"])) == Decimal("400")
    assert report["total"]["job_introduction:count"] == 2
    # each column says what it counts, as the indicator registry defines it
    introduced = next(c for c in report["columns"] if c["code"] == "job_introduction:count")
    assert introduced["unit"] == "人" and "核准" in introduced["definition"]
    assert all(column["unit"] and column["definition"] for column in report["columns"])
    # drill down to the village
    village = client.get(reverse("api-programmes-report"), {"region": VILLAGE_A[:9] + "000"}).json()
    assert [
        row["values"]["job_introduction:count"]
        for row in village["rows"]
        if row["region"] == VILLAGE_A
    ] == [2]
    # Excel: the same figures
    response = client.get(reverse("subsidies:report-export"), {"region": COUNTY, "month": month})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[1]
    total = rows[-1]
    assert total[1] == "合计" and total[header.index("职业介绍补贴人数")] == 2
    # a user of the sibling county sees nothing of it and cannot ask for it
    assert (
        login(sibling_approver).get(reverse("subsidies:report"), {"region": COUNTY}).status_code
        == 404
    )
    other = login(sibling_approver).get(reverse("api-programmes-report")).json()
    assert other["total"]["job_introduction:count"] == 0


@pytest.mark.parametrize("month", ["0001-01", "1999-12", "9999-12"])
def test_a_month_outside_the_reportable_range_is_refused_at_the_field_not_a_500(
    month, city_officer, login
):
    client = login(city_officer)
    page = client.get(reverse("subsidies:report"), {"month": month})
    assert page.status_code == 200
    assert "月份应在2000年1月至本月之间。" in page.content.decode()
    assert page.context["report"].month == latest_approved_month()  # the latest with figures
    response = client.get(reverse("subsidies:report-export"), {"month": month})
    assert response.status_code == 200
    answer = client.get(reverse("api-programmes-report"), {"month": f"{month}-01"})
    assert answer.status_code == 400
    assert answer.json()["month"] == ["月份应在2000年1月至本月之间。"]


def test_a_claim_or_budget_of_an_impossible_year_is_refused_at_its_field(coordinator, finance):
    with pytest.raises(ValidationError) as refused:
        claim_prepare(actor=coordinator, kind="job_introduction", month=datetime.date(1, 1, 1))
    assert "month" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        budget_create(actor=finance, year=0, kind="job_introduction", amount=Decimal("1"))
    assert "year" in refused.value.message_dict


# The month-end batch ------------------------------------------------------------------------


def test_each_kind_names_every_office_that_has_something_to_claim():
    """``SubsidyKind.offices`` may name more offices than have lines, never fewer (the batch would
    leave the others out): every office of 历下区, this month, on the demo data."""
    first, last = month_bounds(TODAY())
    offices = list(
        ServiceOrg.objects.within("370102").filter(is_active=True).select_related("region")
    )
    kinds_with_lines = set()
    for kind in KINDS.values():
        named = kind.offices("370102", first, last)
        for org in offices:
            if kind.rule(org, first, last):
                kinds_with_lines.add(kind.code)
                assert org.pk in named, (kind.code, org.name)
    assert {"post_subsidy", "post_insurance", "loan_interest"} <= kinds_with_lines


def test_the_month_end_batch_prepares_the_claims_of_the_offices_with_something_to_claim():
    output = io.StringIO()
    call_command("prepare_claims", region="370102000000", month=f"{TODAY():%Y-%m}", stdout=output)
    claims = list(
        Claim.objects.filter(month=TODAY().replace(day=1), region__code__startswith="370102")
    )
    assert claims and all(claim.count > 0 and claim.state == "draft" for claim in claims)
    assert {claim.kind for claim in claims} >= {"post_subsidy", "loan_interest"}
    prepared = int(output.getvalue().split(" claims of ")[0])
    assert 0 < prepared <= len(claims)  # the demo data held some claims of the month already
    assert all(claim.prepared_by.org_id == claim.org_id for claim in claims)
    # run again: the same claims brought up to date, nothing doubled
    call_command(
        "prepare_claims", region="370102000000", month=f"{TODAY():%Y-%m}", stdout=io.StringIO()
    )
    assert Claim.objects.filter(
        month=TODAY().replace(day=1), region__code__startswith="370102"
    ).count() == len(claims)


def test_the_month_end_batch_says_which_offices_it_left_out_and_why():
    with transaction.atomic():  # which offices have something to claim this month
        offices = {
            claim.org_id: claim.kind
            for claim in claims_prepare_all(prefix="370102", month=TODAY()).prepared
        }
        transaction.set_rollback(True)
    unstaffed = ServiceOrg.objects.get(pk=sorted(offices)[-1])
    keepers = User.objects.filter(org=unstaffed, roles__code__in=["coordinator", "reviewer"])
    history.update(keepers, actor=None, is_active=False)
    submitted = claims_prepare_all(prefix="370102", month=TODAY()).prepared[0]
    workflow.fire(submitted, "submit", actor=submitted.prepared_by)

    batch = claims_prepare_all(prefix="370102", month=TODAY())

    reasons = {(org.pk, kind): reason for org, kind, reason in batch.skipped}
    assert "待人社部门审核" in reasons[submitted.org_id, submitted.kind]
    assert "没有可申报补贴的在岗工作人员" in reasons[unstaffed.pk, offices[unstaffed.pk]]
    assert submitted.pk not in {claim.pk for claim in batch.prepared}
    assert unstaffed.pk not in {claim.org_id for claim in batch.prepared}
    output = io.StringIO()
    call_command("prepare_claims", region="370102000000", month=f"{TODAY():%Y-%m}", stdout=output)
    assert f"skipped {unstaffed.region_id} {unstaffed.name} (" in output.getvalue()


@pytest.mark.parametrize(
    "key",
    [
        "subsidies.job_introduction_amount",
        "subsidies.zero_household_amount",
        "posts.post_subsidy",
        "posts.insurance_subsidy",
        "posts.employer_insurance",
        "flexible.subsidy_cap",
        "subsidies.training_vocational_amount",
    ],
)
def test_a_subsidy_amount_parameter_must_be_yuan_to_the_fen(key):
    parameter = PARAMETERS[key]
    assert parameter.parse("1234.50") == Decimal("1234.50")
    for wrong in ("-1", "12.345", "NaN", "Infinity", "2000000"):
        with pytest.raises(ValidationError):
            parameter.parse(wrong)


@pytest.mark.parametrize(
    "key", ["posts.subsidy_max_months", "flexible.subsidy_months", "flexible.check_months"]
)
def test_a_limit_of_months_must_be_at_least_one(key):
    with pytest.raises(ValidationError):
        PARAMETERS[key].parse("0")
    assert PARAMETERS[key].parse("12") == 12


def latest_approved_month():
    return Claim.objects.filter(state="approved").aggregate(latest=Max("month"))["latest"]


def test_the_report_opens_at_the_latest_month_with_figures_and_says_when_a_month_has_none(
    city_officer, login
):
    client = login(city_officer)
    page = client.get(reverse("subsidies:report"))
    report = page.context["report"]
    assert report.month == latest_approved_month() and not report.is_empty
    assert "本期在本辖区没有统计数据" not in page.content.decode()
    empty = client.get(reverse("subsidies:report"), {"month": "2001-01"})
    assert empty.context["report"].is_empty and "本期在本辖区没有统计数据" in empty.content.decode()
    assert (
        client.get(reverse("api-programmes-report")).json()["month"]
        == f"{latest_approved_month():%Y-%m}"
    )
