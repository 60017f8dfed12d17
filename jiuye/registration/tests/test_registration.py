import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.test import APIClient

from jiuye.conftest import BACKEND, VILLAGE_A
from jiuye.core import history, workflow
from jiuye.core.models import AccessLog, PolicyParameter, WorkflowEvent
from jiuye.core.workdays import add_working_days
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.regions.models import Region
from jiuye.registration import services
from jiuye.registration.choices import EndReason, RegistrationKind
from jiuye.registration.models import Registration, RegistrationCertificate

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = timezone.localdate


def resident(
    actor, body="37010219900307123", name="张失业", status=LabourStatus.UNEMPLOYED, **fields
):
    person, _ = ledger.person_create(
        actor=actor,
        id_number=body + check_character(body),
        name=name,
        region=Region.objects.get(code=VILLAGE_A),
        status=status,
        status_since=D(2026, 3, 2),
        **fields,
    )
    return person


def apply(coordinator, person, **fields):
    values = {"unemployed_since": D(2026, 3, 2), "cause": "contract_ended", **fields}
    return services.registration_apply(
        actor=coordinator, person=person, kind=RegistrationKind.UNEMPLOYMENT, **values
    )


def approved(coordinator, reviewer, approver, person=None):
    registration = apply(coordinator, person or resident(coordinator))
    workflow.fire(registration, "first_approve", actor=coordinator)
    workflow.fire(registration, "report", actor=reviewer)
    workflow.fire(registration, "approve", actor=approver)
    registration.refresh_from_db()
    return registration


def test_an_unemployment_registration_goes_from_the_community_through_the_township_to_the_county(
    coordinator, reviewer, approver, login
):
    registration = apply(coordinator, resident(coordinator))
    assert registration.state == "first_review" and registration.due_on == add_working_days(
        TODAY(), 3
    )
    workflow.fire(registration, "first_approve", actor=coordinator, comment="材料齐全")
    assert registration.due_on == add_working_days(TODAY(), 3)
    workflow.fire(registration, "report", actor=reviewer)
    assert registration.state == "county_approval" and registration.due_on == add_working_days(
        TODAY(), 4
    )
    workflow.fire(registration, "approve", actor=approver)
    registration.refresh_from_db()
    assert (
        registration.state == "approved"
        and registration.due_on is None
        and registration.approved_on == TODAY()
    )
    number = registration.certificate.number
    assert len(number) == 16 and number.startswith("370102") and number[8:10] == f"{TODAY():%y}"
    events = WorkflowEvent.objects.filter(object_id=registration.pk).order_by("at", "id")
    assert [(e.transition, e.actor) for e in events] == [
        ("create", coordinator),
        ("first_approve", coordinator),
        ("report", reviewer),
        ("approve", approver),
    ]
    page = login(approver).get(f"/registration/{registration.pk}/").content.decode()
    assert number in page and "审批登记" in page and "材料齐全" in page


def test_the_certificate_prints_as_a_chinese_pdf_and_the_printing_is_logged(
    coordinator, reviewer, approver, login
):
    registration = approved(coordinator, reviewer, approver)
    response = login(approver).get(f"/registration/{registration.pk}/certificate.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert (
        "就" in text
        and "登记证" in text.replace(" ", "")
        and registration.certificate.number in text
    )
    assert "张失业" in text and registration.person.id_number in text
    assert AccessLog.objects.filter(object_id=registration.person_id, user=approver).exists()


def test_a_second_approval_of_the_same_step_is_refused(
    coordinator, reviewer, approver, city_officer
):
    registration = apply(coordinator, resident(coordinator))
    workflow.fire(registration, "first_approve", actor=coordinator)
    workflow.fire(registration, "report", actor=reviewer)
    stale = Registration.objects.get(pk=registration.pk)
    workflow.fire(registration, "approve", actor=approver)
    with pytest.raises(ValidationError) as refusal:
        workflow.fire(stale, "approve", actor=approver)
    assert refusal.value.code == "stale_state"
    assert RegistrationCertificate.objects.filter(person=registration.person).count() == 1


def test_each_step_belongs_to_its_level(coordinator, reviewer, approver):
    registration = apply(coordinator, resident(coordinator))
    for actor in (reviewer, approver):
        with pytest.raises(PermissionDenied):
            workflow.fire(registration, "first_approve", actor=actor)
    workflow.fire(registration, "first_approve", actor=coordinator)
    with pytest.raises(PermissionDenied):
        workflow.fire(registration, "report", actor=coordinator)


def test_a_return_sends_the_case_back_to_the_community_with_the_reason(coordinator, reviewer):
    registration = apply(coordinator, resident(coordinator))
    workflow.fire(registration, "first_approve", actor=coordinator)
    with pytest.raises(ValidationError):
        workflow.fire(registration, "return_township", actor=reviewer)
    workflow.fire(registration, "return_township", actor=reviewer, comment="缺少解除劳动合同证明")
    assert registration.state == "first_review"


@pytest.mark.parametrize(
    ("body", "fields", "field"),
    [
        ("37010219500101123", {}, "person"),  # 76 years old
        ("37010219900307123", {"able_to_work": False}, "able_to_work"),
        ("37010219900307123", {"willing_to_work": False}, "willing_to_work"),
    ],
)
def test_the_conditions_of_unemployment_registration_are_checked(coordinator, body, fields, field):
    person = resident(coordinator, body=body)
    with pytest.raises(ValidationError) as refusal:
        apply(coordinator, person, **fields)
    assert field in refusal.value.message_dict


def test_a_person_employed_in_the_ledger_cannot_register_as_unemployed(coordinator):
    person = resident(coordinator, status=LabourStatus.EMPLOYED_UNIT, employer="某公司")
    with pytest.raises(ValidationError) as refusal:
        apply(coordinator, person)
    assert "请先在台账中变更就业状态" in refusal.value.message_dict["unemployed_since"][0]


def test_an_open_unemployment_registration_cannot_be_doubled(coordinator):
    person = resident(coordinator)
    apply(coordinator, person)
    with pytest.raises(ValidationError):
        apply(coordinator, person)


def test_the_database_refuses_a_second_open_unemployment_registration(coordinator):
    person = resident(coordinator)
    apply(coordinator, person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            person=person,
            region_id=VILLAGE_A,
            kind=RegistrationKind.UNEMPLOYMENT,
            state="first_review",
        )


def test_an_employment_registration_updates_the_ledger_and_ends_the_unemployment_registration(
    coordinator, reviewer, approver
):
    unemployment = approved(coordinator, reviewer, approver)
    person = unemployment.person
    employment = services.registration_apply(
        actor=coordinator,
        person=person,
        kind=RegistrationKind.EMPLOYMENT,
        employment_form="employed_unit",
        employer="济南某机械有限公司",
        employed_since=TODAY(),
        contract_months=24,
    )
    for name, actor in (
        ("first_approve", coordinator),
        ("report", reviewer),
        ("approve", approver),
    ):
        workflow.fire(employment, name, actor=actor)
    person.refresh_from_db()
    unemployment.refresh_from_db()
    employment.refresh_from_db()
    assert person.status == "employed_unit" and person.employer == "济南某机械有限公司"
    assert (unemployment.ended_on, unemployment.end_reason) == (TODAY(), EndReason.EMPLOYED)
    assert employment.certificate == unemployment.certificate  # one certificate per person


def test_contacts_restart_the_clock_and_the_nightly_check_deregisters_the_silent(
    coordinator, reviewer, approver
):
    silent = approved(coordinator, reviewer, approver)
    contacted = approved(
        coordinator,
        reviewer,
        approver,
        resident(coordinator, body="37010219850505123", name="李联系"),
    )
    long_ago = TODAY() - datetime.timedelta(days=120)
    history.update(
        Registration.objects.filter(pk__in=[silent.pk, contacted.pk]),
        actor=None,
        approved_on=long_ago,
    )
    services.contact_record(
        actor=coordinator,
        registration=contacted,
        on=TODAY() - datetime.timedelta(days=10),
        method="call",
        note="正在找工作",
    )
    assert services.deregister_without_contact() >= 1
    silent.refresh_from_db()
    contacted.refresh_from_db()
    assert (
        silent.end_reason == EndReason.NO_CONTACT
        and silent.ended_on == TODAY()
        and silent.ended_by is None
    )
    assert contacted.ended_on is None and contacted.last_contact_on == TODAY() - datetime.timedelta(
        days=10
    )


def test_the_no_contact_period_is_a_parameter_a_county_can_set(coordinator, reviewer, approver):
    registration = approved(coordinator, reviewer, approver)
    history.update(
        Registration.objects.filter(pk=registration.pk),
        actor=None,
        approved_on=TODAY() - datetime.timedelta(days=100),
    )
    PolicyParameter.objects.create(
        key="registration.no_contact_months",
        region_id="370102000000",
        value="6",
        effective_from=D(2020, 1, 1),
    )
    services.deregister_without_contact()
    registration.refresh_from_db()
    assert registration.ended_on is None


def test_a_registration_is_deregistered_with_a_reason(coordinator, reviewer, approver, login):
    registration = approved(coordinator, reviewer, approver)
    response = login(coordinator).post(
        f"/registration/{registration.pk}/deregister/",
        {"reason": "school", "on": TODAY().isoformat(), "note": "考入技师学院"},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.end_reason == "school" and registration.ended_by == coordinator


def test_the_unemployed_list_shows_days_since_contact_in_the_same_queries_for_one_or_many(
    coordinator, reviewer, approver, login, django_assert_num_queries
):
    approved(coordinator, reviewer, approver)
    client = login(reviewer)
    client.get("/registration/unemployed/")
    with django_assert_num_queries(10):
        page = client.get("/registration/unemployed/", {"region": VILLAGE_A})
    assert any(r.person.name == "张失业" for r in page.context["object_list"])
    assert "未联系天数" in page.content.decode()
    for n in range(20):
        person = resident(coordinator, f"37010219900307{200 + n:03d}", name=f"失业{n}")
        approved(coordinator, reviewer, approver, person)
    with django_assert_num_queries(10):
        page = client.get("/registration/unemployed/", {"region": VILLAGE_A})
    assert len(page.context["object_list"]) == 21


def test_the_approvers_work_list_shows_cases_waiting_for_the_county(
    coordinator, reviewer, approver, login
):
    registration = apply(coordinator, resident(coordinator))
    workflow.fire(registration, "first_approve", actor=coordinator)
    workflow.fire(registration, "report", actor=reviewer)
    page = login(approver).get("/").content.decode()
    assert "张失业 失业登记" in page and "待县级审批" in page


def test_the_api_creates_and_moves_a_registration(coordinator, reviewer):
    person = resident(coordinator)
    client = APIClient()
    client.force_login(coordinator, backend=BACKEND)
    response = client.post(
        "/api/v1/registrations/",
        {
            "person": person.pk,
            "kind": "unemployment",
            "unemployed_since": "2026-03-02",
            "cause": "resigned",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = client.post(
        f"/api/v1/registrations/{pk}/transitions/", {"transition": "first_approve"}, format="json"
    )
    assert response.json()["state"] == "township_review"
    response = client.post(
        f"/api/v1/registrations/{pk}/transitions/", {"transition": "report"}, format="json"
    )
    assert response.status_code == 403
    client.force_login(reviewer, backend=BACKEND)
    assert (
        client.post(
            f"/api/v1/registrations/{pk}/transitions/", {"transition": "report"}, format="json"
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 6, 1), D(2026, 3, 1)),
        (D(2026, 6, 15), D(2026, 3, 15)),
        (D(2026, 5, 31), D(2026, 2, 28)),
        (D(2024, 5, 31), D(2024, 2, 29)),
        (D(2026, 1, 31), D(2025, 10, 31)),
    ],
)
def test_three_months_before_is_the_same_day_or_the_end_of_a_shorter_month(day, expected):
    assert services.months_before(day, 3) == expected


def test_the_nightly_check_keeps_someone_contacted_exactly_on_the_boundary_plus_one_day(
    coordinator, reviewer, approver
):
    registration = approved(coordinator, reviewer, approver)
    boundary = services.months_before(TODAY(), 3)
    history.update(
        Registration.objects.filter(pk=registration.pk),
        actor=None,
        approved_on=boundary + datetime.timedelta(days=1),
    )
    services.deregister_without_contact()
    registration.refresh_from_db()
    assert registration.ended_on is None
    history.update(
        Registration.objects.filter(pk=registration.pk), actor=None, approved_on=boundary
    )
    services.deregister_without_contact()
    registration.refresh_from_db()
    assert registration.end_reason == EndReason.NO_CONTACT


def test_moving_away_ends_the_registered_unemployment_and_the_old_office_cannot_print(
    coordinator, reviewer, approver, login, sibling_approver
):
    registration = approved(coordinator, reviewer, approver)
    ledger.person_transfer(
        actor=coordinator,
        person=registration.person,
        to_region=Region.objects.get(code="370103002001"),
        on=TODAY(),
    )
    registration.refresh_from_db()
    assert (registration.ended_on, registration.end_reason) == (TODAY(), EndReason.MOVED)
    assert (
        login(approver).get(f"/registration/{registration.pk}/certificate.pdf").status_code == 404
    )
    assert login(sibling_approver).get(f"/registration/{registration.pk}/").status_code == 404


def test_a_move_waits_for_an_application_in_progress(coordinator):
    registration = apply(coordinator, resident(coordinator))
    with pytest.raises(ValidationError) as refusal:
        ledger.person_transfer(
            actor=coordinator,
            person=registration.person,
            to_region=Region.objects.get(code="370102001003"),
            on=TODAY(),
        )
    assert "办理中的登记" in refusal.value.messages[0]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"employment_form": "employed_unit", "employed_since": D(2026, 4, 1)}, "employer"),
        ({"employment_form": "flexible", "employed_since": D(2099, 1, 1)}, "employed_since"),
    ],
)
def test_an_employment_registration_is_checked_when_it_is_accepted(coordinator, fields, field):
    person = resident(coordinator)
    with pytest.raises(ValidationError) as refusal:
        services.registration_apply(
            actor=coordinator, person=person, kind=RegistrationKind.EMPLOYMENT, **fields
        )
    assert field in refusal.value.message_dict


def test_an_application_is_corrected_at_the_first_review_and_frozen_after(coordinator, login):
    registration = apply(coordinator, resident(coordinator))
    client = login(coordinator)
    response = client.post(
        f"/registration/{registration.pk}/edit/",
        {
            "applied_on": TODAY().isoformat(),
            "unemployed_since": "2026-03-02",
            "cause": "dismissed",
            "able_to_work": "on",
            "willing_to_work": "on",
            "version": registration.version,
        },
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.cause == "dismissed"
    workflow.fire(registration, "first_approve", actor=coordinator)
    assert client.get(f"/registration/{registration.pk}/edit/").status_code == 200
    response = client.post(
        f"/registration/{registration.pk}/edit/",
        {
            "applied_on": TODAY().isoformat(),
            "unemployed_since": "2026-03-02",
            "cause": "resigned",
            "able_to_work": "on",
            "willing_to_work": "on",
            "version": registration.version,
        },
    )
    assert "不能再修改" in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).cause == "dismissed"


def test_the_api_records_contacts_and_deregisters(coordinator, reviewer, approver):
    registration = approved(coordinator, reviewer, approver)
    client = APIClient()
    client.force_login(coordinator, backend=BACKEND)
    url = f"/api/v1/registrations/{registration.pk}/"
    response = client.post(
        url + "contacts/", {"on": TODAY().isoformat(), "method": "call"}, format="json"
    )
    assert response.json()["last_contact_on"] == TODAY().isoformat()
    response = client.patch(url, {"cause": "resigned"}, format="json")
    assert response.status_code == 400 and "version" in response.json()
    fresh = apply(coordinator, resident(coordinator, body="37010219910307123", name="李更正"))
    response = client.patch(f"/api/v1/registrations/{fresh.pk}/", {"cause": "resigned", "version": fresh.version},
                            format="json")  # fmt: skip
    assert response.status_code == 200 and response.json()["cause"] == "resigned"
    response = client.post(
        url + "deregister/", {"reason": "school", "on": TODAY().isoformat()}, format="json"
    )
    assert response.status_code == 200 and response.json()["end_reason"] == "school"


def test_a_certificate_format_that_cannot_number_is_refused(login, province_admin):
    response = login(province_admin).post(
        "/system/parameters/",
        {
            "key": "registration.certificate_format",
            "region": "370000000000",
            "value": "{cnty}{sequence}",
            "effective_from": "2026-01-01",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["value"]
