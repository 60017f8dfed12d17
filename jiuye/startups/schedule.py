"""The repayment schedule of a loan: monthly interest, the principal with the last instalment
(按月付息、到期还本), from the bank's annual rate. Decimal arithmetic, rounded to the fen."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from jiuye.core.workdays import add_months

FEN = Decimal("0.01")


def monthly_interest(amount: Decimal, annual_rate: Decimal) -> Decimal:
    """One month's interest: amount × annual rate (%) ÷ 12, to the fen."""
    return (amount * annual_rate / Decimal(100) / Decimal(12)).quantize(FEN, ROUND_HALF_UP)


def instalments(amount: Decimal, annual_rate: Decimal, start: datetime.date, months: int,
                offset: int = 0, extension: bool = False) -> list[dict]:  # fmt: skip
    """The rows of ``months`` instalments after the first ``offset`` months from ``start``
    (the disbursement): the month's interest each, and the whole principal with the last."""
    interest = monthly_interest(amount, annual_rate)
    return [
        {
            "number": offset + n + 1,
            "due_on": add_months(start, offset + n + 1),
            "principal": amount if n == months - 1 else Decimal("0.00"),
            "interest": interest,
            "extension": extension,
        }
        for n in range(months)
    ]
