"""The demo and benchmark data set: one deterministic, idempotent generator for all apps.

``manage.py seed --scale tiny|small|large [--seed N]`` runs each app's ``seeding.seed`` (the
registry's ``seeders``, in the order of ``INSTALLED_APPS``). A seeder creates only what is missing, so running the command
twice changes nothing, and the same seed gives the same data.
"""

import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import DateField, DateTimeField, Max
from django.utils import timezone

from jiuye.core import history
from jiuye.core.registry import registry


@dataclass(frozen=True)
class Scale:
    name: str
    prefixes: tuple[str, ...]  # region subtrees covered completely (every region staffed)
    residents: int  # about this many residents, spread over the villages of the prefixes


SCALES = {
    "tiny": Scale("tiny", ("370102", "370103"), 5_000),  # 历下区 and 市中区 of 济南市
    "small": Scale("small", ("3701",), 50_000),  # all of 济南市
    "large": Scale("large", ("37",), 1_000_000),  # the whole province
}


@dataclass
class SeedContext:
    scale: Scale
    seed: int
    log: callable

    def rng(self, *key) -> random.Random:
        """A random generator for one record, so a record does not change when others do."""
        return random.Random(f"{self.seed}:{':'.join(map(str, key))}")


def run(*, scale: str, seed: int = 1, log=print, only: list[str] | None = None) -> None:
    """Run the seeders (the registry's ``seeders``, or those named in ``only``) at ``scale``."""
    context = SeedContext(scale=SCALES[scale], seed=seed, log=log)
    for seeder in registry["seeders"].values():
        if only is None or seeder.name in only:
            started = time.monotonic()
            # one commit (SQLite would sync to disk per statement); demo data has no past, so
            # seeders insert in bulk without change history
            with (
                transaction.atomic(),
                history.unrecorded("demo data"),
                connection.execute_wrapper(AnalyseAsLoaded()),
            ):
                seeder.run(context)
                analyse_loaded()
            _analysed.clear()
            log(f"  ({seeder.name}: {time.monotonic() - started:.1f} s)")


# The salt of every demo account's password hash: set_password always draws a random salt, so an
# active account whose hash has this one is a demo account that still has the password the seed
# gave it, and production refuses to start (core.production) without hashing any password.
# As long as a drawn salt (22 characters, 128 bits), or Django would draw a new one at the first
# login (hashers.must_update_salt) and the account would no longer be known for a demo one.
DEMO_SALT = "jiuyedemoaccountseedsalt"


def demo_password() -> str:
    """The password hash of the demo accounts (``JIUYE_DEMO_PASSWORD`` with ``DEMO_SALT``)."""
    return make_password(settings.JIUYE_DEMO_PASSWORD, salt=DEMO_SALT)


def fast_insert(model, rows: list[dict], *, batch_size: int = 1000) -> None:
    """Insert plain rows (attribute name → value, ids included), many to a statement.

    The demo data of the ``large`` scale has millions of rows; building model instances and
    letting the ORM prepare each value costs several times the database's own work. Values
    missing from a row take the field's default. Dates and times go through the backend's
    adapters; other values are passed as they are. Call ``reset_sequences`` afterwards.
    """
    if not rows:
        return
    fields = model._meta.concrete_fields
    now = timezone.now()
    defaults = {
        field.attname: now if getattr(field, "auto_now", False) else field.get_default()
        for field in fields
    }
    ops = connection.ops
    adapters = {}
    for field in fields:
        if isinstance(field, DateTimeField):
            adapters[field.attname] = ops.adapt_datetimefield_value
        elif isinstance(field, DateField):
            adapters[field.attname] = ops.adapt_datefield_value
    columns = ", ".join(ops.quote_name(field.column) for field in fields)
    sql = (
        f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    names = [field.attname for field in fields]
    values = [
        tuple(
            adapters[name](row.get(name, defaults[name]))
            if name in adapters
            else row.get(name, defaults[name])
            for name in names
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), batch_size):
            cursor.executemany(sql, values[start : start + batch_size])


class AnalyseAsLoaded:
    """Around a seeder's statements: after a write, at most once a second, the tables it has
    grown are analysed (``analyse_loaded``), so its own later statements are planned right."""

    def __init__(self, every: float = 1.0):
        self.every = every
        self.checked = time.monotonic()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) and (
            time.monotonic() - self.checked >= self.every
        ):
            self.checked = time.monotonic()
            analyse_loaded()
        return result


_analysed: dict[str, int] = {}  # table → its rows changed by this seeder when last analysed


def analyse_loaded() -> None:
    """Give PostgreSQL's planner statistics of what the running seeder has loaded so far.

    A seeder's later statements and the next seeders join tables that were empty when last
    analysed; without statistics the planner takes them for empty and picks plans that run
    for minutes. Autovacuum would notice the new rows only after the commit, and some servers
    run without it, so a table is analysed here (inside the seeder's transaction, which sees
    its own rows) once the rows changed since its last analysis pass a fifth of its size — a
    table growing from nothing is analysed a few times, each time at about double the size.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.relname, s.n_tup_ins + s.n_tup_upd + s.n_tup_del, c.reltuples "
            "FROM pg_stat_xact_user_tables s JOIN pg_class c ON c.oid = s.relid"
        )
        for table, changed, rows in cursor.fetchall():
            if changed - _analysed.get(table, 0) >= max(1000, rows / 5):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
                _analysed[table] = changed


def next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def reset_sequences(*models) -> None:
    """After ``fast_insert`` with ids chosen by the seeder, let the database's sequences go on
    from the highest id (PostgreSQL; SQLite needs nothing)."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
