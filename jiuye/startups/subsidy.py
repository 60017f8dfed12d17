"""The interest subsidy of small guaranteed loans (小额担保贷款贴息, guideline 十八): for a
micro-profit project, the interest of each instalment month paid on time, at the parameter's
share; none in the extension, none for a month paid late or not at all. Claimed monthly by the
office that took the application. The lines come from ``selectors.interest_schedule``, the same
computation the loan's page shows."""

import datetime

from django.utils.translation import gettext_lazy

from jiuye.core.scoping import subtree_q
from jiuye.startups.models import Loan
from jiuye.startups.selectors import SUBSIDISED, interest_schedule
from jiuye.startups.workflow import LENT_STATES
from jiuye.subsidies.kinds import Line, SubsidyKind
from jiuye.subsidies.models import ClaimLine

KIND = "loan_interest"


def loan_interest_lines(org, first, last) -> list[Line]:
    """The on-time instalment months of the office's micro-profit loans due by the month's end
    (this year's and last year's, so a month a claim left out is claimed later) that no claim
    holds yet; the period is the instalment's month."""
    since = datetime.date(first.year - 1, 1, 1)
    loans = (
        Loan.objects.filter(org=org, micro_profit=True, state__in=LENT_STATES,
                            instalments__due_on__range=(since, last), instalments__paid_on__isnull=False)
        .distinct().select_related("person").prefetch_related("instalments").order_by("pk")
    )  # fmt: skip
    claimed = set(
        ClaimLine.objects.filter(kind=KIND, void=False, person__in=loans.values("person"))
        .values_list("person_id", "period")
    )  # fmt: skip
    lines = []
    for loan in loans:
        for line in interest_schedule(loan, today=last + datetime.timedelta(days=1)):
            row = line.instalment
            if line.status != SUBSIDISED or not since <= row.due_on <= last:
                continue
            if (loan.person_id, line.period) in claimed:
                continue
            claimed.add((loan.person_id, line.period))
            lines.append(Line(person_id=loan.person_id, region_id=loan.region_id, period=line.period,
                              amount=line.subsidy, explanation=line.explanation, source=loan))  # fmt: skip
    return lines


def _offices(prefix, first, last) -> set[int]:
    """The offices that took micro-profit loans now being repaid."""
    loans = Loan.objects.filter(subtree_q("org__region_id", prefix), micro_profit=True,
                                state__in=LENT_STATES)  # fmt: skip
    return set(loans.values_list("org_id", flat=True).distinct())


LOAN_INTEREST = SubsidyKind(
    code=KIND, label=gettext_lazy("小额担保贷款贴息"), rule=loan_interest_lines, offices=_offices
)
