import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.utils import timezone

from jiuye.conftest import VILLAGE_A
from jiuye.core import history, workflow
from jiuye.core.history import timeline
from jiuye.core.models import WorkflowEvent
from jiuye.core.selectors import worklist
from jiuye.core.services import save_versioned
from jiuye.core.workdays import add_working_days
from jiuye.staff.models import User
from jiuye.tests.sampleflow.models import SampleCase


def samples(items):
    """The sample process's items of a work list (the demo data has real cases too)."""
    return [item for item in items if isinstance(item, SampleCase)]


def new_case(actor, title="张三的申请") -> SampleCase:
    case = SampleCase(region_id=VILLAGE_A, title=title)
    workflow.start(case, actor=actor)
    return case


@pytest.mark.django_db
class TestTransitions:
    def test_a_new_case_starts_in_the_first_state_and_logs_its_creation(self, coordinator):
        case = new_case(coordinator)
        assert case.state == "draft" and case.due_on is None
        [event] = case.events
        assert (event.transition, event.from_state, event.to_state, event.actor) == (
            "create",
            "",
            "draft",
            coordinator,
        )

    def test_firing_moves_the_case_sets_the_step_deadline_and_appends_an_event(
        self, coordinator, approver
    ):
        case = new_case(coordinator)
        workflow.fire(case, "submit", actor=coordinator, comment="材料齐全")
        today = timezone.localdate()
        assert case.state == "submitted"
        assert case.due_on == add_working_days(today, 5)
        workflow.fire(case, "review", actor=approver)
        case.refresh_from_db()
        assert case.state == "reviewed" and case.due_on == add_working_days(today, 10)
        events = list(case.events)
        assert [(e.from_state, e.to_state, e.actor.username) for e in events] == [
            ("", "draft", coordinator.username),
            ("draft", "submitted", coordinator.username),
            ("submitted", "reviewed", approver.username),
        ]
        assert events[1].comment == "材料齐全"
        workflow.fire(case, "approve", actor=approver)
        assert case.state == "approved" and case.due_on is None  # a final state has no deadline

    def test_a_role_without_the_permission_is_refused_and_nothing_changes(self, coordinator):
        case = new_case(coordinator)
        workflow.fire(case, "submit", actor=coordinator)
        with pytest.raises(PermissionDenied):
            workflow.fire(case, "review", actor=coordinator)
        case.refresh_from_db()
        assert case.state == "submitted" and len(case.events) == 2

    def test_a_user_of_another_jurisdiction_gets_not_found(self, coordinator, sibling_approver):
        case = new_case(coordinator)
        workflow.fire(case, "submit", actor=coordinator)
        with pytest.raises(Http404):
            workflow.fire(case, "review", actor=sibling_approver)
        case.refresh_from_db()
        assert case.state == "submitted"

    def test_a_second_approval_of_the_same_step_is_refused_clearly(self, coordinator, approver):
        case = new_case(coordinator)
        workflow.fire(case, "submit", actor=coordinator)
        stale_copy = SampleCase.objects.get(pk=case.pk)
        workflow.fire(case, "review", actor=approver)
        with pytest.raises(ValidationError) as refusal:
            workflow.fire(stale_copy, "review", actor=approver)
        assert refusal.value.code == "stale_state"
        assert "待审批" in refusal.value.messages[0] and "已有他人办理" in refusal.value.messages[0]
        assert WorkflowEvent.objects.filter(object_id=case.pk, transition="review").count() == 1

    def test_a_transition_that_needs_a_comment_refuses_an_empty_one(self, coordinator, approver):
        case = new_case(coordinator)
        workflow.fire(case, "submit", actor=coordinator)
        with pytest.raises(ValidationError) as refusal:
            workflow.fire(case, "reject", actor=approver, comment="  ")
        assert "comment" in refusal.value.message_dict
        workflow.fire(case, "reject", actor=approver, comment="材料不全，请补充户口簿")
        assert case.state == "rejected"

    def test_only_a_role_with_the_create_permission_starts_a_case(self, inspector, approver):
        for actor in (inspector, approver):
            with pytest.raises(PermissionDenied):
                new_case(actor)
        assert not SampleCase.objects.exists()

    def test_a_case_cannot_be_started_outside_the_jurisdiction(self, sibling_coordinator):
        with pytest.raises(ValidationError) as refusal:
            new_case(sibling_coordinator)  # village A is not theirs
        assert "region" in refusal.value.message_dict
        assert not SampleCase.objects.exists()

    def test_what_was_submitted_is_frozen_for_ordinary_edits(self, coordinator):
        case = new_case(coordinator, "原标题")
        case.title = "草稿时可以修改"
        save_versioned(case, expected_version=case.version, actor=coordinator)
        workflow.fire(case, "submit", actor=coordinator)
        case.title = "提交后想改"
        with pytest.raises(ValidationError) as refusal:
            save_versioned(case, expected_version=case.version, actor=coordinator)
        assert refusal.value.code == "frozen"
        assert SampleCase.objects.get(pk=case.pk).title == "草稿时可以修改"

    def test_the_change_history_credits_each_transition_to_its_actor(
        self, coordinator, approver, login
    ):
        case = new_case(coordinator)
        workflow.fire(case, "submit", actor=coordinator)
        workflow.fire(case, "review", actor=approver)
        entries = timeline(case.history.all(), viewer=approver)
        review = entries[0]
        assert review.user == approver
        assert ("状态", "待审核", "待审批") in [(c.field, c.old, c.new) for c in review.changes]

    def test_an_unknown_transition_is_refused(self, coordinator):
        case = new_case(coordinator)
        with pytest.raises(ValidationError):
            workflow.fire(case, "teleport", actor=coordinator)

    def test_the_actions_offered_are_those_the_user_may_fire_now(self, coordinator, approver):
        case = new_case(coordinator)
        workflow.fire(case, "submit", actor=coordinator)
        assert SampleCase.workflow.available(case, coordinator) == []
        assert [t.name for t in SampleCase.workflow.available(case, approver)] == [
            "review",
            "reject",
        ]


@pytest.mark.django_db
class TestEvents:
    def test_events_cannot_be_changed_or_deleted(self, coordinator):
        case = new_case(coordinator)
        event = case.events.get()
        event.comment = "改写历史"
        with pytest.raises(ValidationError):
            event.save()
        with pytest.raises(ValidationError):
            event.delete()
        with pytest.raises(ValidationError):
            WorkflowEvent.objects.filter(pk=event.pk).update(comment="改写历史")
        with pytest.raises(ValidationError):
            WorkflowEvent.objects.filter(pk=event.pk).delete()
        assert WorkflowEvent.objects.get(pk=event.pk).comment == ""


@pytest.mark.django_db
class TestDeadlines:
    def test_overdue_steps_are_queryable_and_listed_on_the_work_list(
        self, coordinator, approver, sibling_approver, login
    ):
        on_time = new_case(coordinator, "按时")
        late = new_case(coordinator, "超期")
        for case in (on_time, late):
            workflow.fire(case, "submit", actor=coordinator)
        history.update(
            SampleCase.objects.filter(pk=late.pk),
            actor=None,
            due_on=timezone.localdate() - datetime.timedelta(days=3),
        )
        assert list(SampleCase.objects.overdue()) == [SampleCase.objects.get(pk=late.pk)]
        assert [item.title for item in samples(worklist(approver))] == ["超期", "按时"]
        assert samples(worklist(sibling_approver)) == []
        assert samples(worklist(coordinator)) == []  # the coordinator cannot act on submitted cases
        draft = new_case(coordinator, "草稿")
        assert samples(worklist(coordinator)) == [draft]  # a step without a deadline is still work
        page = login(approver).get("/").content.decode()
        assert "超期" in page and "已超期" in page


def _fire_in_thread(pk, username, results, barrier):
    try:
        actor = User.objects.get(username=username)
        case = SampleCase.objects.get(pk=pk)
        barrier.wait()
        workflow.fire(case, "review", actor=actor)
        results.append("ok")
    except ValidationError as error:
        results.append(error.code)
    finally:
        connection.close()


def test_of_two_concurrent_approvals_exactly_one_succeeds(transactional_world):
    coordinator = User.objects.get(username=f"coordinator-{VILLAGE_A}")
    case = new_case(coordinator)
    workflow.fire(case, "submit", actor=coordinator)
    results, barrier = [], threading.Barrier(2)
    threads = [
        threading.Thread(target=_fire_in_thread, args=(case.pk, name, results, barrier))
        for name in ("approver-370102", "city-3701")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["ok", "stale_state"]
    assert WorkflowEvent.objects.filter(object_id=case.pk, transition="review").count() == 1
    case.refresh_from_db()
    assert case.state == "reviewed" and case.version == 3
