import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from jiuye.conftest import VILLAGE_A, VILLAGE_B
from jiuye.ledger import services
from jiuye.ledger.choices import LabourStatus, Relation
from jiuye.ledger.identity import check_character
from jiuye.ledger.models import Person, StatusRecord
from jiuye.ledger.selectors import count_on, status_on
from jiuye.regions.models import Region

pytestmark = pytest.mark.django_db
D = datetime.date


def number(body17: str) -> str:
    return body17 + check_character(body17)


def register(
    actor,
    body="37010219900307123",
    name="张三丰",
    region=VILLAGE_A,
    status=LabourStatus.UNEMPLOYED,
    since=None,
    **fields,
):
    since = since or D(2026, 3, 2)
    person, _warnings = services.person_create(
        actor=actor,
        id_number=number(body),
        name=name,
        region=Region.objects.get(code=region),
        status=status,
        status_since=since,
        **fields,
    )
    return person


def test_registering_derives_sex_birth_date_and_initials_and_opens_a_status_period(coordinator):
    person = register(coordinator, phone="138 0013 8000")
    assert (person.sex, person.birth_date, person.name_initials) == ("1", D(1990, 3, 7), "zsf")
    assert person.phone == "13800138000"
    [record] = person.status_records.all()
    assert (record.status, record.since, record.until, record.region_id) == (
        "unemployed",
        D(2026, 3, 2),
        None,
        VILLAGE_A,
    )


def test_a_name_outside_the_basic_plane_is_kept(coordinator):
    person = register(coordinator, name="𠮷田春")
    assert Person.objects.get(pk=person.pk).name == "𠮷田春"


def test_a_number_already_registered_here_is_refused_with_who_holds_it(coordinator):
    register(coordinator)
    with pytest.raises(ValidationError) as refusal:
        register(coordinator, name="另一人")
    assert "已登记（张三丰" in refusal.value.message_dict["id_number"][0]


def test_a_number_registered_in_another_jurisdiction_is_refused_without_details(
    coordinator, sibling_coordinator
):
    register(sibling_coordinator, region=VILLAGE_B)
    with pytest.raises(ValidationError) as refusal:
        register(coordinator)
    message = refusal.value.message_dict["id_number"][0]
    assert "其他辖区" in message and "张三丰" not in message


def test_the_residence_must_be_a_village_of_the_jurisdiction(coordinator, reviewer):
    with pytest.raises(ValidationError) as refusal:
        register(coordinator, region=VILLAGE_B)
    assert "region" in refusal.value.message_dict
    with pytest.raises(ValidationError) as refusal:
        register(reviewer, region="370102001000")
    assert "社区（村）一级" in refusal.value.message_dict["region"][0]


def test_roles_that_do_not_keep_the_ledger_cannot_register(approver, inspector):
    for actor in (approver, inspector):
        with pytest.raises(PermissionDenied):
            register(actor)


def test_employed_statuses_need_an_employer(coordinator):
    with pytest.raises(ValidationError) as refusal:
        register(coordinator, status=LabourStatus.EMPLOYED_UNIT)
    assert "employer" in refusal.value.message_dict


def test_a_status_change_closes_the_period_and_the_past_stays_answerable(coordinator):
    person = register(coordinator, since=D(2025, 6, 1))
    services.person_set_status(
        actor=coordinator,
        person=person,
        status=LabourStatus.EMPLOYED_UNIT,
        since=D(2026, 2, 10),
        employer="济南某公司",
    )
    services.person_set_status(
        actor=coordinator, person=person, status=LabourStatus.UNEMPLOYED, since=D(2026, 9, 1)
    )
    assert status_on(person, D(2025, 12, 31)).status == LabourStatus.UNEMPLOYED
    assert status_on(person, D(2026, 2, 10)).status == LabourStatus.EMPLOYED_UNIT
    assert status_on(person, D(2026, 8, 31)).employer == "济南某公司"
    assert status_on(person, D(2026, 9, 1)).status == LabourStatus.UNEMPLOYED
    assert status_on(person, D(2025, 5, 31)) is None
    person.refresh_from_db()
    assert person.status == LabourStatus.UNEMPLOYED and person.status_since == D(2026, 9, 1)
    assert person.status_records.filter(until__isnull=True).count() == 1


def test_unemployed_in_a_county_on_a_past_date_is_right_after_statuses_changed(
    coordinator, sibling_coordinator
):
    day = D(2026, 1, 15)
    before = count_on("370102", day)
    first = register(coordinator, since=D(2025, 12, 1))
    register(coordinator, body="37010219850101123", name="李四", since=D(2025, 1, 1))
    register(
        sibling_coordinator,
        body="37010219750101123",
        name="王五",
        region=VILLAGE_B,
        since=D(2026, 1, 20),
    )
    assert count_on("370102", day) == before + 2  # 王五 became unemployed only after the day
    march = count_on("370102", D(2026, 3, 1))
    services.person_set_status(
        actor=coordinator, person=first, status=LabourStatus.FLEXIBLE, since=D(2026, 3, 1)
    )
    assert count_on("370102", day) == before + 2  # a later change does not rewrite the past
    assert count_on("370102", D(2026, 3, 1)) == march - 1


def test_a_status_cannot_start_before_the_current_one_or_in_the_future(coordinator):
    person = register(coordinator, since=D(2026, 3, 2))
    for since in (D(2026, 3, 1), D(2099, 1, 1)):
        with pytest.raises(ValidationError):
            services.person_set_status(
                actor=coordinator, person=person, status=LabourStatus.FLEXIBLE, since=since
            )
    assert person.status_records.count() == 1


def test_a_change_on_the_same_day_corrects_the_open_period(coordinator):
    person = register(coordinator, since=D(2026, 3, 2))
    services.person_set_status(
        actor=coordinator, person=person, status=LabourStatus.FLEXIBLE, since=D(2026, 3, 2)
    )
    assert list(person.status_records.values_list("status", flat=True)) == [LabourStatus.FLEXIBLE]


def test_a_transfer_moves_the_person_out_of_the_jurisdiction_and_keeps_the_past(
    coordinator, sibling_coordinator
):
    person = register(coordinator, since=D(2026, 1, 1))
    household = services.household_create(actor=coordinator, head=person)
    services.person_transfer(
        actor=coordinator,
        person=person,
        to_region=Region.objects.get(code=VILLAGE_B),
        on=D(2026, 6, 1),
        reason="搬家",
    )
    assert not Person.objects.visible_to(coordinator).filter(pk=person.pk).exists()
    assert Person.objects.visible_to(sibling_coordinator).filter(pk=person.pk).exists()
    person.refresh_from_db()
    assert person.household is None and not household.members.exists()
    regions = list(person.status_records.order_by("since").values_list("region_id", "until"))
    assert regions == [(VILLAGE_A, D(2026, 6, 1)), (VILLAGE_B, None)]
    assert count_on(VILLAGE_A, D(2026, 5, 31)) >= 1 and count_on(VILLAGE_B, D(2026, 6, 1)) >= 1


def test_a_transfer_can_only_be_made_by_those_who_hold_the_person(coordinator, sibling_coordinator):
    person = register(coordinator)
    with pytest.raises(PermissionDenied):
        services.person_transfer(
            actor=sibling_coordinator,
            person=person,
            to_region=Region.objects.get(code=VILLAGE_B),
            on=D(2026, 6, 1),
        )


def test_a_household_has_one_head_and_a_person_one_household(coordinator):
    head = register(coordinator)
    spouse = register(coordinator, body="37010219920101222", name="刘芳")
    household = services.household_create(actor=coordinator, head=head, has_dibao=True)
    services.household_add_member(
        actor=coordinator, household=household, person=spouse, relation=Relation.SPOUSE
    )
    with pytest.raises(ValidationError):
        services.household_add_member(
            actor=coordinator, household=household, person=spouse, relation=Relation.HEAD
        )
    other = services.household_create(
        actor=coordinator, head=register(coordinator, body="37010219600101123", name="赵六")
    )
    with pytest.raises(ValidationError) as refusal:
        services.household_add_member(
            actor=coordinator, household=other, person=spouse, relation=Relation.OTHER
        )
    assert "另一个家庭" in refusal.value.messages[0]
    assert set(household.members.values_list("relation", flat=True)) == {
        Relation.HEAD,
        Relation.SPOUSE,
    }


def test_the_database_allows_one_open_status_period_per_person(coordinator):
    person = register(coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusRecord.objects.create(
            person=person,
            region_id=VILLAGE_A,
            status="flexible",
            since=D(2026, 5, 1),
            recorded_by=coordinator,
        )


@pytest.mark.parametrize("on", [D(1990, 1, 1), D(2026, 1, 1)])
def test_a_transfer_cannot_reach_before_the_current_status_period(coordinator, on):
    person = register(coordinator, since=D(2026, 1, 1))
    with pytest.raises(ValidationError) as refusal:
        services.person_transfer(
            actor=coordinator, person=person, to_region=Region.objects.get(code=VILLAGE_B), on=on
        )
    assert "on" in refusal.value.message_dict


def test_a_status_change_makes_an_open_edit_form_stale(coordinator):
    person = register(coordinator)
    loaded = person.version
    services.person_set_status(
        actor=coordinator, person=person, status=LabourStatus.FLEXIBLE, since=D(2026, 5, 1)
    )
    with pytest.raises(ValidationError) as refusal:
        services.person_update(
            actor=coordinator,
            person=Person.objects.get(pk=person.pk),
            expected_version=loaded,
            id_number=person.id_number,
            name="改名",
        )
    assert refusal.value.code == "stale_version"
