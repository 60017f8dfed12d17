"""Loans the tests build on: applied by village A's coordinator, disbursed on a chosen day."""

import datetime
from decimal import Decimal

import time_machine

from jiuye.core import workflow
from jiuye.startups import services

RATE = Decimal("4.35")  # 80,000 × 4.35 % ÷ 12 = 290.00 a month


def apply(coordinator, person, **fields):
    values = {
        "project": "社区早餐店", "micro_profit": True, "amount": Decimal("80000"), "term_months": 24,
        "guarantee_kind": "agency", "guarantor": "历下区创业担保中心", **fields,
    }  # fmt: skip
    return services.loan_apply(actor=coordinator, person=person, **values)


def disburse(loan, reviewer, approver, *, rate=RATE, contract="JK-2026-001"):
    workflow.fire(loan, "township_approve", actor=reviewer)
    workflow.fire(loan, "county_approve", actor=approver)
    services.loan_bank_approve(actor=approver, loan=loan, bank="济南农商银行", contract_number=contract,
                               annual_rate=rate, disbursed_on=loan.applied_on)  # fmt: skip
    workflow.fire(loan, "disburse", actor=approver)
    loan.refresh_from_db()
    return loan


def lent(coordinator, reviewer, approver, person, *, on: datetime.date, **fields):
    """A loan applied for, approved and disbursed on ``on`` (a day in the past)."""
    with time_machine.travel(on, tick=False):
        loan = apply(coordinator, person, **fields)
        return disburse(loan, reviewer, approver)


def pay(actor, loan, *numbers, late_days=0):
    """Pay instalments ``numbers`` in full, each on its due day (plus ``late_days``)."""
    for number in numbers:
        row = loan.instalments.get(number=number)
        services.repayment_record(actor=actor, loan=loan, amount=row.owed,
                                  paid_on=row.due_on + datetime.timedelta(days=late_days))  # fmt: skip
    loan.refresh_from_db()
    return loan
