"""The lines of work agree with each other (guideline 八, 十四, 十五; domain.md, "Unified
registration"): any employment event, whichever line records it, ends the open unemployment
registration and the job seeking in the same transaction; farming alone does not; a contact of
any line of work counts against the three-month rule; and the demo data keep both rules."""

import datetime

import pytest
from django.utils import timezone

from jiuye.assistance.models import AssistanceService, Identification
from jiuye.core import workflow
from jiuye.flexible.tests.helpers import register as register_flexible
from jiuye.jobs import services as jobs
from jiuye.jobs.models import SeekerStatus
from jiuye.jobs.tests.helpers import employer, resident, seeker, vacancy
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import NON_FARM, LabourStatus
from jiuye.posts import services as posts
from jiuye.posts.tests.helpers import identified, post
from jiuye.regions.choices import OrgKind
from jiuye.regions.models import ServiceOrg
from jiuye.registration import services as registration
from jiuye.registration.choices import EndReason, RegistrationKind
from jiuye.registration.models import Registration
from jiuye.registration.tests.helpers import register_unemployed

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
RURAL_VILLAGE = "370112007201"  # 洪家园村, 历城区


def ended_for_work(registration_row):
    registration_row.refresh_from_db()
    return (
        registration_row.ended_on is not None and registration_row.end_reason == EndReason.EMPLOYED
    )


def test_a_status_change_to_non_farm_work_ends_the_registration_and_the_seeking(coordinator):
    person = resident(coordinator, "变更就业")
    registered = register_unemployed(person, coordinator, on=TODAY() - datetime.timedelta(days=30))
    search = seeker(coordinator, person)
    ledger.person_set_status(
        actor=coordinator, person=person, status=LabourStatus.SELF_EMPLOYED, since=TODAY()
    )
    assert ended_for_work(registered) and registered.ended_on == TODAY()
    assert "个体经营" in registered.end_note
    search.refresh_from_db()
    assert search.status == SeekerStatus.EMPLOYED


def test_a_hire_through_a_referral_ends_the_registration(coordinator):
    person = resident(coordinator, "介绍就业")
    registered = register_unemployed(person, coordinator, on=TODAY() - datetime.timedelta(days=30))
    search = seeker(coordinator, person)
    company = employer(coordinator)
    other = vacancy(coordinator, company, title="另一岗位")
    offer = vacancy(coordinator, company)
    pending = jobs.referral_create(actor=coordinator, seeker=search, vacancy=other)
    referral = jobs.referral_create(actor=coordinator, seeker=search, vacancy=offer)
    jobs.referral_hire(actor=coordinator, referral=referral, hired_on=TODAY(), contract_months=12,
                       social_insurance=True)  # fmt: skip
    assert ended_for_work(registered)
    search.refresh_from_db()
    pending.refresh_from_db()
    assert search.status == SeekerStatus.EMPLOYED and pending.state == "cancelled"


def test_a_public_welfare_post_and_flexible_employment_end_the_registration(reviewer, coordinator):
    placed = identified(reviewer, "上岗人员")
    on_post = register_unemployed(placed, reviewer, on=TODAY() - datetime.timedelta(days=30))
    posts.placement_create(
        actor=reviewer, post=post(reviewer), person=placed, started_on=TODAY(), contract_months=12
    )
    assert ended_for_work(on_post)

    flexibly = resident(coordinator, "灵活就业")
    flexible_registration = register_unemployed(
        flexibly, coordinator, on=TODAY() - datetime.timedelta(days=30)
    )
    register_flexible(coordinator, flexibly, started_on=TODAY())
    assert ended_for_work(flexible_registration)


def test_an_employment_registration_ends_the_unemployment_registration(
    coordinator, reviewer, approver
):
    person = resident(coordinator, "就业登记")
    registered = register_unemployed(person, coordinator, on=TODAY() - datetime.timedelta(days=30))
    case = registration.registration_apply(
        actor=coordinator, person=person, kind=RegistrationKind.EMPLOYMENT, employment_form=LabourStatus.EMPLOYED_UNIT,
        employer="济南某物业公司", employed_since=TODAY(), contract_months=12,
    )  # fmt: skip
    for transition, actor in (
        ("first_approve", coordinator),
        ("report", reviewer),
        ("approve", approver),
    ):
        workflow.fire(case, transition, actor=actor)
    assert ended_for_work(registered)


def test_a_farmer_registers_as_unemployed_and_farming_does_not_end_it(superuser):
    ServiceOrg.objects.get_or_create(region_id="370112000000", kind=OrgKind.COUNTY_AGENCY,
                                     defaults={"name": "历城区公共就业和人才服务中心"})  # fmt: skip
    farmer = resident(superuser, "务农求职", region_code=RURAL_VILLAGE, status=LabourStatus.FARMING)
    case = registration.registration_apply(
        actor=superuser, person=farmer, kind=RegistrationKind.UNEMPLOYMENT, unemployed_since=TODAY(), cause="other",
    )  # fmt: skip
    for transition in ("first_approve", "report", "approve"):
        workflow.fire(case, transition, actor=superuser)
    case.refresh_from_db()
    farmer.refresh_from_db()
    assert case.is_registered_unemployed and farmer.status == LabourStatus.FARMING  # still farming
    ledger.person_set_status(actor=superuser, person=farmer, status=LabourStatus.FARMING,
                             since=TODAY(), note="仍在务农")  # fmt: skip
    case.refresh_from_db()
    assert case.is_registered_unemployed
    ledger.person_set_status(actor=superuser, person=farmer, status=LabourStatus.TRANSFERRED, since=TODAY(),
                             employer="青岛某厂")  # fmt: skip
    assert ended_for_work(case)


def test_a_worker_off_the_farm_cannot_register_as_unemployed(coordinator):
    worker = resident(coordinator, "在职人员", status=LabourStatus.EMPLOYED_UNIT, employer="某公司")
    with pytest.raises(Exception) as refused:
        registration.registration_apply(actor=coordinator, person=worker, kind=RegistrationKind.UNEMPLOYMENT,
                                        unemployed_since=TODAY(), cause="other")  # fmt: skip
    assert "非农就业" in str(refused.value)


def test_a_service_of_another_line_of_work_counts_as_contact(coordinator, reviewer, approver):
    """An assistance target visited twenty days ago is not deregistered for "no contact", though
    no contact was recorded on the registration itself for four months."""
    visited = identified(reviewer, "走访对象")
    four_months_ago = TODAY() - datetime.timedelta(days=125)
    registered = register_unemployed(visited, coordinator, on=four_months_ago)
    forgotten = register_unemployed(
        resident(coordinator, "无人联系", born="19800101"), coordinator, on=four_months_ago
    )
    AssistanceService.objects.create(
        identification=Identification.objects.get(person=visited), region_id=visited.region_id, kind="home_visit",
        on=TODAY() - datetime.timedelta(days=20), worker=coordinator, content="上门走访",
    )  # fmt: skip
    row = Registration.objects.with_last_contact().get(pk=registered.pk)
    assert row.last == TODAY() - datetime.timedelta(days=20) and row.days_since_contact() == 20
    registration.deregister_without_contact()
    registered.refresh_from_db()
    forgotten.refresh_from_db()
    assert registered.is_registered_unemployed
    assert forgotten.end_reason == EndReason.NO_CONTACT


def test_the_demo_data_keep_the_rules_of_every_line_of_work():
    """Nobody in non-farm employment holds an open unemployment registration; nobody with an
    open registration is past the contact limit while a line of work served them within it."""
    open_registrations = Registration.objects.registered_unemployed()
    working = open_registrations.filter(person__status__in=NON_FARM)
    assert not working.exists(), list(working.values_list("person__name", "person__status")[:10])
    assert open_registrations.filter(
        person__status=LabourStatus.FARMING
    ).exists()  # rural registrants
    registration.deregister_without_contact()
    limit = registration.months_before(TODAY(), 3)
    ended = Registration.objects.filter(
        end_reason=EndReason.NO_CONTACT, ended_on=TODAY()
    ).with_last_contact()
    assert ended.exists() and not ended.filter(last__gt=limit).exists()
    remaining = Registration.objects.registered_unemployed().with_last_contact()
    assert not remaining.filter(last__lte=limit).exists()
