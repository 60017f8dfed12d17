"""Reads of subsidies: budgets and what is spent of them, a person's subsidies."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from jiuye.core.money import MONEY, ZERO, yuan
from jiuye.regions.codes import ancestor, level_of, prefix_of, prefix_sql
from jiuye.subsidies.kinds import level_of_kind
from jiuye.subsidies.models import Budget, Claim, ClaimLine

PENDING_STATES = ("hr_review", "finance_review")


@dataclass(frozen=True)
class Use:
    """How much of a budget approved claims have spent and claims in approval would spend."""

    spent: Decimal
    pending: Decimal

    def balance(self, budget: Budget) -> Decimal:
        return budget.amount - self.spent


def budget_uses(budgets) -> dict[int, Use]:
    """The use of each of ``budgets``: one grouped query per level of the budgets (a county's
    over its claims, a township's over its own), over the claims of their regions."""
    budgets = list(budgets)
    uses = {}
    for level in {level_of(budget.region_id) for budget in budgets}:
        held = [budget for budget in budgets if level_of(budget.region_id) == level]
        rows = (
            Claim.objects.annotate(holder=prefix_sql("region_id", level), year=ExtractYear("month"))
            .filter(holder__in={prefix_of(b.region_id) for b in held}, year__in={b.year for b in held},
                    kind__in={b.kind for b in held})
            .values("holder", "year", "kind")
            .annotate(spent=Coalesce(Sum("total", filter=Q(state="approved")), ZERO, output_field=MONEY),
                      pending=Coalesce(Sum("total", filter=Q(state__in=PENDING_STATES)), ZERO, output_field=MONEY))
            .order_by()
        )  # fmt: skip
        found = {(row["holder"], row["year"], row["kind"]): row for row in rows}
        for budget in held:
            row = found.get((prefix_of(budget.region_id), budget.year, budget.kind), {})
            uses[budget.pk] = Use(
                spent=yuan(row.get("spent", ZERO)), pending=yuan(row.get("pending", ZERO))
            )
    return uses


def budget_of(claim: Claim, *, lock: bool = False) -> Budget | None:
    """The budget of the claim's kind and year kept by the region that approves it (the
    county's, or the township's for a kind it pays; locked when ``lock``)."""
    budgets = Budget.objects.select_for_update() if lock else Budget.objects.all()
    holder = ancestor(claim.region_id, level_of_kind(claim.kind))
    return budgets.filter(region_id=holder, year=claim.month.year, kind=claim.kind).first()


def person_subsidies(person):
    """Every subsidy line of the person, newest first, with its claim and office."""
    return (
        ClaimLine.objects.filter(person=person)
        .select_related("claim__org", "region")
        .order_by("-claim__month", "-id")
    )


def last_claimed_month(source) -> datetime.date | None:
    """The first day of the latest month that a submitted claim holds a line for ``source``
    (a placement, a flexible-employment registration): an end dated back before it would leave
    a subsidy paid for a month the record no longer covers. Drafts do not count: preparing a
    draft again brings it up to date."""
    period = (
        ClaimLine.objects.filter(source_type=ContentType.objects.get_for_model(type(source)),
                                 source_id=source.pk, void=False)
        .exclude(claim__state="draft")
        .order_by("-period").values_list("period", flat=True).first()
    )  # fmt: skip
    if period is None:
        return None
    year, month = (int(part) for part in period.split("-"))
    return datetime.date(year, month, 1)
