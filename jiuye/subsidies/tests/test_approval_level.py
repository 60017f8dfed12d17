"""The level that reviews and pays a kind of subsidy is part of the kind (``SubsidyKind.level``):
a township-level kind's claim is approved by the township's reviewer and its finance office,
within the township's budget, and by nobody of the county; a county-level kind is as before."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jiuye.core import workflow
from jiuye.core.selectors import worklist
from jiuye.posts import services as posts
from jiuye.posts.subsidy import POST_SUBSIDY
from jiuye.posts.tests.helpers import identified, post
from jiuye.regions.codes import Level
from jiuye.staff.models import User
from jiuye.subsidies.kinds import KINDS
from jiuye.subsidies.selectors import budget_of, budget_uses
from jiuye.subsidies.services import budget_create, claim_prepare

pytestmark = pytest.mark.django_db
MONTH = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


@pytest.fixture
def township_kind(monkeypatch):
    """The post subsidy as if it were paid by the township (本级财政): the registry is fixed
    after start-up, so the test swaps the registered kind for the length of the test."""
    kind = dataclasses.replace(KINDS[POST_SUBSIDY], level=Level.TOWNSHIP)
    monkeypatch.setitem(KINDS._items, POST_SUBSIDY, kind)
    return kind


@pytest.fixture
def township_finance(db):
    return User.objects.get(username="township_finance-370102001")


def submitted_claim(actor, region_code=None, name="审批层级甲"):
    """A placement on a post of the actor's office and its claim of the month, submitted."""
    region_code = region_code or actor.org.region_id
    place = post(actor, region_code=region_code)
    posts.placement_create(actor=actor, post=place, person=identified(actor, name), started_on=MONTH,
                           contract_months=12)  # fmt: skip
    claim = claim_prepare(actor=actor, kind=POST_SUBSIDY, month=MONTH)
    workflow.fire(claim, "submit", actor=actor)
    return claim


def test_a_township_kinds_claim_is_approved_by_the_township_not_the_county(
    township_kind, coordinator, reviewer, approver, finance, township_finance
):
    claim = submitted_claim(coordinator)
    assert claim in worklist(reviewer) and claim not in worklist(approver)
    assert [t.name for t in claim.workflow.available(claim, approver)] == []
    with pytest.raises(PermissionDenied):
        workflow.fire(claim, "hr_approve", actor=approver)
    assert "hr_approve" in [t.name for t in claim.workflow.available(claim, reviewer)]
    workflow.fire(claim, "hr_approve", actor=reviewer)
    assert claim.state == "finance_review"
    assert claim in worklist(township_finance) and claim not in worklist(finance)
    with pytest.raises(PermissionDenied):
        workflow.fire(claim, "finance_approve", actor=finance)
    workflow.fire(claim, "finance_approve", actor=township_finance)
    assert claim.state == "approved"


def test_the_township_keeps_the_budget_of_its_own_kinds(
    township_kind, coordinator, reviewer, finance, township_finance
):
    with pytest.raises(ValidationError, match="由街道（乡镇）财政部门录入"):
        budget_create(actor=finance, year=2026, kind=POST_SUBSIDY, amount=Decimal("100000"))
    budget = budget_create(
        actor=township_finance, year=2026, kind=POST_SUBSIDY, amount=Decimal("100")
    )
    assert budget.region_id == "370102001000"
    spent_before = budget_uses([budget])[budget.pk].spent  # the demo data's claims of the year
    claim = submitted_claim(coordinator)
    assert budget_of(claim) == budget
    workflow.fire(claim, "hr_approve", actor=reviewer)
    with pytest.raises(ValidationError, match="超出"):  # 2,200 yuan against a budget of 100
        workflow.fire(claim, "finance_approve", actor=township_finance)
    workflow.fire(claim, "finance_override", actor=township_finance, comment="追加安排")
    assert budget_uses([budget])[budget.pk].spent == spent_before + claim.total


def test_a_worker_does_not_approve_the_claim_they_prepared(township_kind, reviewer):
    claim = submitted_claim(reviewer, name="本级经办")  # the street office's own post
    with pytest.raises(ValidationError, match="经办人不能审核本人经办的申报"):
        workflow.fire(claim, "hr_approve", actor=reviewer)
    workflow.fire(claim, "hr_approve", actor=User.objects.get(username="reviewer-370102001-2"))
    assert claim.state == "finance_review"


def test_a_county_kinds_claim_is_approved_by_the_county_as_before(
    coordinator, reviewer, approver, finance, township_finance
):
    assert KINDS[POST_SUBSIDY].level == Level.COUNTY
    claim = submitted_claim(coordinator)
    assert claim in worklist(approver) and claim not in worklist(reviewer)
    with pytest.raises(PermissionDenied):
        workflow.fire(claim, "hr_approve", actor=reviewer)
    workflow.fire(claim, "hr_approve", actor=approver)
    with pytest.raises(PermissionDenied):
        workflow.fire(claim, "finance_approve", actor=township_finance)
    workflow.fire(claim, "finance_approve", actor=finance)
    assert claim.state == "approved"


def test_another_townships_staff_get_404_for_the_claim(township_kind, coordinator, login):
    claim = submitted_claim(coordinator)
    for username in ("reviewer-370102002", "township_finance-370102002"):
        other = User.objects.get(username=username)
        with pytest.raises(Http404):
            workflow.fire(claim, "hr_approve", actor=other)
        assert login(other).get(claim.get_absolute_url()).status_code == 404
        assert claim not in worklist(other)
