"""What the benchmark scripts share: Django set up on the benchmark database, and timing.

Call ``setup()`` before importing anything of jiuye. Without ``DATABASE_URL`` the database is
a SQLite file under ``benchmarks/out/``."""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKEND = "jiuye.staff.backends.RoleBackend"


def setup(sqlite_name: str = "ledger.sqlite3") -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiuye.settings")
    if not os.environ.get("DATABASE_URL"):
        (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
        os.environ.setdefault("SQLITE_PATH", str(ROOT / "benchmarks" / "out" / sqlite_name))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()


def median_ms(function, runs: int) -> float:
    """The median time of ``runs`` calls after one warm-up call, in milliseconds."""
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def client_of(username: str):
    """A test client logged in as ``username``."""
    from django.test import Client

    from jiuye.staff.models import User

    client = Client()
    client.force_login(User.objects.get(username=username), backend=BACKEND)
    return client


def page_ms(client, url: str, runs: int) -> float:
    assert client.get(url).status_code == 200, url
    return median_ms(lambda: client.get(url), runs)


def options(doc: str):
    """The command line (``--runs``, ``--skip-seed``); unless skipped, seed what is missing
    of the ``large`` data set first."""
    from django.core.management import call_command

    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-seed", action="store_true")
    args = parser.parse_args()
    if not args.skip_seed:
        call_command("migrate", verbosity=0)
        started = time.monotonic()
        call_command("seed", scale="large", stdout=io.StringIO())
        print(f"seed --scale large (what was missing): {time.monotonic() - started:.0f} s")
    return args
