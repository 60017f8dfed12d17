"""Benchmark of policy search over 10,000 policies (target: under 100 ms).

Seeds what is missing (the ``tiny`` demo data set on an empty database, then generated
policies up to ``--policies``, 10,000 by default, spread over the province, its cities and
counties, each a few paragraphs), then times searches in Chinese on the database's full-text
index (FTS5 on SQLite, tsvector and GIN on PostgreSQL): the first page of results ranked by
relevance and their count, for the province and for a county (whose jurisdiction adds its
conditions), with the filters of the list page, and the list page, the API and the public
page as a whole.

    python benchmarks/policies.py [--runs N] [--skip-seed] [--policies N]   # SQLite, benchmarks/out/policies.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_policies_bench python benchmarks/policies.py
"""

import argparse
import io
import time

from common import client_of, median_ms, page_ms, setup

setup("policies.sqlite3")

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiuye.policies.models import Policy  # noqa: E402
from jiuye.policies.seeding import generate  # noqa: E402
from jiuye.regions.models import Region  # noqa: E402
from jiuye.staff.models import User  # noqa: E402

WORDS = [
    "公益性岗位补贴",
    "岗位补贴",
    "一次性创业补贴",
    "社会保险补贴标准",
    "补贴",
    "零工市场 技能提升",
]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--policies", type=int, default=10_000)
    args = parser.parse_args()
    if not args.skip_seed:
        call_command("migrate", verbosity=0)
        if not Region.objects.exists():
            started = time.monotonic()
            call_command("seed", scale="tiny", stdout=io.StringIO())
            print(f"seed --scale tiny: {time.monotonic() - started:.0f} s")
        missing = args.policies - Policy.objects.count()
        if missing > 0:
            started = time.monotonic()
            generate(missing)
            print(f"{missing:,} policies generated and indexed: {time.monotonic() - started:.1f} s")
    return args


def first_page(user, words, **filters):
    policies = Policy.objects.visible_to(user).search(words)
    if filters.get("in_force"):
        policies = policies.in_force(timezone.localdate())
    if filters.get("level"):
        policies = policies.filter(level=filters["level"])
    return list(policies.with_region()[:50]), policies.count()


def main():
    args = arguments()
    runs = args.runs
    admin = User.objects.get(username="province-37")
    approver = User.objects.get(username="approver-370102")
    print(f"database: {connection.vendor}; policies {Policy.objects.count():,}")
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        page, count = first_page(approver, "公益性岗位补贴")
    print(f"a county's search for 公益性岗位补贴: {count:,} found, the first page in "
          f"{len(queries)} queries; best: {page[0].title if page else '—'}")  # fmt: skip

    print(f"\nmedian of {runs} runs, ms (target < 100): first page of 50 and the count")
    print(f"{'words':<20}{'province':>10}{'county':>10}{'county, in force':>18}{'found':>8}")
    for words in WORDS:
        province = median_ms(lambda w=words: first_page(admin, w), runs)
        county = median_ms(lambda w=words: first_page(approver, w), runs)
        in_force = median_ms(lambda w=words: first_page(approver, w, in_force=True), runs)
        found = Policy.objects.visible_to(admin).search(words).count()
        print(f"{words:<20}{province:>10.1f}{county:>10.1f}{in_force:>18.1f}{found:>8,}")

    client = client_of("approver-370102")
    print("\nwhole requests, ms")
    print(
        f"list page ?q=公益性岗位补贴: {page_ms(client, '/policies/?q=公益性岗位补贴', runs):.0f}"
    )
    print(f"list page ?q=补贴&level=province&in_force_on=today: "
          f"{page_ms(client, f'/policies/?q=补贴&level=province&in_force_on={timezone.localdate()}', runs):.0f}")  # fmt: skip
    print(f"API ?q=岗位补贴: {page_ms(client, '/api/v1/policies/policies/?q=岗位补贴', runs):.0f}")
    client.logout()
    print(f"public page ?q=一次性创业补贴 (no login): "
          f"{page_ms(client, '/policies/public/?q=一次性创业补贴', runs):.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
