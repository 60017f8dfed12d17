"""The one-time placement subsidy of zero-employment households (guideline 十六): any placement
counts — a public-welfare post, a hire after a referral, a job the community registered — when
it has a contract of the parameter's months and follows the household's identification; the
placing street, township or community claims it once per person, and the township reviews and
pays it (本级财政)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jiuye.assistance.choices import HouseholdState
from jiuye.assistance.subsidy import KIND
from jiuye.assistance.tests.test_households import employ, identify, zero_couple
from jiuye.core import workflow
from jiuye.posts import services as posts
from jiuye.posts.tests.helpers import post
from jiuye.staff.models import User
from jiuye.subsidies.models import ClaimLine
from jiuye.subsidies.services import claim_prepare

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
TOWNSHIP = "370102001000"


def test_a_post_placement_of_a_year_makes_the_household_stable_and_brings_one_line_to_the_township(
    coordinator, reviewer, approver, finance
):
    _household, (_head, spouse), case = zero_couple(coordinator)
    case = identify(case, coordinator, reviewer, approver)
    place = post(reviewer, region_code=TOWNSHIP, starts_on=datetime.date(2026, 1, 1))
    posts.placement_create(
        actor=reviewer, post=place, person=spouse, started_on=TODAY(), contract_months=12
    )
    case.refresh_from_db()
    assert case.state == HouseholdState.STABLE and case.stable_since == TODAY()

    claim = claim_prepare(actor=reviewer, kind=KIND, month=TODAY())
    [line] = claim.lines.all()
    assert line.person_id == spouse.pk and line.amount == Decimal("1000")
    assert "公益性岗位安置" in line.explanation and str(case.identified_on) in line.explanation
    assert not claim_prepare(
        actor=coordinator, kind=KIND, month=TODAY()
    ).lines.exists()  # not the community's
    again = claim_prepare(actor=reviewer, kind=KIND, month=TODAY())
    assert again.pk == claim.pk and again.lines.count() == 1

    workflow.fire(claim, "submit", actor=reviewer)
    with pytest.raises(PermissionDenied):  # the county does not review what the township pays
        workflow.fire(claim, "hr_approve", actor=approver)
    colleague = User.objects.get(username="township_finance-370102001")
    assert colleague.org.region_id == TOWNSHIP


def test_a_contract_shorter_than_the_parameter_brings_nothing(coordinator, reviewer, approver):
    _household, (_head, spouse), case = zero_couple(coordinator)
    identify(case, coordinator, reviewer, approver)
    employ(coordinator, reviewer, approver, spouse, contract_months=6)  # cleared, not stable
    case.refresh_from_db()
    assert case.state == HouseholdState.CLEARED
    assert not claim_prepare(actor=coordinator, kind=KIND, month=TODAY()).lines.exists()


def test_a_household_never_identified_brings_nothing(coordinator, reviewer, approver):
    _household, (_head, spouse), case = zero_couple(coordinator)  # appeared, never identified
    employ(coordinator, reviewer, approver, spouse, contract_months=24)
    case.refresh_from_db()
    assert case.state == HouseholdState.STABLE and case.identified_on is None
    assert not claim_prepare(actor=coordinator, kind=KIND, month=TODAY()).lines.exists()


def test_a_job_the_community_registered_is_claimed_by_the_community(
    coordinator, reviewer, approver
):
    _household, (_head, spouse), case = zero_couple(coordinator)
    identify(case, coordinator, reviewer, approver)
    employ(coordinator, reviewer, approver, spouse, contract_months=24)
    [line] = claim_prepare(actor=coordinator, kind=KIND, month=TODAY()).lines.all()
    assert line.person_id == spouse.pk and "登记" in line.explanation
    assert ClaimLine.objects.filter(kind=KIND, person=spouse, void=False).count() == 1
