import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from jiuye.conftest import COUNTY, VILLAGE_B
from jiuye.core import parameters
from jiuye.core.selectors import worklist
from jiuye.core.workdays import add_working_days
from jiuye.supervision.choices import Conclusion
from jiuye.supervision.models import Finding
from jiuye.supervision.services import (
    finding_add,
    finding_follow_up,
    finding_reply,
    inspectable_orgs,
    inspection_update,
)
from jiuye.supervision.tests.helpers import inspect, office, township_office

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_a_finding_is_due_by_default_the_parameters_working_days_after_the_inspection(approver):
    finding = inspect(approver).findings.get()
    days = parameters.value("supervision.fix_days", COUNTY)
    assert finding.fix_by == add_working_days(TODAY(), days) == finding.due_on
    assert finding.state == "open" and finding.inspection.by_org == approver.org


def test_each_level_inspects_only_the_offices_below_it(
    coordinator, reviewer, approver, sibling_approver, city_officer
):
    assert set(inspectable_orgs(reviewer)) >= {office(), office(VILLAGE_B)}
    assert township_office() not in inspectable_orgs(reviewer)  # not itself
    assert township_office() in inspectable_orgs(approver)
    assert office() in inspectable_orgs(city_officer)
    assert office() not in inspectable_orgs(sibling_approver)
    with pytest.raises(ValidationError) as refused:
        inspect(reviewer, township_office())
    assert "org" in refused.value.message_dict
    with pytest.raises(ValidationError):
        inspect(sibling_approver)
    with pytest.raises(PermissionDenied):
        inspect(coordinator)


def test_an_inspection_cannot_be_dated_after_today_nor_a_deadline_before_it(approver):
    with pytest.raises(ValidationError) as refused:
        inspect(approver, inspected_on=TODAY() + datetime.timedelta(days=1))
    assert "inspected_on" in refused.value.message_dict
    inspection = inspect(approver, problems=())
    with pytest.raises(ValidationError) as refused:
        finding_add(actor=approver, inspection=inspection, area="funds", problem="经费",
                    requirement="专账", fix_by=TODAY() - datetime.timedelta(days=1))  # fmt: skip
    assert "fix_by" in refused.value.message_dict


def test_only_the_office_inspected_replies(coordinator, sibling_coordinator, reviewer, approver):
    finding = inspect(approver).findings.get()
    with pytest.raises(PermissionDenied):  # the township may edit village A, but is not its office
        finding_reply(actor=reviewer, finding=finding, reply="代为反馈")
    with pytest.raises(PermissionDenied):
        finding_reply(actor=approver, finding=finding, reply="代为反馈")
    with pytest.raises(Http404):
        finding_reply(actor=sibling_coordinator, finding=finding, reply="反馈")
    finding_reply(actor=coordinator, finding=finding, reply="已整改")
    assert finding.state == "replied" and finding.replied_by == coordinator


def test_only_the_inspecting_office_follows_up_and_edits(coordinator, reviewer, approver):
    inspection = inspect(approver)
    finding = inspection.findings.get()
    finding_reply(actor=coordinator, finding=finding, reply="已整改")
    with pytest.raises(PermissionDenied):  # the township did not make this inspection
        finding_follow_up(actor=reviewer, finding=finding, accepted=True)
    with pytest.raises(PermissionDenied):
        inspection_update(actor=reviewer, inspection=inspection, expected_version=1,
                          conclusion=Conclusion.CRITICISED)  # fmt: skip
    with pytest.raises(PermissionDenied):
        finding_add(
            actor=reviewer, inspection=inspection, area="work", problem="问题", requirement="要求"
        )
    inspection_update(actor=approver, inspection=inspection, expected_version=inspection.version,
                      conclusion=Conclusion.COMMENDED)  # fmt: skip
    assert inspection.conclusion == Conclusion.COMMENDED


def test_a_reply_file_must_be_a_document_of_at_most_ten_megabytes(coordinator, approver):
    finding = inspect(approver).findings.get()
    with pytest.raises(ValidationError) as refused:
        finding_reply(actor=coordinator, finding=finding, reply="已整改",
                      file=SimpleUploadedFile("run.exe", b"MZ"))  # fmt: skip
    assert "file" in refused.value.message_dict
    finding.refresh_from_db()
    assert finding.state == "open" and not finding.attachments.exists()


def test_sending_back_needs_a_reason_and_gives_a_new_deadline(coordinator, approver):
    finding = inspect(approver).findings.get()
    finding_reply(actor=coordinator, finding=finding, reply="已整改")
    with pytest.raises(ValidationError) as refused:
        finding_follow_up(actor=approver, finding=finding, accepted=False)
    assert "note" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        finding_follow_up(actor=approver, finding=finding, accepted=False, note="不到位",
                          fix_by=TODAY() - datetime.timedelta(days=1))  # fmt: skip
    assert "fix_by" in refused.value.message_dict
    finding_follow_up(actor=approver, finding=finding, accepted=False, note="不到位")
    days = parameters.value("supervision.fix_days", COUNTY)
    assert finding.state == "open" and finding.fix_by == finding.due_on == add_working_days(
        TODAY(), days
    )


def test_the_full_cycle_is_in_the_event_log_and_on_the_work_lists(coordinator, reviewer, approver):
    """The township inspects village A; the coordinator lets the deadline pass, replies late,
    is sent back, replies again; the township accepts the fix and the finding is closed."""
    start = TODAY() - datetime.timedelta(days=30)
    with time_machine.travel(start, tick=False):
        inspection = inspect(reviewer, problems=("走访记录缺失",))
    finding = inspection.findings.get()
    assert finding in worklist(coordinator) and finding not in worklist(reviewer)
    assert Finding.objects.overdue().filter(pk=finding.pk).exists()  # 30 days > 20 working days

    finding_reply(actor=coordinator, finding=finding, reply="已补齐记录",
                  file=SimpleUploadedFile("记录.pdf", b"%PDF-1.4"))  # fmt: skip
    assert finding.due_on == add_working_days(
        TODAY(), parameters.value("supervision.follow_up_days", COUNTY)
    )
    assert finding in worklist(reviewer) and finding not in worklist(coordinator)
    assert not Finding.objects.overdue().filter(pk=finding.pk).exists()

    finding_follow_up(actor=reviewer, finding=finding, accepted=False, note="缺少6月记录",
                      fix_by=TODAY() + datetime.timedelta(days=5))  # fmt: skip
    assert finding in worklist(coordinator)
    finding_reply(actor=coordinator, finding=finding, reply="6月记录已补")
    finding_follow_up(actor=reviewer, finding=finding, accepted=True, note="整改到位")
    assert finding.state == "closed" and finding.due_on is None
    assert finding not in worklist(reviewer) and finding not in worklist(coordinator)

    log = [(e.transition, e.from_state, e.to_state, e.actor, e.comment) for e in finding.events]
    assert log == [
        ("create", "", "open", reviewer, ""),
        ("reply", "open", "replied", coordinator, "已补齐记录"),
        ("send_back", "replied", "open", reviewer, "缺少6月记录"),
        ("reply", "open", "replied", coordinator, "6月记录已补"),
        ("accept", "replied", "closed", reviewer, "整改到位"),
    ]
    assert finding.attachments.get().uploaded_by == coordinator
    assert finding.history.count() == 5  # every step in the change history too
