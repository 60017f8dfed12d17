"""What the benchmark scripts share: Django set up on the benchmark database, and timing.

Call ``setup()`` before importing anything of jiuye. Without ``DATABASE_URL`` the database is
a SQLite file under ``benchmarks/out/``."""

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
