"""Demo data of subsidies, after every line of work has seeded its own: each county's budget
for each kind this year, and at the demo scales the township offices' claims of the last
month, approved by the county's HR and finance (over the budget only by the override)."""

import datetime
from decimal import Decimal

from django.db.models import Q

from jiuye.core import workflow
from jiuye.core.scoping import subtree_q
from jiuye.ledger.seeding import TODAY
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region
from jiuye.staff.models import User
from jiuye.subsidies.kinds import KINDS, month_bounds
from jiuye.subsidies.models import Budget, Claim
from jiuye.subsidies.services import claim_prepare

BUDGET = Decimal("500000")  # yuan per county and kind: a demo figure


def seed(context) -> None:
    counties = Region.objects.filter(
        Q(*[subtree_q("code", prefix) for prefix in context.scale.prefixes], _connector=Q.OR),
        level=Level.COUNTY,
    )
    have = set(Budget.objects.filter(year=TODAY.year).values_list("region_id", "kind"))
    Budget.objects.bulk_create(
        Budget(
            region=county, year=TODAY.year, kind=kind, amount=BUDGET, note="就业补助资金（演示）"
        )
        for county in counties
        for kind in KINDS
        if (county.code, kind) not in have
    )
    if context.scale.name == "large":  # the benchmark computes the claims itself
        return
    month = (TODAY.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    if Claim.objects.filter(month=month, state="approved").exists():
        return
    reviewers = User.objects.filter(roles__code="reviewer", is_active=True, org__region__in=Region.objects.within(
        context.scale.prefixes[0]).filter(level=Level.TOWNSHIP)).select_related("org")  # fmt: skip
    approved = 0
    for reviewer in reviewers.order_by("org__region_id"):
        county = prefix_of(reviewer.org.region_id, Level.COUNTY)
        approver = User.objects.get(username=f"approver-{county}")
        finance = User.objects.get(username=f"finance-{county}")
        first, last = month_bounds(month)
        for kind in KINDS.values():
            if not kind.rule(reviewer.org, first, last):
                continue
            claim = claim_prepare(actor=reviewer, kind=kind.code, month=month)
            workflow.fire(claim, "submit", actor=reviewer)
            workflow.fire(claim, "hr_approve", actor=approver)
            workflow.fire(claim, "finance_approve", actor=finance)
            approved += 1
    context.log(f"  {Budget.objects.count()} budgets, {approved} claims of {month:%Y-%m} approved")
