import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jiuye.assistance import households, services
from jiuye.assistance.choices import HouseholdKind, HouseholdState
from jiuye.assistance.households import NON_FARM
from jiuye.assistance.models import ZeroHousehold
from jiuye.conftest import VILLAGE_A
from jiuye.core import workflow
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import EMPLOYED, WITH_EMPLOYER, LabourStatus, Relation
from jiuye.ledger.identity import check_character
from jiuye.regions.models import Region
from jiuye.registration import services as registration
from jiuye.registration.choices import RegistrationKind

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
RURAL_VILLAGE = "370112007201"  # 洪家园村, 历城区


def resident(actor, body, name, status, region=VILLAGE_A, **fields):
    person, _ = ledger.person_create(
        actor=actor, id_number=body + check_character(body), name=name, region=Region.objects.get(code=region),
        status=status, status_since=datetime.date(2025, 3, 2), **fields,
    )  # fmt: skip
    return person


def family(actor, *members, region=VILLAGE_A):
    """A household of ``members`` ((body, name, status), head first)."""
    people = [
        resident(
            actor,
            body,
            name,
            status,
            region,
            **({"employer": "济南某公司"} if status in WITH_EMPLOYER else {}),
        )
        for body, name, status in members
    ]
    household = ledger.household_create(actor=actor, head=people[0])
    for person in people[1:]:
        ledger.household_add_member(
            actor=actor, household=household, person=person, relation=Relation.SPOUSE
        )
    return household, people


def employ(coordinator, reviewer, approver, person, contract_months):
    case = registration.registration_apply(
        actor=coordinator, person=person, kind=RegistrationKind.EMPLOYMENT, employment_form=LabourStatus.EMPLOYED_UNIT,
        employer="济南某物业公司", employed_since=TODAY(), contract_months=contract_months,
    )  # fmt: skip
    workflow.fire(case, "first_approve", actor=coordinator)
    workflow.fire(case, "report", actor=reviewer)
    workflow.fire(case, "approve", actor=approver)


def couple(coordinator):
    return family(coordinator, ("37010219800307123", "王户主", LabourStatus.EMPLOYED_UNIT),
                  ("37010219820511222", "李配偶", LabourStatus.UNEMPLOYED))  # fmt: skip


def test_the_last_employed_member_out_of_work_makes_the_household_appear_the_same_day(
    coordinator, sibling_coordinator, login
):
    household, (head, _spouse) = couple(coordinator)
    assert not ZeroHousehold.objects.filter(household=household).exists()
    ledger.person_set_status(
        actor=coordinator, person=head, status=LabourStatus.UNEMPLOYED, since=TODAY()
    )
    case = ZeroHousehold.objects.get(household=household)
    assert (case.state, case.kind, case.appeared_on, case.region_id) == (
        HouseholdState.APPEARED, HouseholdKind.URBAN, TODAY(), VILLAGE_A,
    )  # fmt: skip
    page = login(coordinator).get(reverse("assistance:households")).content.decode()
    assert reverse("assistance:household", args=[case.pk]) in page and "王户主户" in page
    assert (
        login(sibling_coordinator).get(reverse("assistance:household", args=[case.pk])).status_code
        == 404
    )
    assert (
        reverse("assistance:household", args=[case.pk])
        not in login(sibling_coordinator).get(reverse("assistance:households")).content.decode()
    )


def test_a_member_employed_with_a_one_year_contract_makes_the_household_stable(
    coordinator, reviewer, approver
):
    household, (head, spouse) = couple(coordinator)
    ledger.person_set_status(
        actor=coordinator, person=head, status=LabourStatus.UNEMPLOYED, since=TODAY()
    )
    case = ZeroHousehold.objects.get(household=household)
    services.household_identify(actor=coordinator, case=case)
    services.household_support(
        actor=coordinator, case=case, support_plan="推荐物业岗位", responsible=coordinator
    )
    employ(coordinator, reviewer, approver, spouse, contract_months=12)
    case.refresh_from_db()
    assert (
        case.state == HouseholdState.STABLE
        and case.stable_since == TODAY()
        and case.ended_on == TODAY()
    )
    assert case.identified_on == TODAY() and case.responsible == coordinator

    with time_machine.travel(TODAY() + datetime.timedelta(days=200), tick=False):
        assert households.recheck()["closed"] >= 1  # watched six months (parameter), then closed
    case.refresh_from_db()
    assert case.state == HouseholdState.CLOSED


def test_work_without_a_lasting_contract_clears_the_household_but_does_not_make_it_stable(
    coordinator, reviewer, approver
):
    household, (head, spouse) = couple(coordinator)
    ledger.person_set_status(
        actor=coordinator, person=head, status=LabourStatus.UNEMPLOYED, since=TODAY()
    )
    employ(coordinator, reviewer, approver, spouse, contract_months=6)
    case = ZeroHousehold.objects.get(household=household)
    assert case.state == HouseholdState.CLEARED and case.stable_since is None
    ledger.person_set_status(
        actor=coordinator, person=spouse, status=LabourStatus.UNEMPLOYED, since=TODAY()
    )
    assert ZeroHousehold.objects.filter(household=household).open().count() == 1  # it appears again


def test_students_retirees_and_those_unable_to_work_do_not_make_a_zero_household(coordinator):
    household, _ = family(coordinator, ("37010219500307123", "老退休", LabourStatus.RETIRED),
                          ("37010220080511222", "小学生", LabourStatus.STUDENT))  # fmt: skip
    households.recheck()
    assert not ZeroHousehold.objects.filter(household=household).exists()


def test_a_rural_household_counts_non_farm_work_only(superuser):
    household, (farmer, _) = family(superuser, ("37011219800307123", "赵务农", LabourStatus.FARMING),
                                    ("37011219820511222", "钱务农", LabourStatus.FARMING),
                                    region=RURAL_VILLAGE)  # fmt: skip
    case = ZeroHousehold.objects.get(household=household)
    assert case.kind == HouseholdKind.RURAL and case.state == HouseholdState.APPEARED
    ledger.person_set_status(actor=superuser, person=farmer, status=LabourStatus.TRANSFERRED, since=TODAY(),
                             employer="青岛某厂")  # fmt: skip
    case.refresh_from_db()
    assert case.state == HouseholdState.CLEARED


def test_a_member_moving_away_is_a_change_of_the_household(coordinator):
    household, (head, _spouse) = couple(coordinator)
    ledger.person_transfer(actor=coordinator, person=head, to_region=Region.objects.get(code="370102001003"),
                           on=TODAY(), reason="搬家")  # fmt: skip
    assert ZeroHousehold.objects.get(household=household).state == HouseholdState.APPEARED


def test_the_nightly_recheck_finds_what_the_ledger_says_and_nothing_else():
    households.recheck()
    assert ZeroHousehold.objects.open().count() > 10  # the demo ledger has such households
    again = households.recheck()
    assert (again["appeared"], again["stable"], again["cleared"], again["closed"]) == (0, 0, 0, 0)
    for case in ZeroHousehold.objects.open().select_related("household", "region")[:200]:
        members = list(case.household.members.all())
        able = [m for m in members if m.status not in households.NOT_ABLE]
        working = EMPLOYED if case.kind == HouseholdKind.URBAN else NON_FARM
        assert able and not any(m.status in working for m in able)


def test_days_open_count_against_the_limit(coordinator, login):
    household, (head, _) = couple(coordinator)
    with time_machine.travel(TODAY() - datetime.timedelta(days=40), tick=False):
        ledger.person_set_status(actor=coordinator, person=head, status=LabourStatus.UNEMPLOYED,
                                 since=TODAY())  # fmt: skip
    case = ZeroHousehold.objects.get(household=household)
    assert case.days_open() == 40
    client = login(coordinator)
    over = client.get(reverse("assistance:households"), {"over_limit": "true"}).content.decode()
    assert reverse("assistance:household", args=[case.pk]) in over and "已超时限" in over
    within = client.get(reverse("assistance:households"), {"over_limit": "false"}).content.decode()
    assert reverse("assistance:household", args=[case.pk]) not in within
    home = client.get(reverse("home")).content.decode()
    assert "未清零的零就业家庭" in home
