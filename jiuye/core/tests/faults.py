"""Real faults for the fault tests: the database connection cut in the middle of a job, and
background workers (``manage.py db_worker``) as real processes on the test database."""

import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager

import psycopg
from django.conf import settings
from django.db import connection

WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"(\w+)"', re.IGNORECASE)


def cut(conn) -> None:
    """Lose the connection for real. PostgreSQL: another connection terminates its server
    process (``pg_terminate_backend``, waiting until it is gone). SQLite: the database file's
    handle is closed under Django, so its next statement fails and the open transaction is
    lost, as when a process loses its file."""
    if conn.vendor == "postgresql":
        pid, db = conn.connection.info.backend_pid, conn.settings_dict
        with psycopg.connect(
            dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None,
            host=db["HOST"] or None, port=db["PORT"] or None, autocommit=True,
        ) as other:  # fmt: skip
            (gone,) = other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()
        assert gone, f"backend {pid} not terminated"
    else:
        conn.connection.close()


@contextmanager
def connection_lost(table: str, *, at: int = 1, verbs=("INSERT INTO", "UPDATE", "DELETE FROM")):
    """Cut the connection just before the ``at``-th statement writing to ``table`` (of
    ``verbs``): that statement runs on the lost connection and fails. Yields a list that gets
    the statements seen (to check that the cut happened)."""
    seen = []

    def wrapper(execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match and match[2] == table and match[1].upper() in verbs:
            seen.append(sql)
            if len(seen) == at:
                cut(context["connection"])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen


def worker_env() -> dict:
    """The environment of a worker process on this test run's database, with the database
    backend of django-tasks (the test settings run tasks inline)."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jiuye.settings",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
        if db["PASSWORD"]:
            env["PGPASSWORD"] = db["PASSWORD"]
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(db["NAME"])
    return env


def start_worker(name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.05", "--no-reload",
         "--no-startup-delay", "--worker-id", name, "-v", "2"],
        cwd=settings.BASE_DIR, env=worker_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip


def wait_for(condition, *, timeout: float = 60, what: str = "the workers"):
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, f"{what}: nothing after {timeout} s"
        time.sleep(0.1)
    return value
