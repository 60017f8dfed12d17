import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.funds import services
from jiuye.funds.choices import Category, Source
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending
from jiuye.funds.selectors import line_spent
from jiuye.funds.tests.helpers import MINGHU, YANSHAN, budget_with_lines, spend
from jiuye.regions.models import Region
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db
WORK_OWN = (Category.WORK, Source.OWN_BUDGET, "1000")


@pytest.fixture
def township_finance(db):
    return User.objects.get(username="township_finance-370102010")


@pytest.fixture
def yanshan_reviewer(db):
    return User.objects.get(username="reviewer-370102010")


def test_the_county_sets_a_township_budget_and_its_lines(finance, approver):
    budget, (line,) = budget_with_lines(finance, lines=[WORK_OWN])
    assert budget.region_id == YANSHAN and budget.recorded_by == finance
    assert line.region_id == YANSHAN and line.amount == Decimal("1000")
    # the county's approver may too, for another platform
    other, _lines = budget_with_lines(approver, MINGHU)
    assert other.history.count() == 1 and line.history.count() == 1


def test_it_refuses_a_second_budget_of_the_same_platform_and_year(finance):
    budget_with_lines(finance)
    with pytest.raises(ValidationError) as error:
        budget_with_lines(finance)
    assert "year" in error.value.message_dict


def test_it_refuses_a_county_or_another_countys_platform(finance):
    year = timezone.localdate().year
    with pytest.raises(ValidationError) as error:
        services.budget_create(
            actor=finance, region=Region.objects.get(code="370102000000"), year=year
        )
    assert "街道（乡镇）或社区（村）" in error.value.message_dict["region"][0]
    with pytest.raises(ValidationError) as error:
        services.budget_create(
            actor=finance, region=Region.objects.get(code="370103002000"), year=year
        )
    assert "管辖范围" in error.value.message_dict["region"][0]


def test_only_the_county_sets_budgets(reviewer, coordinator, city_officer):
    region = Region.objects.get(code=YANSHAN)
    for user in (reviewer, coordinator, city_officer):
        with pytest.raises(PermissionDenied):
            services.budget_create(actor=user, region=region, year=2026)


def test_the_township_records_spending_and_a_sibling_township_may_not(
    finance, township_finance, yanshan_reviewer, reviewer, approver
):
    _budget, (line,) = budget_with_lines(finance, lines=[WORK_OWN])
    spending = spend(township_finance, line, "300")
    spend(yanshan_reviewer, line, "200")
    assert line_spent([line])[line.pk] == Decimal("500.00")
    assert spending.history.count() == 1 and spending.recorded_by == township_finance
    with pytest.raises(PermissionDenied):  # 解放路街道's reviewer: not their platform
        spend(reviewer, line, "1")
    with pytest.raises(PermissionDenied):  # the county sets budgets, it does not spend them
        spend(approver, line, "1")


def test_spending_beyond_the_balance_needs_a_reason_which_is_kept(finance, township_finance):
    _budget, (line,) = budget_with_lines(finance, lines=[WORK_OWN])
    spend(township_finance, line, "800")
    with pytest.raises(ValidationError) as error:
        spend(township_finance, line, "300")
    message = error.value.message_dict["over_reason"][0]
    assert "300.00" in message and "200.00" in message and "超预算理由" in message
    over = spend(township_finance, line, "300", reason="追加招聘会")
    assert over.over_reason == "追加招聘会"
    # within the balance a reason is not kept
    _other, (second,) = budget_with_lines(finance, MINGHU, lines=[WORK_OWN])
    kept = spend(
        User.objects.get(username="township_finance-370102005"), second, "10", reason="不需要"
    )
    assert kept.over_reason == ""


def test_the_day_lies_in_the_budget_year_and_not_ahead(finance, township_finance):
    _budget, (line,) = budget_with_lines(finance, lines=[WORK_OWN])
    year = line.budget.year
    for day in (datetime.date(year - 1, 12, 31), timezone.localdate() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            spend(township_finance, line, "1", on=day)
        assert "spent_on" in error.value.message_dict


def test_a_correction_checks_the_balance_without_itself_and_the_version(finance, township_finance):
    _budget, (line,) = budget_with_lines(finance, lines=[WORK_OWN])
    spending = spend(township_finance, line, "900")
    fields = {"spent_on": spending.spent_on, "purpose": "更正", "voucher": "记-002"}
    corrected = services.spending_update(actor=township_finance, spending=spending, expected_version=1,
                                         amount=Decimal("1000"), **fields)  # fmt: skip
    assert corrected.amount == Decimal("1000") and corrected.version == 2
    with pytest.raises(ValidationError) as error:
        services.spending_update(actor=township_finance, spending=Spending.objects.get(pk=spending.pk),
                                 expected_version=2, amount=Decimal("1000.01"), **fields)  # fmt: skip
    assert "over_reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # someone saved it meanwhile
        services.spending_update(actor=township_finance, spending=Spending.objects.get(pk=spending.pk),
                                 expected_version=1, amount=Decimal("5"), **fields)  # fmt: skip
    assert error.value.code == "stale_version"
    assert Spending.objects.get(pk=spending.pk).amount == Decimal("1000")
    assert spending.history.count() == 2


def test_a_line_is_not_reduced_below_what_was_spent(finance, township_finance):
    _budget, (line,) = budget_with_lines(finance, lines=[WORK_OWN])
    spend(township_finance, line, "600")
    fields = {"category": Category.WORK, "source": Source.PURCHASE, "title": "改为购买服务"}
    with pytest.raises(ValidationError) as error:
        services.line_update(
            actor=finance, line=line, expected_version=1, amount=Decimal("500"), **fields
        )
    assert "600.00" in error.value.message_dict["amount"][0]
    line = BudgetLine.objects.get(pk=line.pk)
    services.line_update(
        actor=finance, line=line, expected_version=1, amount=Decimal("700"), **fields
    )
    line = BudgetLine.objects.get(pk=line.pk)
    assert (line.amount, line.source, line.version) == (Decimal("700"), Source.PURCHASE, 2)
    with pytest.raises(ValidationError):  # stale
        services.line_update(
            actor=finance, line=line, expected_version=1, amount=Decimal("800"), **fields
        )


def test_a_budget_note_is_edited_with_its_version(finance, approver):
    budget, _lines = budget_with_lines(finance)
    services.budget_update(actor=approver, budget=budget, expected_version=1, note="补充说明")
    assert PlatformBudget.objects.get(pk=budget.pk).note == "补充说明"
    with pytest.raises(ValidationError):
        services.budget_update(actor=finance, budget=PlatformBudget.objects.get(pk=budget.pk),
                               expected_version=1, note="过期")  # fmt: skip


def test_a_voucher_is_kept_under_its_county_behind_a_random_name(finance, township_finance):
    _budget, (line,) = budget_with_lines(finance, lines=[WORK_OWN])
    spending = spend(township_finance, line, "10", file=SimpleUploadedFile("发票.pdf", b"%PDF-1.4"))
    assert spending.file.name.startswith(f"evidence/370102/funds-{line.pk}/")
    assert spending.file.name.endswith("-发票.pdf")
    with pytest.raises(ValidationError) as error:
        spend(township_finance, line, "10", file=SimpleUploadedFile("run.exe", b"MZ"))
    assert "file" in error.value.message_dict
