"""以奖代补 on the subsidy ledger: proposed by the county, approved by its HR and finance
approvers within the budget, one reward per office, kind and period."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from jiuye.conftest import COUNTY
from jiuye.core import workflow
from jiuye.performance import services
from jiuye.performance.choices import OfficeLevel
from jiuye.performance.periods import Period
from jiuye.performance.reward import KIND, awards
from jiuye.performance.scoring import ranking
from jiuye.regions.models import Region
from jiuye.staff.models import User
from jiuye.subsidies.models import Budget, Claim, ClaimLine
from jiuye.subsidies.services import budget_update, claim_prepare

Q3 = Period(2026, 3)


@pytest.fixture
def proposer(db):
    return User.objects.get(username="approver-370102-2")


@pytest.fixture
def seeded(db):
    """The demo proposal of 历下区: proposed, approved by HR, waiting for finance."""
    return Claim.objects.get(kind=KIND, region_id=COUNTY)


def test_the_demo_proposal_rewards_the_top_share_by_the_formula(seeded, approver):
    assert seeded.state == "finance_review"
    county = Region.objects.get(code=COUNTY)
    scores = ranking(approver, county, OfficeLevel.TOWNSHIP, Q3).scores
    lines = list(seeded.lines.select_related("office"))
    places = -(-len(scores) * 30 // 100)  # the share of 30 %, rounded up; ties share a place
    rewarded = {
        score.region.code: score for score in scores if score.rank <= places and score.total > 0
    }
    assert {line.office.region_id for line in lines} == set(rewarded)
    for line in lines:
        score = rewarded[line.office.region_id]
        assert line.person_id is None and line.period == "2026-Q3"
        assert line.amount == Decimal("10000") + Decimal("200") * score.total  # within the budget
        assert (
            f"全县第 {score.rank} 名" in line.explanation
            and "基础奖励 10000 元 + 每分 200 元" in line.explanation
        )
    assert seeded.total == sum(line.amount for line in lines)


def test_finance_approves_within_the_budget_and_refuses_beyond_it(seeded, finance):
    budget = Budget.objects.get(region_id=COUNTY, year=2026, kind=KIND)
    budget_update(
        actor=finance, budget=budget, expected_version=budget.version, amount=Decimal("1000")
    )
    with pytest.raises(ValidationError) as refused:
        workflow.fire(seeded, "finance_approve", actor=finance)
    assert refused.value.error_list[0].code == "over_budget"
    budget.refresh_from_db()
    budget_update(
        actor=finance, budget=budget, expected_version=budget.version, amount=Decimal("200000")
    )
    workflow.fire(seeded, "finance_approve", actor=finance)
    assert Claim.objects.get(pk=seeded.pk).state == "approved"


def test_a_proposal_asks_no_more_than_the_budget_has_left(seeded, finance, proposer):
    workflow.fire(seeded, "finance_reject", actor=finance, comment="重新测算")
    budget = Budget.objects.get(region_id=COUNTY, year=2026, kind=KIND)
    budget_update(
        actor=finance, budget=budget, expected_version=budget.version, amount=Decimal("30000")
    )
    claim = services.reward_propose(actor=proposer, period=Q3)
    assert claim.pk != seeded.pk and claim.total <= Decimal("30000") and claim.count == seeded.count
    assert all(
        "按预算余额 30000.00 元等比例核减为" in line.explanation for line in claim.lines.all()
    )


def test_an_office_is_rewarded_once_for_a_kind_and_period(seeded):
    line = seeded.lines.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(
            claim=seeded, kind=KIND, office=line.office, region_id=line.region_id, period=line.period,
            amount=1, explanation="again", source_type=line.source_type, source_id=line.source_id,
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():  # a person or an office, not both
        ClaimLine.objects.create(
            claim=seeded, kind=KIND, region_id=line.region_id, period="2026-Q2", amount=1,
            explanation="nobody", source_type=line.source_type, source_id=line.source_id,
        )  # fmt: skip


def test_a_proposal_once_proposed_is_not_prepared_again(seeded, proposer):
    with pytest.raises(ValidationError):
        services.reward_propose(actor=proposer, period=Q3)


def test_only_the_county_hr_office_proposes_and_not_the_worker_who_prepared_approves(
    proposer, approver, reviewer, coordinator, finance
):
    for someone in (reviewer, coordinator, finance):
        with pytest.raises(PermissionDenied):
            claim_prepare(actor=someone, kind=KIND, month=datetime.date(2026, 7, 1))
    claim = claim_prepare(actor=proposer, kind=KIND, month=datetime.date(2026, 7, 1))  # Q2's
    assert claim.lines.exists() and claim.lines.first().period == "2026-Q2"
    with pytest.raises(PermissionDenied):  # a reward is proposed, not submitted as a claim
        workflow.fire(claim, "submit", actor=proposer)
    workflow.fire(claim, "propose", actor=proposer)
    with pytest.raises(ValidationError) as refused:
        workflow.fire(claim, "hr_approve", actor=proposer)
    assert refused.value.error_list[0].code == "own_claim"
    workflow.fire(claim, "hr_approve", actor=approver)
    assert claim.state == "finance_review"


def test_a_month_that_ends_no_period_proposes_nothing(proposer):
    claim = claim_prepare(actor=proposer, kind=KIND, month=datetime.date(2026, 8, 1))
    assert not claim.lines.exists()
    with pytest.raises(ValidationError):
        workflow.fire(claim, "propose", actor=proposer)


def test_a_period_not_ended_is_not_rewarded(proposer):
    with pytest.raises(ValidationError):
        services.reward_propose(actor=proposer, period=Period(2026, 4))


def test_a_person_claim_is_submitted_not_proposed(coordinator):
    claim = claim_prepare(
        actor=coordinator, kind="job_introduction", month=datetime.date(2026, 11, 1)
    )
    with pytest.raises(PermissionDenied):
        workflow.fire(claim, "propose", actor=coordinator)


def test_the_month_end_batch_prepares_no_reward(db):
    from jiuye.subsidies.services import claims_prepare_all

    batch = claims_prepare_all(prefix="370102", month=datetime.date(2026, 10, 1))
    assert not [claim for claim in batch.prepared if claim.kind == KIND]


def test_the_rewards_follow_the_parameters(approver, province_admin):
    from jiuye.core.services import parameter_set

    county = Region.objects.get(code=COUNTY)
    parameter_set(actor=province_admin, key="performance.reward_share", region=county, value="10",
                  effective_from=datetime.date(2026, 1, 1), source="测试")  # fmt: skip
    found = awards(county, Q3, year=2026, user=approver)
    assert [award.score.rank for award in found] == [1, 2][: len(found)] and len(found) <= 2
