"""No write skips the change history: the querysets of models with history refuse bulk writes
that would, the history-aware helpers record one row per record, and only loading data that
has no past (seeding, the official divisions) writes without it."""

import ast
import datetime
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from jiuye.core import history
from jiuye.core.history import HistorySkipped, RecordedQuerySet, is_recorded, record_on
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.models import LedgerImport, Person
from jiuye.ledger.services import person_create
from jiuye.posts.tests.helpers import resident

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).resolve().parents[2]
# Where writing without history is allowed, and why.
UNRECORDED_CALLERS = {
    "core/history.py": "the history-aware helpers write the history rows themselves",
    "core/seeding.py": "demo data has no past to record",
}
CLAIM_CALLERS = {
    "core/workflow.py": "a transition claims the row, then saves it with its history",
    "core/services.py": "an edit claims the version it loaded, then saves with its history",
}


def valid(body: str) -> str:
    return body + check_character(body)


def recorded_models():
    return [model for model in apps.get_models() if is_recorded(model)]


def test_every_model_with_history_has_a_queryset_that_guards_it():
    models = recorded_models()
    assert len(models) > 30
    unguarded = [
        model._meta.label
        for model in models
        if not isinstance(model._default_manager.get_queryset(), RecordedQuerySet)
    ]
    assert unguarded == []


@pytest.mark.parametrize(
    "write",
    [
        lambda: Person.objects.filter(name="无此人").update(note="x"),
        lambda: Person.objects.bulk_create([]),
        lambda: Person.objects.bulk_update(list(Person.objects.all()[:1]), ["note"]),
        lambda: Person.objects.exclude(household=None).first().household.members.update(note="x"),
    ],
    ids=["update", "bulk_create", "bulk_update", "related manager"],
)
def test_writes_that_would_skip_the_history_are_refused(write):
    with pytest.raises(HistorySkipped, match="skip the change history"):
        write()


def test_models_without_history_write_in_bulk_as_usual(coordinator):
    job = LedgerImport.objects.create(
        region=coordinator.org.region, uploaded_by=coordinator, filename="a.xlsx", content=b""
    )
    assert LedgerImport.objects.filter(pk=job.pk).update(filename="b.xlsx") == 1


def test_update_records_each_changed_record_for_its_actor(coordinator):
    people = [resident(coordinator, name) for name in ("甲", "乙", "丙")]
    history.change(people[2], actor=coordinator, note="入户核实")
    versions = {p.pk: Person.objects.get(pk=p.pk).version for p in people}
    queryset = Person.objects.filter(pk__in=[p.pk for p in people])

    assert history.update(queryset, actor=coordinator, note="入户核实") == 2

    for person in people:
        fresh = Person.objects.get(pk=person.pk)
        latest = fresh.history.latest()
        assert fresh.note == "入户核实" and latest.note == "入户核实"
        assert latest.history_user == coordinator
        assert fresh.version == versions[person.pk] + (person.pk != people[2].pk)


def test_bulk_create_writes_a_history_row_for_each_record(coordinator):
    rows = [
        Person(
            region=coordinator.org.region,
            id_number=number,
            name=name,
            sex="1",
            birth_date=datetime.date(1990, 1, 1),
            status=LabourStatus.UNEMPLOYED,
            status_since=datetime.date(2026, 1, 1),
        )
        for number, name in (
            (valid("37010219900101001"), "批一"),
            (valid("37010219900101002"), "批二"),
        )
    ]
    created = history.bulk_create(rows, actor=coordinator)
    for person in created:
        assert [(row.history_type, row.history_user) for row in person.history.all()] == [
            ("+", coordinator)
        ]


def test_a_record_reads_as_it_stood_on_any_past_day(coordinator):
    days = [datetime.date(2026, 3, 2), datetime.date(2026, 5, 11), datetime.date(2026, 6, 1)]
    with time_machine.travel(
        datetime.datetime(2026, 3, 2, 9, tzinfo=timezone.get_current_timezone())
    ):
        person, _record = person_create(
            actor=coordinator, id_number=valid("37010219880707003"), name="时点甲",
            region=coordinator.org.region, status=LabourStatus.UNEMPLOYED,
            status_since=days[0], address="旧址",
        )  # fmt: skip
    with time_machine.travel(
        datetime.datetime(2026, 5, 11, 9, tzinfo=timezone.get_current_timezone())
    ):
        history.change(person, actor=coordinator, address="新址")

    assert record_on(person, days[0] - datetime.timedelta(days=1)) is None
    assert record_on(person, days[0]).address == "旧址"
    assert record_on(person, days[1] - datetime.timedelta(days=1)).address == "旧址"
    assert record_on(person, days[1]).address == "新址"
    assert record_on(person, days[2]).history_user == coordinator


def _calls(name: str):
    """(path, line) of every call of ``name`` (a function or method) in the package's code."""
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/migrations/" in relative or "/tests/" in relative:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called == name:
                    yield relative, node.lineno


def test_only_data_without_a_past_is_written_without_history():
    callers = {path for path, _line in _calls("unrecorded")}
    assert callers <= UNRECORDED_CALLERS.keys(), callers - UNRECORDED_CALLERS.keys()


def test_only_the_core_claims_rows_without_saving_them_itself():
    callers = {path for path, _line in _calls("claim")}
    assert callers <= CLAIM_CALLERS.keys(), callers - CLAIM_CALLERS.keys()
