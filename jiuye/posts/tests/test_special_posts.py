"""Special public-welfare posts (特定公益性岗位) held by a community's coordinator, set up and
filled by the township; every placement's agreement, and the lasting ones that make a
zero-employment household stable."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jiuye.assistance.households import stable_contract
from jiuye.conftest import VILLAGE_A
from jiuye.core.registry import registry
from jiuye.ledger import services as ledger
from jiuye.ledger.models import Person
from jiuye.posts import services
from jiuye.posts.choices import PostKind
from jiuye.posts.selectors import contracts
from jiuye.posts.subsidy import POST_SUBSIDY
from jiuye.posts.tests.helpers import identified, override, post, resident
from jiuye.staff import services as staff
from jiuye.subsidies.models import ClaimLine
from jiuye.subsidies.services import claim_prepare

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 5, 10)


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


def special(actor, region_code=VILLAGE_A, **fields):
    return post(actor, region_code=region_code, kind=PostKind.SPECIAL, unit_name="解放桥社区劳动保障服务站",
                title="就业和社会保障协管员", posts=1, **fields)  # fmt: skip


def linked(reviewer, coordinator, name="协管员本人"):
    """The coordinator's account linked, by the township, to their own entry in the ledger."""
    person = resident(reviewer, name, region_code=coordinator.org.region_id)
    staff.staff_update(actor=reviewer, user=coordinator, expected_version=coordinator.version,
                       roles=list(coordinator.roles.all()), name=name, person=person)  # fmt: skip
    return person


def test_a_special_post_is_set_up_by_the_township_in_a_community(coordinator, reviewer):
    with pytest.raises(PermissionDenied):
        special(coordinator)
    with pytest.raises(ValidationError, match="区划应选到社区（村）"):
        special(reviewer, region_code="370102001000")
    place = special(reviewer)
    assert place.is_special and place.get_kind_display() == "特定公益性岗位"
    with pytest.raises(PermissionDenied):  # nor does the coordinator turn it into an ordinary one
        services.post_update(actor=coordinator, post=place, expected_version=place.version,
                             kind=PostKind.ORDINARY)  # fmt: skip


def test_only_the_communitys_own_linked_coordinator_is_placed_on_its_special_post(
    coordinator, sibling_coordinator, reviewer
):
    place = special(reviewer)
    target = identified(reviewer, "援助对象非协管员")
    with pytest.raises(ValidationError, match="本社区（村）的协管员担任"):
        services.placement_create(actor=reviewer, post=place, person=target, started_on=START,
                                  contract_months=12)  # fmt: skip
    other = linked(reviewer, sibling_coordinator, "兄弟村协管员")  # village B's, not A's
    with pytest.raises(ValidationError, match="本社区（村）的协管员担任"):
        services.placement_create(actor=reviewer, post=place, person=other, started_on=START,
                                  contract_months=12)  # fmt: skip
    own = linked(reviewer, coordinator)
    with pytest.raises(PermissionDenied):  # the coordinator does not place themselves
        services.placement_create(actor=coordinator, post=place, person=own, started_on=START,
                                  contract_months=12)  # fmt: skip
    placement = services.placement_create(actor=reviewer, post=place, person=own, started_on=START,
                                          contract_months=24)  # fmt: skip
    own.refresh_from_db()
    assert own.status == "public_welfare_post" and placement.region_id == VILLAGE_A


def test_the_special_post_is_paid_like_other_posts_under_its_own_limit(coordinator, reviewer):
    override("posts.special_subsidy_max_months", 2)
    own = linked(reviewer, coordinator)
    services.placement_create(actor=reviewer, post=special(reviewer), person=own, started_on=START,
                              contract_months=24)  # fmt: skip
    paid = [
        m
        for m in range(5, 9)
        if claim_prepare(actor=reviewer, kind=POST_SUBSIDY, month=datetime.date(2026, m, 1))
        .lines.filter(person=own)
        .exists()
    ]
    assert paid == [5, 6]  # the parameter of special posts, not the 36 months of the others
    line = ClaimLine.objects.get(person=own, period="2026-05", kind=POST_SUBSIDY)
    assert "“就业和社会保障协管员”特定公益性岗位" in line.explanation
    assert "参数“特定公益性岗位补贴最长期限”2个月" in line.explanation


def test_the_staff_page_shows_the_special_post_the_coordinator_holds(
    coordinator, reviewer, sibling_approver, login
):
    own = linked(reviewer, coordinator)
    placement = services.placement_create(actor=reviewer, post=special(reviewer), person=own,
                                          started_on=START, contract_months=24)  # fmt: skip
    page = login(reviewer).get(reverse("staff:detail", args=[coordinator.pk])).content.decode()
    assert (
        "就业和社会保障协管员" in page and reverse("posts:placement", args=[placement.pk]) in page
    )
    assert own.masked_id_number in page and "2026-05-10起在岗" in page
    assert (
        login(sibling_approver).get(reverse("staff:detail", args=[coordinator.pk])).status_code
        == 404
    )


def test_every_new_placement_states_its_agreement_within_the_post(coordinator):
    place = post(
        coordinator, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 12, 31)
    )
    person = identified(coordinator, "协议甲")
    with pytest.raises(ValidationError, match="请填写协议（合同）期限"):
        services.placement_create(actor=coordinator, post=place, person=person, started_on=START,
                                  contract_months=None)  # fmt: skip
    with pytest.raises(ValidationError, match="超出岗位期限（至2026-12-31）"):
        services.placement_create(actor=coordinator, post=place, person=person, started_on=START,
                                  contract_months=12)  # fmt: skip
    placement = services.placement_create(actor=coordinator, post=place, person=person,
                                          started_on=START, contract_months=7)  # fmt: skip
    assert placement.contract_ends_on == datetime.date(2026, 12, 9)


def test_a_placement_with_a_twelve_month_agreement_makes_the_household_stable(coordinator):
    """The registry's ``contracts`` source of posts, as the household check reads it."""
    assert contracts in list(registry["contracts"])
    person = identified(coordinator, "零就业户成员")
    household = ledger.household_create(actor=coordinator, head=person, address="解放桥社区1号")
    appeared = datetime.date(2026, 3, 1)
    assert stable_contract(household.pk, appeared, 12) is None
    placement = services.placement_create(actor=coordinator, post=post(coordinator), person=person,
                                          started_on=START, contract_months=12)  # fmt: skip
    assert stable_contract(household.pk, appeared, 12) == START
    assert stable_contract(household.pk, appeared, 13) is None  # shorter than asked
    assert stable_contract(household.pk, datetime.date(2026, 6, 1), 12) is None  # before since
    [contract] = contracts(Person.objects.filter(pk=person.pk), appeared)
    assert (contract.months, contract.placed_by, contract.source) == (
        12,
        placement.region_id,
        placement,
    )


def test_a_short_agreement_does_not_make_the_household_stable(coordinator):
    person = identified(coordinator, "短期协议")
    household = ledger.household_create(actor=coordinator, head=person, address="解放桥社区2号")
    services.placement_create(actor=coordinator, post=post(coordinator), person=person,
                              started_on=START, contract_months=6)  # fmt: skip
    assert stable_contract(household.pk, datetime.date(2026, 1, 1), 12) is None


def test_the_sibling_community_gets_404_for_the_special_post_and_its_placement(
    reviewer, sibling_coordinator, sibling_approver, login
):
    place = special(reviewer)
    for sibling in (sibling_coordinator, sibling_approver):  # village B; the next county
        assert login(sibling).get(reverse("posts:post", args=[place.pk])).status_code == 404
    # (the approver may not place anyone: 403 before the post is looked up)
    assert (
        login(sibling_coordinator).get(reverse("posts:place", args=[place.pk])).status_code == 404
    )
