"""The rules around the main flows: what only a dedicated form may do, deadlines, closed
cases, who may be named responsible, the registration a case rests on."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from jiuye.assistance import households, services
from jiuye.assistance.choices import ExitReason, HouseholdState, ServiceKind
from jiuye.assistance.models import Category, Measure, Plan, ZeroHousehold
from jiuye.assistance.selectors import home_panel
from jiuye.assistance.tests.test_households import family
from jiuye.assistance.tests.test_identification import after_notice, identified, in_notice
from jiuye.conftest import BACKEND
from jiuye.core import history, workflow
from jiuye.core.models import AccessLog
from jiuye.core.selectors import worklist
from jiuye.core.workdays import add_working_days
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.registration import services as registration
from jiuye.registration.tests.helpers import register_unemployed
from jiuye.registration.tests.test_registration import approved, resident
from jiuye.staff.models import Role, User

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_objections_and_exits_go_through_their_forms_only(coordinator, reviewer, approver, login):
    case = in_notice(coordinator, approved(coordinator, reviewer, approver).person)
    with pytest.raises(ValidationError) as refused:
        workflow.fire(case, "object", actor=coordinator, comment="口头异议")
    assert refused.value.code == "service_only"
    login(coordinator).post(
        reverse("assistance:fire", args=[case.pk]), {"transition": "object", "comment": "x"}
    )
    case.refresh_from_db()
    assert case.state == "notice" and not case.objections.exists()

    other = resident(coordinator, body="37010219850307123", name="李援助")
    case = identified(coordinator, reviewer, approver, other)
    client = APIClient()
    client.force_login(coordinator, backend=BACKEND)
    answer = client.post(
        f"/api/v1/identifications/{case.pk}/transitions/", {"transition": "exit", "comment": "x"}
    )
    assert answer.status_code == 400
    case.refresh_from_db()
    assert case.state == "identified"


def test_the_notice_step_is_due_the_working_day_after_the_notice(coordinator, reviewer, approver):
    case = in_notice(coordinator, approved(coordinator, reviewer, approver).person)
    assert case.notice_ends_on == add_working_days(TODAY(), 7)
    assert case.due_on == add_working_days(TODAY(), 8)
    with after_notice(case):
        assert case.due_on == TODAY()  # the first day it can move on is not overdue


def test_a_plan_with_a_future_signing_date_is_not_half_made(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    with pytest.raises(ValidationError):
        services.plan_create(actor=coordinator, identification=case, goals="就业",
                             agreement_signed_on=TODAY() + datetime.timedelta(days=1))  # fmt: skip
    assert not Plan.objects.filter(identification=case).exists()


def test_an_exit_ends_the_open_measures_and_records_its_reason_in_the_history(
    coordinator, reviewer, approver
):
    case = identified(coordinator, reviewer, approver)
    plan = services.plan_create(actor=coordinator, identification=case, goals="就业")
    measure = services.measure_add(actor=coordinator, plan=plan, kind=ServiceKind.HOME_VISIT,
                                   description="回访", responsible=coordinator, due_on=TODAY())  # fmt: skip
    history.update(
        Measure.objects.filter(pk=measure.pk),
        actor=None,
        due_on=TODAY() - datetime.timedelta(days=3),
    )
    assert measure in Measure.objects.overdue()
    services.identification_exit(actor=coordinator, identification=case, reason=ExitReason.NOT_ELIGIBLE,
                                 on=TODAY(), comment="已不符合条件")  # fmt: skip
    assert measure not in Measure.objects.overdue()
    panel = home_panel(coordinator, TODAY())
    assert panel is None or measure not in panel[1]["measures"]
    with pytest.raises(ValidationError):
        services.measure_add(actor=coordinator, plan=plan, kind=ServiceKind.HOME_VISIT, description="再回访",
                             responsible=coordinator, due_on=TODAY())  # fmt: skip
    latest = case.history.latest()
    assert latest.exit_reason == ExitReason.NOT_ELIGIBLE and latest.history_user == coordinator


def test_only_the_case_s_workers_may_be_named_responsible(coordinator, sibling_coordinator, reviewer, approver,
                                                          finance, city_officer):  # fmt: skip
    plan = services.plan_create(actor=coordinator, identification=identified(coordinator, reviewer, approver),
                                goals="就业")  # fmt: skip
    for worker in (sibling_coordinator, finance, city_officer):
        with pytest.raises(ValidationError) as refused:
            services.measure_add(actor=coordinator, plan=plan, kind=ServiceKind.OTHER, description="x",
                                 responsible=worker, due_on=TODAY())  # fmt: skip
        assert "responsible" in refused.value.message_dict
    for worker in (coordinator, reviewer, approver):
        services.measure_add(actor=coordinator, plan=plan, kind=ServiceKind.OTHER, description="x",
                             responsible=worker, due_on=TODAY())  # fmt: skip
    assert plan.measures.count() == 3


def test_identification_needs_the_person_still_registered_unemployed(
    coordinator, reviewer, approver
):
    reg = approved(coordinator, reviewer, approver)
    with time_machine.travel(TODAY() - datetime.timedelta(days=21), tick=False):
        case = in_notice(coordinator, reg.person)
    workflow.fire(case, "end_notice", actor=coordinator)
    workflow.fire(case, "report", actor=reviewer)
    registration.registration_deregister(
        actor=coordinator, registration=reg, reason="employed", on=TODAY()
    )
    with pytest.raises(ValidationError) as refused:
        workflow.fire(case, "identify", actor=approver)
    assert refused.value.code == "not_registered"


def test_a_category_of_another_province_is_refused(coordinator, reviewer, approver):
    case = services.identification_apply(actor=coordinator, person=approved(coordinator, reviewer, approver).person,
                                         categories=[Category.objects.get(province="37", code="other")],
                                         origin="application")  # fmt: skip
    other = Category.objects.create(province="44", code="other", name="广东：其他")
    with pytest.raises(ValidationError) as refused:
        services.identification_update(actor=coordinator, identification=case, expected_version=case.version,
                                       categories=[other])  # fmt: skip
    assert "categories" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.identification_apply(actor=coordinator, person=case.person, categories=[other], origin="application",
                                      applied_on=TODAY() + datetime.timedelta(days=1))  # fmt: skip


def test_printing_a_card_is_logged(coordinator, reviewer, approver, login):
    case = identified(coordinator, reviewer, approver)
    login(approver).get(reverse("assistance:card", args=[case.card.pk]))
    assert AccessLog.objects.filter(user=approver, object_id=case.person_id).exists()


def test_a_malformed_filter_is_a_clear_error(coordinator):
    client = APIClient()
    client.force_login(coordinator, backend=BACKEND)
    assert client.get("/api/v1/services/", {"identification": "abc"}).status_code == 400


def test_a_step_named_to_a_closed_account_returns_to_everyone_with_the_role(
    coordinator, reviewer, approver
):
    with time_machine.travel(TODAY() - datetime.timedelta(days=21), tick=False):
        case = in_notice(coordinator, approved(coordinator, reviewer, approver).person)
    workflow.fire(case, "end_notice", actor=coordinator)
    assert case.assignee_id == reviewer.pk
    colleague = User.objects.create(username="reviewer-2", name="同事", org=reviewer.org)
    colleague.roles.add(Role.objects.get(code="reviewer"))
    assert case not in worklist(colleague) and case in worklist(reviewer)
    history.update(User.objects.filter(pk=reviewer.pk), actor=None, is_active=False)
    assert case in worklist(colleague)


def test_a_household_without_anyone_able_to_work_lapses_rather_than_clears(coordinator):
    household, (_older, younger) = family(coordinator, ("37010219610307123", "甲退休", LabourStatus.RETIRED),
                                          ("37010219820511222", "乙失业", LabourStatus.UNEMPLOYED))  # fmt: skip
    register_unemployed(younger, coordinator)
    case = ZeroHousehold.objects.get(household=household)
    ledger.person_set_status(
        actor=coordinator, person=younger, status=LabourStatus.UNABLE, since=TODAY()
    )
    case.refresh_from_db()
    assert case.state == HouseholdState.LAPSED and case.ended_on == TODAY()
    assert households.recheck()["lapsed"] == 0  # already ended
