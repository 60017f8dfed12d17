import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from jiuye.assistance import households, services
from jiuye.assistance.choices import HouseholdKind, HouseholdState, Origin
from jiuye.assistance.models import Identification, ZeroHousehold
from jiuye.conftest import VILLAGE_A
from jiuye.core import workflow
from jiuye.core.models import PolicyParameter
from jiuye.core.workdays import add_months
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import EMPLOYED, NON_FARM, NOT_ABLE, WITH_EMPLOYER, LabourStatus, Relation
from jiuye.ledger.identity import check_character
from jiuye.regions.models import Region
from jiuye.registration import services as registration
from jiuye.registration.choices import RegistrationKind
from jiuye.registration.tests.helpers import register_unemployed

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
    """王户主 employed, his spouse unemployed and registered: not a zero household yet."""
    household, people = family(coordinator, ("37010219800307123", "王户主", LabourStatus.EMPLOYED_UNIT),
                               ("37010219820511222", "李配偶", LabourStatus.UNEMPLOYED))  # fmt: skip
    register_unemployed(people[1], coordinator)
    return household, people


def zero_couple(coordinator):
    """The couple once 王户主 has lost his work too and registered: a case at once."""
    household, (head, spouse) = couple(coordinator)
    ledger.person_set_status(
        actor=coordinator, person=head, status=LabourStatus.UNEMPLOYED, since=TODAY()
    )
    register_unemployed(head, coordinator)
    return household, (head, spouse), ZeroHousehold.objects.get(household=household)


def evidence():
    return SimpleUploadedFile("入户调查.pdf", b"%PDF-1.4 survey", content_type="application/pdf")


def identify(case, coordinator, reviewer, approver):
    """The community investigates with evidence, the township reviews, the county confirms."""
    services.household_investigate(actor=coordinator, case=case, expected_version=case.version,
                                   investigation="入户核实：夫妻均失业，无其他收入")  # fmt: skip
    services.household_attachment_add(
        actor=coordinator, case=case, title="收入证明", file=evidence()
    )
    workflow.fire(case, "submit", actor=coordinator)
    workflow.fire(case, "report", actor=reviewer)
    workflow.fire(case, "identify", actor=approver)
    case.refresh_from_db()
    return case


def test_an_urban_household_appears_when_everyone_seeking_work_is_registered_unemployed(
    coordinator, sibling_coordinator, login
):
    household, (head, _spouse) = couple(coordinator)
    assert not ZeroHousehold.objects.filter(household=household).exists()
    ledger.person_set_status(
        actor=coordinator, person=head, status=LabourStatus.UNEMPLOYED, since=TODAY()
    )
    assert not ZeroHousehold.objects.filter(household=household).exists()  # not registered yet
    register_unemployed(head, coordinator)
    case = ZeroHousehold.objects.get(household=household)
    assert (case.state, case.kind, case.appeared_on, case.region_id) == (
        HouseholdState.APPEARED, HouseholdKind.URBAN, TODAY(), VILLAGE_A,
    )  # fmt: skip
    page = login(coordinator).get(reverse("assistance:households")).content.decode()
    assert reverse("assistance:household", args=[case.pk]) in page and "王户主户" in page
    sibling = login(sibling_coordinator)
    assert sibling.get(reverse("assistance:household", args=[case.pk])).status_code == 404
    assert (
        reverse("assistance:household", args=[case.pk])
        not in sibling.get(reverse("assistance:households")).content.decode()
    )


def test_a_homemaker_and_a_student_are_not_a_zero_employment_household(coordinator):
    household, _ = family(coordinator, ("37010219800307123", "料理家务", LabourStatus.HOMEMAKER),
                          ("37010220080511222", "在校学生", LabourStatus.STUDENT))  # fmt: skip
    households.recheck()
    assert not ZeroHousehold.objects.filter(household=household).exists()


def test_students_retirees_and_those_unable_to_work_do_not_make_a_zero_household(coordinator):
    household, _ = family(coordinator, ("37010219500307123", "老退休", LabourStatus.RETIRED),
                          ("37010220080511222", "小学生", LabourStatus.STUDENT))  # fmt: skip
    households.recheck()
    assert not ZeroHousehold.objects.filter(household=household).exists()


def test_operating_income_or_an_income_over_the_line_keeps_a_household_out(coordinator):
    household, _people, case = zero_couple(coordinator)
    ledger.household_update(actor=coordinator, household=household, expected_version=household.version,
                            address="", has_dibao=False, has_business_income=True)  # fmt: skip
    case.refresh_from_db()
    assert case.state == HouseholdState.LAPSED  # not working, but no longer meets the criteria
    household.refresh_from_db()
    ledger.household_update(actor=coordinator, household=household, expected_version=household.version, address="",
                            has_dibao=False, has_business_income=False, income_per_capita=Decimal("1500"))  # fmt: skip
    assert ZeroHousehold.objects.filter(household=household).open().count() == 1  # no line set
    PolicyParameter.objects.create(key="assistance.urban_income_line", value="1000", region_id="370102000000",
                                   effective_from=datetime.date(2000, 1, 1), source="测试")  # fmt: skip
    households.recheck()
    assert not ZeroHousehold.objects.filter(household=household).open().exists()


def test_a_poor_rural_household_whose_willing_members_farm_is_one_and_a_richer_one_is_not(
    superuser,
):
    household, _ = family(superuser, ("37011219800307123", "赵务农", LabourStatus.FARMING),
                                       ("37011219820511222", "钱务农", LabourStatus.FARMING),
                                       region=RURAL_VILLAGE)  # fmt: skip
    assert not ZeroHousehold.objects.filter(
        household=household
    ).exists()  # income not known: not poor
    ledger.household_update(actor=superuser, household=household, expected_version=household.version,
                            address="", has_dibao=True, has_business_income=False)  # fmt: skip
    case = ZeroHousehold.objects.get(household=household)
    assert case.kind == HouseholdKind.RURAL and case.state == HouseholdState.APPEARED
    household.refresh_from_db()
    ledger.household_update(actor=superuser, household=household, expected_version=household.version, address="",
                            has_dibao=False, has_business_income=False, income_per_capita=Decimal("3000"))  # fmt: skip
    case.refresh_from_db()
    assert case.state == HouseholdState.LAPSED  # not poor: not a zero-transfer poor household

    other, (older, younger) = family(superuser, ("37011219700307155", "孙务农", LabourStatus.FARMING),
                                     ("37011219720511266", "李务农", LabourStatus.FARMING),
                                     region=RURAL_VILLAGE)  # fmt: skip
    for person in (older, younger):  # neither wants to leave the farm: nobody to transfer
        ledger.person_update(actor=superuser, person=person, expected_version=person.version,
                             id_number=person.id_number, name=person.name, willing_to_work=False)  # fmt: skip
    ledger.household_update(actor=superuser, household=other, expected_version=other.version,
                            address="", has_dibao=True, has_business_income=False)  # fmt: skip
    assert not ZeroHousehold.objects.filter(household=other).exists()
    younger.refresh_from_db()
    ledger.person_update(actor=superuser, person=younger, expected_version=younger.version,
                         id_number=younger.id_number, name=younger.name, willing_to_work=True)  # fmt: skip
    households.recheck()
    case = ZeroHousehold.objects.get(household=other)
    ledger.person_set_status(actor=superuser, person=younger, status=LabourStatus.TRANSFERRED, since=TODAY(),
                             employer="青岛某厂")  # fmt: skip
    case.refresh_from_db()
    assert case.state == HouseholdState.CLEARED  # non-farm work settles it; farming never did


def test_identification_is_investigated_reviewed_and_confirmed_and_the_limit_runs_from_it(
    coordinator, reviewer, approver, sibling_approver, login
):
    household, (head, spouse), case = zero_couple(coordinator)
    with pytest.raises(ValidationError) as refused:
        workflow.fire(case, "submit", actor=coordinator)
    assert set(refused.value.message_dict) == {"investigation", "attachments"}
    with pytest.raises(Http404):
        workflow.fire(case, "submit", actor=sibling_approver)
    case = identify(case, coordinator, reviewer, approver)
    assert [event.transition for event in case.events] == ["create", "submit", "report", "identify"]
    assert case.state == HouseholdState.IDENTIFIED and case.identified_on == TODAY()
    assert case.placement_due_on == add_months(TODAY(), 1) and case.due_on == case.placement_due_on
    # its members seeking work are proposed for identification in the zero-household category
    proposed = Identification.objects.filter(
        person__household=household, origin=Origin.ZERO_HOUSEHOLD
    )
    assert {p.person_id for p in proposed} == {head.pk, spouse.pk}
    assert {c.code for p in proposed for c in p.categories.all()} == {"zero_urban"}
    assert {p.state for p in proposed} == {"investigation"}

    client = login(coordinator)
    over = reverse("assistance:households") + "?over_limit=true"
    assert reverse("assistance:household", args=[case.pk]) not in client.get(over).content.decode()
    with time_machine.travel(add_months(TODAY(), 1) + datetime.timedelta(days=1), tick=False):
        assert households.recheck()["over_limit"] >= 1
        assert (
            reverse("assistance:household", args=[case.pk])
            in login(coordinator).get(over).content.decode()
        )


def test_a_rejected_household_is_not_found_again_from_the_same_figures(coordinator, reviewer):
    household, _people, case = zero_couple(coordinator)
    services.household_investigate(actor=coordinator, case=case, expected_version=case.version,
                                   investigation="其子在外地务工，按月汇款")  # fmt: skip
    services.household_attachment_add(
        actor=coordinator, case=case, title="调查笔录", file=evidence()
    )
    workflow.fire(case, "submit", actor=coordinator)
    workflow.fire(case, "reject_township", actor=reviewer, comment="有稳定收入来源")
    case.refresh_from_db()
    assert case.state == HouseholdState.REJECTED and case.ended_on == TODAY()
    households.recheck()
    assert not ZeroHousehold.objects.filter(household=household).open().exists()
    with time_machine.travel(add_months(TODAY(), 7), tick=False):
        households.recheck()
        assert ZeroHousehold.objects.filter(household=household).open().exists()


def test_a_member_employed_with_a_one_year_contract_makes_the_household_stable(
    coordinator, reviewer, approver
):
    _household, (_head, spouse), case = zero_couple(coordinator)
    case = identify(case, coordinator, reviewer, approver)
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
    assert case.responsible == coordinator
    assert not spouse.registrations.registered_unemployed().exists()  # the registration ended
    with time_machine.travel(TODAY() + datetime.timedelta(days=200), tick=False):
        assert households.recheck()["closed"] >= 1  # watched six months (parameter), then closed
    case.refresh_from_db()
    assert case.state == HouseholdState.CLOSED


def test_work_without_a_lasting_contract_clears_the_household_but_does_not_make_it_stable(
    coordinator, reviewer, approver
):
    household, (_head, spouse), case = zero_couple(coordinator)
    employ(coordinator, reviewer, approver, spouse, contract_months=6)
    case.refresh_from_db()
    assert case.state == HouseholdState.CLEARED and case.stable_since is None
    ledger.person_set_status(
        actor=coordinator, person=spouse, status=LabourStatus.UNEMPLOYED, since=TODAY()
    )
    register_unemployed(spouse, coordinator)
    assert ZeroHousehold.objects.filter(household=household).open().count() == 1  # it appears again


def test_a_member_moving_away_is_a_change_of_the_household(coordinator):
    household, (head, _spouse) = couple(coordinator)
    ledger.person_transfer(actor=coordinator, person=head, to_region=Region.objects.get(code="370102001003"),
                           on=TODAY(), reason="搬家")  # fmt: skip
    assert ZeroHousehold.objects.get(household=household).state == HouseholdState.APPEARED


def test_the_nightly_recheck_finds_what_the_criteria_say_and_nothing_else():
    households.recheck()
    assert ZeroHousehold.objects.open().count() >= 1  # the demo ledger has such households
    again = households.recheck()
    assert (again["appeared"], again["stable"], again["cleared"], again["closed"]) == (0, 0, 0, 0)
    for case in ZeroHousehold.objects.open().select_related("household", "region"):
        members = list(case.household.members.all())
        able = [m for m in members if m.status not in NOT_ABLE]
        working = EMPLOYED if case.kind == HouseholdKind.URBAN else NON_FARM
        assert able and not any(m.status in working for m in able)
        if case.kind == HouseholdKind.URBAN:
            assert not case.household.has_business_income
            seeking = [m for m in able if m.status == LabourStatus.UNEMPLOYED and m.willing_to_work]
            assert seeking and all(
                m.registrations.registered_unemployed().exists() for m in seeking
            )
        else:
            assert case.household.has_dibao or case.household.income_per_capita is not None


def test_the_zeroing_report_counts_a_year_by_sub_region(
    coordinator, reviewer, approver, sibling_approver, login
):
    _household, (_head, spouse), case = zero_couple(coordinator)
    identify(case, coordinator, reviewer, approver)
    employ(coordinator, reviewer, approver, spouse, contract_months=12)
    page = login(approver).get(reverse("assistance:zeroing"), {"year": TODAY().year})
    total = page.context["report"].total.values
    assert total["zero_appeared"] >= 1 and total["zero_identified"] >= 1
    assert total["zero_placed"] >= 1 and total["zero_stable"] >= 1
    sibling = login(sibling_approver).get(reverse("assistance:zeroing"), {"region": "370102000000"})
    assert sibling.status_code == 404
