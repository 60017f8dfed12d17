"""Test fixtures shared by every app: the real regions, the demo organisations and the personas.

The test database gets all 64,095 real divisions and the ``tiny`` demo data set once per
session. The personas are demo accounts: a coordinator of 解放桥社区 (village A), one of the
sibling 历山路社区 (village B), the reviewer of their street, the approver of 历下区 and the
approver of the sibling county 市中区.
"""

import io
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import translation

from jiuye.core import seeding
from jiuye.regions.models import Region
from jiuye.regions.services import regions_load
from jiuye.staff.models import User

# Playwright's sync API runs an event loop in the test thread; Django must let the ORM run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VILLAGE_A = "370102001002"  # 解放桥社区, 解放路街道, 历下区
VILLAGE_B = "370102001003"  # 历山路社区, the sibling community
TOWNSHIP = "370102001000"  # 解放路街道
COUNTY = "370102000000"  # 历下区
SIBLING_COUNTY = "370103000000"  # 市中区
PASSWORD = "jiuye-demo"
BACKEND = "jiuye.staff.backends.RoleBackend"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed", scale="tiny", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a page asked in English leaves English
    active in the thread (LocaleMiddleware activates a language and never resets it)."""
    translation.activate(settings.LANGUAGE_CODE)


def _persona(username):
    @pytest.fixture
    def persona(db):
        return User.objects.get(username=username)

    return persona


coordinator = _persona(f"coordinator-{VILLAGE_A}")
sibling_coordinator = _persona(f"coordinator-{VILLAGE_B}")
reviewer = _persona("reviewer-370102001")
approver = _persona("approver-370102")
sibling_approver = _persona("approver-370103")
finance = _persona("finance-370102")
inspector = _persona("inspector-370102")
city_officer = _persona("city-3701")
province_admin = _persona("province-37")
superuser = _persona("admin")


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user`` and returns the client."""

    def log_in(user):
        client.force_login(user, backend=BACKEND)
        return client

    return log_in


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser (see docs/testing.md)."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    """A page of a phone's browser: 390 × 844, touch, as a coordinator holds it at the door."""
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def transactional_world(transactional_db):
    """For tests that commit (browser, concurrency): the tiny data set in a committed database.

    pytest-django empties every table after such a test. The first one of a test process finds
    the session's data set (or seeds it again, if another committing test emptied it first)
    and copies every table aside; the later ones copy it back, in a second or two instead of
    the half minute of a seed."""
    if _world_copied:
        _world_restore()
        return
    if not Region.objects.filter(code=COUNTY).exists():
        regions_load(prefix="3701")
        seeding.run(scale="tiny", log=lambda text: None)
    _world_copy()


_world_copied = False
COPY_PREFIX = "copy_"


def _world_tables():
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _world_copy():
    global _world_copied
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _world_tables():
            cursor.execute(f"DROP TABLE IF EXISTS {quote(COPY_PREFIX + table)}")
            cursor.execute(
                f"CREATE TABLE {quote(COPY_PREFIX + table)} AS SELECT * FROM {quote(table)}"
            )
    _world_copied = True


def _world_restore():
    """Copy the tables back, in place of the content types and permissions that the emptying
    made again; foreign keys are checked at the commit (Django makes them deferrable on both
    databases), so the order of the tables does not matter."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _world_tables():
            cursor.execute(f"DELETE FROM {quote(table)}")
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(COPY_PREFIX + table)}")
        for statement in connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)
        ):
            cursor.execute(statement)
