"""Exit review: the end of an unemployment registration and the nightly check send a person no
longer eligible to the coordinator, whose card is invalid meanwhile; the coordinator exits
them or keeps them with a reason. Refusals of offers are the evidence of an exit for refusing
services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from jiuye.assistance import exits, services
from jiuye.assistance.choices import ExitReason, OfferKind
from jiuye.assistance.tests.test_categories import born
from jiuye.assistance.tests.test_identification import identified
from jiuye.conftest import BACKEND, VILLAGE_B
from jiuye.core import history, workflow
from jiuye.core.registry import registry
from jiuye.core.selectors import worklist
from jiuye.core.workdays import add_working_days
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.selectors import working_age_limits
from jiuye.registration import services as registration
from jiuye.registration.tests.test_registration import resident

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def state_of(case) -> str:
    case.refresh_from_db()
    return case.state


def deregister(coordinator, case, reason="no_contact"):
    """End the person's registration as the registration app does, then call the registry's
    ``registration_ended`` handlers as it will (idempotent if it already did)."""
    reg = case.person.registrations.registered_unemployed().get()
    registration.registration_deregister(
        actor=coordinator, registration=reg, reason=reason, on=TODAY()
    )
    reg.refresh_from_db()
    assert reg.ended_on == TODAY() and reg.end_reason == reason
    for handler in registry["registration_ended"]:
        handler(registration=reg, actor=coordinator)
    case.refresh_from_db()
    return reg


def test_deregistering_an_identified_person_opens_the_exit_review_and_the_card_is_invalid(
    coordinator, reviewer, approver, client
):
    case = identified(coordinator, reviewer, approver)
    deregister(coordinator, case)
    assert case.state == "exit_review" and case.assignee == coordinator
    assert case.due_on == add_working_days(TODAY(), 10)
    event = case.events.last()
    assert event.transition == "review_exit" and "长期未与公共就业服务机构联系" in event.comment
    assert not case.card.is_valid
    page = client.get(reverse("assistance:verify", args=[case.card.token])).content.decode()
    assert "已失效" in page
    assert case in worklist(coordinator)


def test_the_coordinator_keeps_a_person_only_with_a_reason(coordinator, reviewer, approver, login):
    case = identified(coordinator, reviewer, approver)
    deregister(coordinator, case)
    with pytest.raises(ValidationError):
        workflow.fire(case, "keep", actor=coordinator, comment="")
    page = login(coordinator).get(reverse("assistance:detail", args=[case.pk])).content.decode()
    assert "待退出审核" in page and "长期未与公共就业服务机构联系" in page  # the reason shown
    workflow.fire(
        case, "keep", actor=coordinator, comment="已重新联系，本人仍在求职，重新办理失业登记中"
    )
    case.refresh_from_db()
    assert case.state == "identified" and case.kept_on == TODAY() and case.card.is_valid
    exits.exit_check()
    assert state_of(case) == "identified"  # what was known when kept does not send them again


def test_the_coordinator_exits_a_person_under_review(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    deregister(coordinator, case, reason="employed")
    services.identification_exit(actor=coordinator, identification=case, reason=ExitReason.STABLE_EMPLOYMENT,
                                 on=TODAY(), comment="已在物业公司就业")  # fmt: skip
    case.refresh_from_db()
    assert case.state == "exited" and not case.card.is_valid


def test_the_nightly_check_finds_a_registration_ended_without_the_handler(
    coordinator, reviewer, approver
):
    case = identified(coordinator, reviewer, approver)
    reg = case.person.registrations.registered_unemployed().get()
    history.change(reg, actor=coordinator, ended_on=TODAY(), end_reason="school")
    exits.exit_check()
    case.refresh_from_db()
    assert case.state == "exit_review" and "失业登记已注销（入学" in case.events.last().comment
    exits.exit_check()
    assert case.events.filter(transition="review_exit").count() == 1  # under review already


def test_the_nightly_check_finds_the_retirement_age_reached(coordinator, reviewer, approver):
    person = resident(coordinator, body=born(58, "1"), name="将退休")
    case = identified(coordinator, reviewer, approver, person)
    exits.exit_check()
    assert state_of(case) == "identified"
    retirement = working_age_limits(person.region_id, TODAY())["male_max"]
    exits.exit_check(datetime.date(TODAY().year + retirement - 58, 1, 6))
    case.refresh_from_db()
    assert (
        case.state == "exit_review"
        and f"已达到法定退休年龄（{retirement}岁）" in case.events.last().comment
    )


def test_a_public_welfare_post_is_not_an_exit(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    ledger.status_change(actor=coordinator, person=case.person, status=LabourStatus.PUBLIC_WELFARE_POST,
                         since=TODAY(), employer="解放桥社区")  # fmt: skip
    if state_of(case) == "identified":  # the placement has not ended the registration
        exits.exit_check(TODAY() + datetime.timedelta(days=400))
        assert state_of(case) == "identified"


def test_the_nightly_check_finds_stable_non_farm_employment(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    ledger.status_change(actor=coordinator, person=case.person, status=LabourStatus.EMPLOYED_UNIT,
                         since=TODAY(), employer="济南某物业公司")  # fmt: skip
    case.refresh_from_db()
    if case.state == "identified":  # the employment event has not ended the registration
        exits.exit_check(TODAY() + datetime.timedelta(days=200))
        assert state_of(case) == "identified"  # not yet 12 months
        exits.exit_check(TODAY() + datetime.timedelta(days=370))
        case.refresh_from_db()
        assert "已连续非农就业12个月以上（单位就业" in case.events.last().comment
    assert case.state == "exit_review"


def test_the_nightly_check_finds_a_person_who_moved(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    history.change(case.person, actor=coordinator, region_id=VILLAGE_B)  # moved without a transfer
    exits.exit_check()
    case.refresh_from_db()
    assert case.state == "exit_review" and "已迁出本地" in case.events.last().comment


def test_a_transfer_exits_a_person_under_exit_review(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    deregister(coordinator, case)
    services.person_moving(person=case.person, on=TODAY(), actor=coordinator)
    case.refresh_from_db()
    assert case.state == "exited" and case.exit_reason == ExitReason.MOVED


def test_an_exit_for_refusing_services_needs_the_parameter_s_refusals(
    coordinator, reviewer, approver
):
    case = identified(coordinator, reviewer, approver)

    def leave():
        services.identification_exit(actor=coordinator, identification=case, reason=ExitReason.REFUSED,
                                     on=TODAY(), comment="多次拒绝推荐")  # fmt: skip

    service = services.service_record(actor=coordinator, identification=case, kind="training_referral",
                                      on=TODAY(), content="推荐参加家政服务培训")  # fmt: skip
    services.refusal_record(actor=coordinator, identification=case, on=TODAY(), offer=OfferKind.TRAINING,
                            description="本人不愿参加", service=service)  # fmt: skip
    old = TODAY() - datetime.timedelta(days=250)
    history.change(case, actor=coordinator, identified_on=old)
    services.refusal_record(actor=coordinator, identification=case, on=old, offer=OfferKind.JOB,
                            description="超过6个月的拒绝不计")  # fmt: skip
    services.refusal_record(actor=coordinator, identification=case, on=TODAY(), offer=OfferKind.JOB,
                            description="推荐保洁岗位，本人拒绝")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        leave()
    assert "6个月内记录的拒绝推荐只有2次，须达到3次" in refused.value.message_dict["reason"][0]
    services.refusal_record(actor=coordinator, identification=case, on=TODAY(), offer=OfferKind.JOB,
                            description="推荐门卫岗位，本人拒绝")  # fmt: skip
    leave()
    case.refresh_from_db()
    assert case.state == "exited" and case.exit_reason == ExitReason.REFUSED


def test_a_refusal_links_only_the_person_s_own_records(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    other = identified(
        coordinator, reviewer, approver, resident(coordinator, body=born(33, "1"), name="他人")
    )
    service = services.service_record(actor=coordinator, identification=other, kind="job_referral",
                                      on=TODAY(), content="推荐岗位")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.refusal_record(actor=coordinator, identification=case, on=TODAY(), offer=OfferKind.JOB,
                                description="x", service=service)  # fmt: skip
    assert "service" in refused.value.message_dict


def test_refusals_through_the_api_and_a_sibling_gets_404(coordinator, sibling_coordinator, reviewer, approver,
                                                         login):  # fmt: skip
    case = identified(coordinator, reviewer, approver)
    client = APIClient()
    client.force_login(coordinator, backend=BACKEND)
    url = f"/api/v1/identifications/{case.pk}/refusals/"
    answer = client.post(
        url,
        {"on": TODAY().isoformat(), "offer": "job", "description": "推荐岗位被拒"},
        format="json",
    )
    assert answer.status_code == 200 and case.refusals.count() == 1
    sibling = APIClient()
    sibling.force_login(sibling_coordinator, backend=BACKEND)
    assert sibling.post(url, {"on": TODAY().isoformat(), "offer": "job", "description": "x"},
                        format="json").status_code == 404  # fmt: skip
    page = login(sibling_coordinator).post(reverse("assistance:refuse", args=[case.pk]),
                                           {"on": TODAY().isoformat(), "offer": "job", "description": "x"})  # fmt: skip
    assert page.status_code == 404 and case.refusals.count() == 1
