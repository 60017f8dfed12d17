"""Benchmark of jurisdiction scoping on the ``large`` data set.

Builds (or reuses) the ``large`` data set in a database of its own, then, for a user at each
level (province, city, county, township, village), times the scoped staff list's first page
and its count through the ORM (``User.objects.visible_to(user)``) against the same query
written by hand in SQL, and the region-browser page at each level through Django's test client.

    python benchmarks/jurisdiction.py                      # SQLite, benchmarks/out/large.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_bench python benchmarks/jurisdiction.py

Prints median milliseconds over --runs repetitions (after one warm-up run). "page ORM" is the
whole ORM call, building 50 users with their organisation and region as Python objects;
"ORM SQL" is the SQL the ORM generated, run by hand, to compare the database's work alone
with the hand-written query ("page SQL", same rows and columns).
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiuye.settings")
if not os.environ.get("DATABASE_URL"):
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    os.environ.setdefault("SQLITE_PATH", str(ROOT / "benchmarks" / "out" / "large.sqlite3"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from jiuye.regions.codes import prefix_bounds  # noqa: E402
from jiuye.regions.models import Region, ServiceOrg  # noqa: E402
from jiuye.staff.models import User  # noqa: E402

LEVELS = [
    ("province", "province-37"),
    ("city", "city-3701"),
    ("county", "approver-370102"),
    ("township", "reviewer-370102001"),
    ("village", "coordinator-370102001002"),
]
PAGE = 50

RAW_PAGE = """
SELECT u.*, o.*, r.*
FROM staff_user u
JOIN regions_serviceorg o ON o.id = u.org_id
JOIN regions_region r ON r.code = o.region_id
WHERE o.region_id >= %s AND o.region_id <= %s
ORDER BY o.region_id, u.username
LIMIT %s
"""
RAW_COUNT = """
SELECT COUNT(*) FROM staff_user u JOIN regions_serviceorg o ON o.id = u.org_id
WHERE o.region_id >= %s AND o.region_id <= %s
"""


def median_ms(function, runs):
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def raw(sql, params):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the data set as it is")
    args = parser.parse_args()

    vendor = connection.vendor
    if not args.skip_seed:
        started = time.monotonic()
        call_command("migrate", verbosity=0)
        call_command("seed", scale="large", stdout=io.StringIO())
        print(f"seed --scale large: {time.monotonic() - started:.1f} s")
    print(
        f"database: {vendor}; regions {Region.objects.count():,}, organisations {ServiceOrg.objects.count():,}, "
        f"staff {User.objects.count():,}; median of {args.runs} runs, ms\n"
    )

    print(
        f"{'level':<9} {'rows':>7} | {'page ORM':>8} {'ORM SQL':>8} {'page SQL':>8} {'ratio':>5} | "
        f"{'count ORM':>9} {'count SQL':>9} {'ratio':>5}"
    )
    for level, username in LEVELS:
        user = User.objects.select_related("org").get(username=username)
        bounds = prefix_bounds(user.jurisdiction_prefix)
        scoped = User.objects.visible_to(user)
        page_query = scoped.select_related("org__region").order_by("org__region_id", "username")[
            :PAGE
        ]
        orm_page = median_ms(lambda query=page_query: list(query.all()), args.runs)
        sql, params = page_query.query.sql_with_params()
        orm_sql_only = median_ms(raw(sql, params), args.runs)
        raw_page = median_ms(raw(RAW_PAGE, [*bounds, PAGE]), args.runs)
        orm_count = median_ms(scoped.all().count, args.runs)
        raw_count = median_ms(raw(RAW_COUNT, bounds), args.runs)
        rows = scoped.count()
        print(
            f"{level:<9} {rows:>7,} | {orm_page:>8.2f} {orm_sql_only:>8.2f} {raw_page:>8.2f} "
            f"{orm_sql_only / raw_page:>5.2f} | {orm_count:>9.2f} {raw_count:>9.2f} {orm_count / raw_count:>5.2f}"
        )

    print(f"\n{'region browser page':<28} {'children':>8} {'ms':>8}")
    client = Client()
    for level, username in LEVELS[:4]:
        user = User.objects.get(username=username)
        client.force_login(user, backend="jiuye.staff.backends.RoleBackend")
        code = user.org.region_id
        url = f"/regions/{code}/"
        assert client.get(url).status_code == 200
        children = Region.objects.filter(parent_id=code).count()
        print(
            f"{level + ' ' + code:<28} {children:>8} {median_ms(lambda url=url: client.get(url), args.runs):>8.1f}"
        )


if __name__ == "__main__":
    main()
