"""The registry: every extension point a line of work plugs into, filled at start-up and
read-only after, and what the apps registered holds together."""

import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from jiuye.core.indicators import Indicator
from jiuye.core.models import WorkflowModel
from jiuye.core.navigation import Section
from jiuye.core.registry import STORES, registry

ARCHITECTURE = Path(__file__).resolve().parents[3] / "docs" / "architecture.md"
LINES_OF_WORK = [  # the project's apps; the engine's test process is not one
    config
    for config in apps.get_app_configs()
    if config.name.startswith("jiuye.") and not config.name.startswith("jiuye.tests.")
]


def test_every_store_is_filled_and_named_in_the_architecture_notes():
    notes = ARCHITECTURE.read_text(encoding="utf-8")
    for store in STORES:
        assert len(store) > 0, store.name
        assert f"`{store.name}`" in notes, f"docs/architecture.md does not name {store.name}"


def test_the_registry_is_read_only_after_start_up():
    with pytest.raises(RuntimeError, match="read-only"):
        registry["menu"].add(Section("晚到", (), order=5))
    with pytest.raises(RuntimeError, match="read-only"):
        registry["parameters"].add(object(), "late.parameter")


@pytest.mark.parametrize("config", LINES_OF_WORK, ids=lambda config: config.label)
def test_each_line_of_work_plugs_in_through_its_app(config):
    own = [name for name in registry["permissions"] if name.startswith(f"{config.label}.")]
    assert own, f"{config.label} declares no permissions"
    assert any(urls.pages.startswith(config.name) for urls in registry["urls"].values())


def test_every_permission_the_menu_and_the_processes_ask_for_is_declared():
    declared = set(registry["permissions"])
    asked = {item.permission for section in registry["menu"] for item in section.items} - {None}
    for model in apps.get_models():
        if issubclass(model, WorkflowModel):
            flow = model.workflow
            asked |= {flow.create_permission} | {t.permission for t in flow.transitions}
    assert asked - {""} <= declared, sorted(asked - {""} - declared)
    for section in registry["menu"]:
        for item in section.items:
            reverse(item.url_name)  # every item opens a page


def test_every_indicator_says_what_it_is():
    indicators = list(registry["indicators"].values())
    assert len(indicators) > 30
    for indicator in indicators:
        assert isinstance(indicator, Indicator)
        assert indicator.label and indicator.definition and indicator.unit, indicator.code
        assert indicator.section and indicator.report and callable(indicator.collect)
        if indicator.ratio:
            for code in indicator.ratio:
                assert registry["indicators"][code].report == indicator.report


def test_seeders_run_in_the_order_of_the_apps_with_the_claims_last():
    names = list(registry["seeders"])
    assert names[:3] == ["regions", "staff", "ledger"] and names[-1] == "subsidies"


def test_the_architecture_notes_name_how_a_line_of_work_plugs_in():
    notes = ARCHITECTURE.read_text(encoding="utf-8")
    assert re.search(r"one line in `INSTALLED_APPS`", notes)


@pytest.mark.django_db
def test_the_nightly_checks_run_every_check_the_apps_registered():
    output = io.StringIO()
    call_command("nightly_checks", stdout=output)
    lines = output.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        str(check.label) for check in registry["nightly_checks"].values()
    ]
