"""Zero-employment households, training needs and vacancies move through the workflow engine:
every change of state is an event of who did what when, and of two people (or a person and a
rule) acting on one at the same moment exactly one wins."""

import datetime
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from jiuye.assistance import households
from jiuye.assistance import services as assistance
from jiuye.assistance.models import ZeroHousehold
from jiuye.assistance.tests.test_households import evidence
from jiuye.conftest import VILLAGE_A
from jiuye.core import workflow
from jiuye.core.registry import registry
from jiuye.core.selectors import worklist
from jiuye.core.workdays import add_months, add_working_days
from jiuye.jobs import services as jobs
from jiuye.jobs.models import Vacancy
from jiuye.jobs.tests.helpers import employer, resident, user, vacancy
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Household
from jiuye.training import services as training
from jiuye.training.models import Need

TODAY = timezone.localdate


def zero_household(coordinator):
    """A one-person household of village A whose member has no work: a case at once."""
    person = resident(coordinator, "零户甲", household=True)
    return ZeroHousehold.objects.get(household=person.household_id)


def events(item):
    return [(event.transition, event.actor, event.to_state) for event in item.events]


def investigated(case, coordinator):
    assistance.household_investigate(actor=coordinator, case=case, expected_version=case.version,
                                     investigation="入户核实")  # fmt: skip
    assistance.household_attachment_add(actor=coordinator, case=case, title="证明", file=evidence())


@pytest.mark.django_db
def test_a_household_case_logs_the_rule_and_each_person(coordinator, reviewer, approver):
    case = zero_household(coordinator)
    assert events(case) == [("create", coordinator, "appeared")]  # the change that found it
    assert case.due_on == add_working_days(case.appeared_on, 5) and case in worklist(coordinator)

    investigated(case, coordinator)
    for transition, actor in (
        ("submit", coordinator),
        ("report", reviewer),
        ("identify", approver),
    ):
        workflow.fire(case, transition, actor=actor)
    assistance.household_support(
        actor=reviewer, case=case, support_plan="推荐公益性岗位", responsible=coordinator
    )
    case.refresh_from_db()
    assert case.assignee == coordinator and case.due_on == add_months(case.identified_on, 1)
    member = case.household.members.get()
    ledger.person_set_status(
        actor=reviewer, person=member, status=LabourStatus.FLEXIBLE, since=TODAY()
    )
    case.refresh_from_db()
    assert case.state == "cleared" and case.ended_on == TODAY() and case.due_on is None
    assert events(case) == [
        ("create", coordinator, "appeared"),
        ("submit", coordinator, "township_review"),
        ("report", reviewer, "county_review"),
        ("identify", approver, "identified"),
        ("support", reviewer, "supported"),
        ("clear", reviewer, "cleared"),  # the rule acted on the reviewer's change
    ]
    assert case.history.latest().ended_on == TODAY()


@pytest.mark.django_db
def test_the_nightly_check_acts_as_nobody_and_people_cannot_fire_its_steps(coordinator):
    case = zero_household(coordinator)
    with pytest.raises(ValidationError) as refused:
        workflow.fire(case, "clear", actor=coordinator)
    assert refused.value.code == "automatic"
    watch_from = TODAY() - datetime.timedelta(days=400)
    workflow.fire_automatic(
        case, "settle", values={"ended_on": watch_from, "stable_since": watch_from}
    )
    households.update(Household.objects.filter(pk=case.household_id), today=TODAY(),
                      region_code="370102000000")  # fmt: skip
    case.refresh_from_db()
    assert case.state == "closed" and case.closed_on == TODAY()
    assert events(case)[-2:] == [("settle", None, "stable"), ("close", None, "closed")]


@pytest.mark.django_db
def test_a_need_and_a_vacancy_log_who_changed_them(coordinator, reviewer):
    person = resident(coordinator, "需求甲")
    need = training.need_record(actor=coordinator, person=person, kind="vocational")
    training.need_close(actor=reviewer, need=need, comment="已自行参加培训")
    assert events(need) == [("create", coordinator, "open"), ("close", reviewer, "closed")]
    assert need.events.last().comment == "已自行参加培训"

    offer = vacancy(coordinator, employer(coordinator), posts=1)
    jobs.vacancy_withdraw(actor=reviewer, vacancy=offer)
    assert events(offer) == [("create", coordinator, "open"), ("withdraw", reviewer, "withdrawn")]
    assert Vacancy.objects.get(pk=offer.pk).state_label == "已撤回"


def _race(*acts):
    """Run the acts in threads released at the same moment; return what each ended with."""
    results, barrier = [], threading.Barrier(len(acts))

    def run(act):
        try:
            barrier.wait()
            act()
            results.append("ok")
        except ValidationError as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(act,)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(results)


def test_of_two_acting_at_once_on_a_household_a_need_or_a_vacancy_exactly_one_wins(
    transactional_world,
):
    coordinator, reviewer = user(f"coordinator-{VILLAGE_A}"), user("reviewer-370102001")

    case = zero_household(coordinator)
    investigated(case, coordinator)
    workflow.fire(case, "submit", actor=coordinator)
    assert _race(
        lambda: workflow.fire(case, "report", actor=reviewer),
        lambda: workflow.fire(case, "reject_township", actor=reviewer, comment="不符合"),
    ) == ["ok", "stale_state"]
    steps = [e.transition for e in ZeroHousehold.objects.get(pk=case.pk).events]
    assert steps.count("report") + steps.count("reject_township") == 1

    need = training.need_record(
        actor=coordinator, person=resident(coordinator, "需求乙"), kind="vocational"
    )
    assert _race(
        lambda: training.need_close(actor=coordinator, need=need),
        lambda: training.need_close(actor=reviewer, need=need),
    ) == ["ok", "stale_state"]
    assert [e.transition for e in Need.objects.get(pk=need.pk).events] == ["create", "close"]

    offer = vacancy(coordinator, employer(coordinator), posts=1)
    assert _race(
        lambda: jobs.vacancy_withdraw(actor=coordinator, vacancy=offer),
        lambda: workflow.fire_automatic(offer, "expire"),  # the nightly check at that moment
    ) == ["ok", "stale_state"]
    assert len(Vacancy.objects.get(pk=offer.pk).events) == 2


def test_the_nightly_checks_run_as_cron_runs_them_outside_a_transaction(transactional_world):
    """Each check opens the transactions it needs (a row lock outside one is an error)."""
    output = io.StringIO()
    call_command("nightly_checks", stdout=output)
    assert len(output.getvalue().splitlines()) == len(registry["nightly_checks"])
