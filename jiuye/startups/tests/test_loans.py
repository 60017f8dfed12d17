import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jiuye.conftest import COUNTY
from jiuye.core import history, workflow
from jiuye.core.indicators import Query
from jiuye.core.models import PolicyParameter
from jiuye.core.parameters import PARAMETERS
from jiuye.core.selectors import worklist
from jiuye.jobs.tests.helpers import resident
from jiuye.startups import services
from jiuye.startups.indicators import loan_figures
from jiuye.startups.models import Loan, StartupService
from jiuye.startups.schedule import add_months
from jiuye.startups.selectors import REFUSED, SUBSIDISED, arrears, interest_schedule
from jiuye.startups.subsidy import KIND
from jiuye.startups.tests.helpers import apply, lent, pay
from jiuye.subsidies.kinds import month_bounds
from jiuye.subsidies.models import ClaimLine
from jiuye.subsidies.services import claim_prepare

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_an_application_goes_through_every_step_to_disbursement_with_its_schedule(
    coordinator, reviewer, approver
):
    person = resident(coordinator, "贷款甲")
    entrepreneur = services.entrepreneur_register(actor=coordinator, person=person, trade="早餐店")
    loan = apply(coordinator, person)
    assert loan.state == "applied" and loan.due_on is not None and loan.org_id == coordinator.org_id
    assert loan.entrepreneur_id == entrepreneur.pk
    with pytest.raises(PermissionDenied):  # the community does not review its own application
        workflow.fire(loan, "township_approve", actor=coordinator)
    workflow.fire(loan, "township_approve", actor=reviewer)
    with pytest.raises(PermissionDenied):
        workflow.fire(loan, "county_approve", actor=reviewer)
    workflow.fire(loan, "county_approve", actor=approver)
    with pytest.raises(ValidationError):  # the bank's approval is recorded with its contract
        workflow.fire(loan, "bank_approve", actor=approver)
    with pytest.raises(ValidationError) as refused:
        services.loan_bank_approve(actor=approver, loan=loan, bank="银行", contract_number="",
                                   annual_rate=Decimal("4.35"), disbursed_on=TODAY())  # fmt: skip
    assert "contract_number" in refused.value.message_dict
    services.loan_bank_approve(actor=approver, loan=loan, bank="济南农商银行", contract_number="JK-1",
                               annual_rate=Decimal("4.35"), disbursed_on=TODAY())  # fmt: skip
    assert loan.state == "approved"
    workflow.fire(loan, "disburse", actor=approver)
    loan.refresh_from_db()
    assert loan.state == "disbursed" and loan.due_on is None
    rows = list(loan.instalments.all())
    assert len(rows) == 24
    assert {row.interest for row in rows} == {Decimal("290.00")}
    assert sum(row.principal for row in rows) == Decimal("80000")
    assert rows[-1].principal == Decimal("80000") and rows[-1].due_on == add_months(TODAY(), 24)
    assert loan.ends_on == rows[-1].due_on
    # the loan is one of the borrower's "1+3", recorded by itself
    assert StartupService.objects.filter(entrepreneur=entrepreneur, kind="loan").exists()
    transitions = [event.transition for event in loan.events]
    assert transitions == [
        "create",
        "township_approve",
        "county_approve",
        "bank_approve",
        "disburse",
    ]


def test_amounts_and_terms_beyond_the_parameters_are_refused_at_their_field(
    coordinator, province_admin
):
    person = resident(coordinator, "贷款乙")
    with pytest.raises(ValidationError) as refused:
        apply(coordinator, person, amount=Decimal("100000.01"))
    assert "个人贷款额度上限”100,000.00元" in refused.value.message_dict["amount"][0]
    with pytest.raises(ValidationError) as refused:
        apply(coordinator, person, partners=6, amount=Decimal("550000"))
    assert "合伙经营贷款上限”500,000.00元" in refused.value.message_dict["amount"][0]
    with pytest.raises(ValidationError) as refused:
        apply(coordinator, person, partners=2, amount=Decimal("200000.01"))
    assert "合伙经营每人额度”100,000.00元×2人" in refused.value.message_dict["amount"][0]
    with pytest.raises(ValidationError) as refused:
        apply(coordinator, person, term_months=25)
    assert "小额担保贷款期限上限”24个月" in refused.value.message_dict["term_months"][0]
    assert apply(coordinator, person, partners=3, amount=Decimal("300000")).state == "applied"
    # a county that keeps the 2008 national limit of 50,000 for individuals
    PolicyParameter.objects.create(key="startups.loan_individual_limit", value="50000", region_id=COUNTY,
                                   effective_from=datetime.date(2020, 1, 1))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        apply(coordinator, resident(coordinator, "贷款丙"), amount=Decimal("80000"))
    assert "50,000.00元" in refused.value.message_dict["amount"][0]


def test_the_county_needs_a_guarantee_and_a_refusal_keeps_its_reason(
    coordinator, reviewer, approver
):
    loan = apply(coordinator, resident(coordinator, "贷款丁"), guarantor="")
    workflow.fire(loan, "township_approve", actor=reviewer)
    with pytest.raises(ValidationError) as refused:
        workflow.fire(loan, "county_approve", actor=approver)
    assert "guarantor" in refused.value.message_dict
    history.update(Loan.objects.filter(pk=loan.pk), actor=None, guarantor="担保中心")
    loan.refresh_from_db()
    workflow.fire(loan, "county_approve", actor=approver)
    workflow.fire(loan, "bank_refuse", actor=approver, comment="经营场所不稳定")
    loan.refresh_from_db()
    assert loan.state == "refused" and loan.refusal_reason == "经营场所不稳定"
    # a refused application frees the person for a new one
    assert apply(coordinator, loan.person).state == "applied"


def test_a_missed_repayment_is_overdue_and_its_month_gets_no_subsidy(
    coordinator, reviewer, approver
):
    person = resident(coordinator, "贷款戊")
    loan = lent(coordinator, reviewer, approver, person, on=TODAY() - datetime.timedelta(days=100))
    pay(coordinator, loan, 1)
    assert loan.state == "repaying"
    first, second, third = loan.instalments.order_by("number")[:3]
    owed = arrears(loan)
    assert owed.since == second.due_on and owed.amount == Decimal("580.00")
    assert owed.days(TODAY()) == (TODAY() - second.due_on).days
    assert list(Loan.objects.overdue_loans().filter(person=person)) == [loan]
    annotated = Loan.objects.with_overdue().get(pk=loan.pk)
    assert (
        annotated.overdue_amount == Decimal("580.00") and annotated.overdue_since == second.due_on
    )
    lines = {line.instalment.number: line for line in interest_schedule(loan)}
    assert lines[1].status == SUBSIDISED and lines[1].subsidy == Decimal("290.00")
    assert "“贴息比例”100%" in lines[1].explanation and "年利率4.35%" in lines[1].explanation
    assert lines[2].status == REFUSED and lines[2].subsidy is None
    days = (TODAY() - second.due_on).days
    assert lines[2].explanation == (
        f"该期逾期未还（应还日{second.due_on:%Y-%m-%d}，逾期{days}天），逾期期间不予贴息。"
    )
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    claimed = list(claim.lines.filter(person=person))
    assert [line.period for line in claimed] == [f"{first.due_on:%Y-%m}"]
    assert claimed[0].amount == Decimal("290.00") and claimed[0].explanation == lines[1].explanation
    assert "贴息比例" in claimed[0].explanation
    # paid late, the month stays without subsidy
    pay(coordinator, loan, 2, late_days=5)
    pay(coordinator, loan, 3)
    lines = {line.instalment.number: line for line in interest_schedule(loan)}
    assert lines[2].status == REFUSED and "逾期归还" in lines[2].explanation
    assert lines[3].status == SUBSIDISED
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    periods = set(claim.lines.filter(person=person).values_list("period", flat=True))
    assert periods == {f"{first.due_on:%Y-%m}", f"{third.due_on:%Y-%m}"}
    # the database refuses a second line for the same person, kind and month
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(claim=claim, kind=KIND, person=person, region_id=person.region_id,
                                 period=f"{first.due_on:%Y-%m}", amount=Decimal("290"), explanation="重复",
                                 source_type=ContentType.objects.get_for_model(Loan), source_id=loan.pk)  # fmt: skip


def test_an_extension_is_never_subsidised_and_is_granted_once(coordinator, reviewer, approver):
    person = resident(coordinator, "贷款己")
    loan = lent(coordinator, reviewer, approver, person, term_months=2,
                on=TODAY() - datetime.timedelta(days=200))  # fmt: skip
    pay(coordinator, loan, 1)
    with pytest.raises(PermissionDenied):
        services.loan_extend(actor=coordinator, loan=loan, months=3, reason="经营困难")
    with pytest.raises(ValidationError) as refused:
        services.loan_extend(actor=approver, loan=loan, months=13, reason="经营困难")
    assert "小额担保贷款展期上限" in refused.value.message_dict["months"][0]
    services.loan_extend(actor=approver, loan=loan, months=3, reason="经营困难")
    loan.refresh_from_db()
    rows = list(loan.instalments.order_by("number"))
    assert [row.extension for row in rows] == [False, False, True, True, True]
    assert [row.principal for row in rows] == [0, 0, 0, 0, Decimal("80000")]
    assert loan.extended_until == rows[-1].due_on == add_months(loan.disbursed_on, 5)
    with pytest.raises(ValidationError):
        services.loan_extend(actor=approver, loan=loan, months=1, reason="再次")
    pay(coordinator, loan, 2, 3, 4, 5)
    assert loan.state == "repaid" and loan.repaid_on == rows[-1].due_on
    lines = interest_schedule(loan)
    assert [line.status for line in lines] == [SUBSIDISED, SUBSIDISED, REFUSED, REFUSED, REFUSED]
    assert "展期期间不予贴息" in lines[2].explanation
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    periods = set(claim.lines.filter(person=person).values_list("period", flat=True))
    assert periods == {rows[0].period, rows[1].period}


def test_a_project_that_is_not_micro_profit_gets_no_subsidy(coordinator, reviewer, approver):
    person = resident(coordinator, "贷款庚")
    loan = lent(coordinator, reviewer, approver, person, micro_profit=False,
                on=TODAY() - datetime.timedelta(days=40))  # fmt: skip
    pay(coordinator, loan, 1)
    line = interest_schedule(loan)[0]
    assert line.status == REFUSED and line.explanation.startswith("非微利项目不予贴息")
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    assert not claim.lines.filter(person=person).exists()


def test_repayments_cannot_exceed_what_is_owed_nor_come_from_the_future(
    coordinator, reviewer, approver
):
    loan = lent(coordinator, reviewer, approver, resident(coordinator, "贷款辛"), term_months=1,
                on=TODAY() - datetime.timedelta(days=10))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.repayment_record(
            actor=coordinator, loan=loan, paid_on=TODAY(), amount=Decimal("90000")
        )
    assert "尚欠本息80,290.00元" in refused.value.message_dict["amount"][0]
    with pytest.raises(ValidationError) as refused:
        services.repayment_record(actor=coordinator, loan=loan, amount=Decimal("1"),
                                  paid_on=TODAY() + datetime.timedelta(days=1))  # fmt: skip
    assert "paid_on" in refused.value.message_dict
    services.recovery_record(actor=coordinator, loan=loan, on=TODAY(), action="上门提醒按期还款")
    assert loan.recoveries.count() == 1


def test_each_step_waits_on_the_work_list_of_the_role_that_takes_it(
    coordinator, reviewer, approver
):

    loan = apply(coordinator, resident(coordinator, "待办借款人"))
    assert loan in worklist(reviewer) and loan not in worklist(approver)
    workflow.fire(loan, "township_approve", actor=reviewer)
    assert loan in worklist(approver) and loan not in worklist(reviewer)
    assert loan not in worklist(coordinator)
    disburse_day = TODAY() + datetime.timedelta(days=3)
    workflow.fire(loan, "county_approve", actor=approver)
    services.loan_bank_approve(actor=approver, loan=loan, bank="银行", contract_number="JK-3",
                               annual_rate=Decimal("4.35"), disbursed_on=disburse_day)  # fmt: skip
    with pytest.raises(ValidationError) as refused:  # not before the day the bank pays out
        workflow.fire(loan, "disburse", actor=approver)
    assert "disbursed_on" in refused.value.message_dict


def test_a_county_that_subsidises_part_of_the_interest_says_so_in_the_explanation(
    coordinator, reviewer, approver
):
    PolicyParameter.objects.create(key="startups.loan_subsidy_share", value="50", region_id=COUNTY,
                                   effective_from=datetime.date(2020, 1, 1))  # fmt: skip
    person = resident(coordinator, "贷款壬")
    loan = lent(coordinator, reviewer, approver, person, on=TODAY() - datetime.timedelta(days=40))
    pay(coordinator, loan, 1)
    line = interest_schedule(loan)[0]
    assert line.subsidy == Decimal("145.00") and "“贴息比例”50%贴息145.00元" in line.explanation


def test_a_part_paid_late_dates_its_instalment_even_when_an_earlier_part_is_recorded_after_it(
    coordinator, reviewer, approver
):
    person = resident(coordinator, "贷款补录")
    loan = lent(coordinator, reviewer, approver, person, on=TODAY() - datetime.timedelta(days=100))
    first = loan.instalments.get(number=1)
    services.repayment_record(actor=coordinator, loan=loan, amount=Decimal("100.00"),
                              paid_on=first.due_on + datetime.timedelta(days=5))  # fmt: skip
    # the bank's slip of an earlier part, recorded afterwards, completes the instalment
    services.repayment_record(actor=coordinator, loan=loan, amount=Decimal("190.00"),
                              paid_on=first.due_on - datetime.timedelta(days=1))  # fmt: skip
    first.refresh_from_db()
    assert first.owed == 0 and first.paid_on == first.due_on + datetime.timedelta(days=5)
    line = interest_schedule(loan)[0]
    assert line.status == REFUSED and "逾期归还" in line.explanation
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    assert not claim.lines.filter(person=person).exists()


def test_an_extension_keeps_the_principal_already_paid_of_the_last_instalment(
    coordinator, reviewer, approver
):
    loan = lent(coordinator, reviewer, approver, resident(coordinator, "贷款部分还本"), term_months=2,
                on=TODAY() - datetime.timedelta(days=200))  # fmt: skip
    pay(coordinator, loan, 1)
    second = loan.instalments.get(number=2)
    services.repayment_record(actor=coordinator, loan=loan, amount=Decimal("30290.00"),
                              paid_on=second.due_on)  # fmt: skip
    services.loan_extend(actor=approver, loan=loan, months=3, reason="经营困难，余款展期")
    rows = list(loan.instalments.order_by("number"))
    assert [row.principal for row in rows] == [0, Decimal("30000"), 0, 0, Decimal("50000")]
    assert rows[1].owed == 0 and rows[1].paid_on == second.due_on
    # the extension's interest is on what is still owed: 50,000 × 4.35 % ÷ 12 = 181.25
    assert [row.interest for row in rows[2:]] == [Decimal("181.25")] * 3
    assert 2 not in [row.number for row in arrears(loan, TODAY()).instalments]
    owed = sum(row.owed for row in rows if row.paid_on is None)
    assert owed == Decimal("50543.75")
    pay(coordinator, loan, 3, 4, 5)
    assert loan.state == "repaid"


@pytest.mark.parametrize(("key", "text", "message"), [
    ("startups.loan_subsidy_share", "150", "应为0到100之间的百分数。"),
    ("startups.loan_subsidy_share", "NaN", "应为0到100之间的百分数。"),
    ("startups.credit_min_repayment_rate", "-1", "应为0到100之间的百分数。"),
    ("startups.loan_individual_limit", "-100000", "应为大于0、最多两位小数的金额（元）。"),
    ("startups.loan_partner_limit", "0.001", "应为大于0、最多两位小数的金额（元）。"),
    ("startups.loan_partnership_limit", "Infinity", "应为大于0、最多两位小数的金额（元）。"),
])  # fmt: skip
def test_a_loan_parameter_outside_its_range_is_refused_when_it_is_set(key, text, message):
    with pytest.raises(ValidationError) as refused:
        PARAMETERS[key].parse(text)
    assert refused.value.messages == [message]


def test_a_share_of_the_interest_cannot_make_the_subsidy_exceed_the_interest():
    assert PARAMETERS["startups.loan_subsidy_share"].parse("50") == Decimal("50")
    assert PARAMETERS["startups.loan_individual_limit"].parse("100000.00") == Decimal("100000")


def test_the_report_s_overdue_amount_is_what_the_overdue_list_shows(
    coordinator, reviewer, approver
):

    person = resident(coordinator, "贷款部分逾期")
    loan = lent(coordinator, reviewer, approver, person, on=TODAY() - datetime.timedelta(days=100))
    pay(coordinator, loan, 1)
    second = loan.instalments.get(number=2)
    services.repayment_record(actor=coordinator, loan=loan, amount=Decimal("90.00"),
                              paid_on=second.due_on)  # fmt: skip
    owed = arrears(loan, TODAY())
    assert owed.amount == Decimal("490.00")  # 200.00 of the second month and all of the third
    annotated = Loan.objects.with_overdue().get(pk=loan.pk)
    assert annotated.overdue_amount == owed.amount
    # the village's row of this month's report adds up what the overdue list shows there
    listed = Loan.objects.overdue_loans().filter(region_id=loan.region_id).with_overdue()
    row = loan_figures(Query(approver, loan.region_id, 12, *month_bounds(TODAY())))[loan.region_id]
    assert row["loan_overdue"] == listed.count()
    assert Decimal(str(row["loan_overdue_amount"])) == sum(each.overdue_amount for each in listed)
