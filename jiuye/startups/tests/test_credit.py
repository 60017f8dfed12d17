import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jiuye.core.indicators import Query
from jiuye.jobs.tests.helpers import resident, user
from jiuye.regions.codes import Level
from jiuye.regions.models import Region
from jiuye.startups.indicators import loan_figures
from jiuye.startups.models import Loan
from jiuye.startups.selectors import credit_communities
from jiuye.startups.tests.helpers import lent, pay

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def village():
    """A community of 历下区 without any loan yet."""
    return (
        Region.objects.within("370102").filter(level=Level.VILLAGE)
        .exclude(code__in=Loan.objects.values("region_id")).order_by("code").first()
    )  # fmt: skip


def borrowers(village, n):
    coordinator = user(f"coordinator-{village.code}")
    return coordinator, [
        resident(coordinator, f"信用{n}号{k}", region_code=village.code) for k in range(n)
    ]


def test_a_community_whose_loans_are_repaid_on_time_is_a_credit_community(village, approver):
    coordinator, people = borrowers(village, 4)
    reviewer = user(f"reviewer-{village.code[:9]}")
    loans = [lent(coordinator, reviewer, approver, person, on=TODAY() - datetime.timedelta(days=75))
             for person in people]  # fmt: skip
    for loan in loans[:3]:
        pay(coordinator, loan, 1, 2)
    rows, limits = credit_communities(approver, prefix=village.prefix)
    assert limits == {"min_loans": 3, "min_rate": Decimal("95"), "max_days": 30}
    (row,) = rows
    # one loan of four has missed both months: 3 × 580 of 4 × 580 repaid
    assert row.region == village and row.loans == 4
    assert row.due == Decimal("2320.00") and row.paid == Decimal("1740.00")
    assert row.rate == Decimal("75.0") and not row.is_credit
    assert "还款率75.0%，低于参数“信用社区最低还款率”95%" in row.reasons
    pay(coordinator, loans[3], 1, 2)
    (row,) = credit_communities(approver, prefix=village.prefix)[0]
    assert row.rate == Decimal("100.0") and row.is_credit and row.reasons == []


def test_too_few_loans_or_a_long_overdue_one_fails_the_credit_test(village, approver):
    coordinator, people = borrowers(village, 3)
    reviewer = user(f"reviewer-{village.code[:9]}")
    long_ago = TODAY() - datetime.timedelta(days=110)
    loans = [lent(coordinator, reviewer, approver, person, on=long_ago) for person in people[:2]]
    for loan in loans:
        pay(coordinator, loan, 1, 2, 3)
    (row,) = credit_communities(approver, prefix=village.prefix)[0]
    assert not row.is_credit and row.reasons == ["贷款2笔，少于参数“信用社区最少贷款笔数”3笔"]
    late = lent(coordinator, reviewer, approver, people[2], on=long_ago)
    (row,) = credit_communities(approver, prefix=village.prefix)[0]
    days = (TODAY() - late.instalments.get(number=1).due_on).days
    assert row.overdue_days == days > 30
    assert f"有贷款逾期{days}天，超过参数“信用社区贷款逾期天数上限”30天" in row.reasons
    # a user of the sibling county sees none of it
    assert credit_communities(user("approver-370103"), prefix=village.prefix)[0] == []


def test_the_report_counts_loans_disbursed_outstanding_and_overdue(village, approver):
    coordinator, people = borrowers(village, 2)
    reviewer = user(f"reviewer-{village.code[:9]}")
    on_time = lent(
        coordinator, reviewer, approver, people[0], on=TODAY() - datetime.timedelta(days=75)
    )
    pay(coordinator, on_time, 1, 2)
    lent(coordinator, reviewer, approver, people[1], on=TODAY() - datetime.timedelta(days=75),
         amount=Decimal("50000"))  # fmt: skip
    first = TODAY().replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    figures = loan_figures(Query(approver, village.prefix, 12, first, last))[village.code]
    assert figures["loan_outstanding"] == 2 and figures["loan_balance"] == Decimal("130000")
    assert figures["loan_overdue"] == 1
    month = on_time.disbursed_on.replace(day=1)
    month_end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    then = loan_figures(Query(approver, village.prefix, 12, month, month_end))[village.code]
    assert then["loan_disbursed"] == 2 and then["loan_disbursed_amount"] == Decimal("130000")
