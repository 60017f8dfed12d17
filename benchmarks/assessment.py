"""Benchmark of the yearly assessment of staff on the ``large`` data set (1,000,000 residents).

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing. Takes
the county with the most staff in its townships and villages (over 1,000 at ``large``) and,
in a transaction rolled back at the end (the database is left as it was), opens its round of
this year — every worker's assessment created and 绩 and 勤 prefilled from the year's records
(target under 30 s) — then measures prefilling again (the step 开始评分), the round's page
and its Excel file.

    python benchmarks/assessment.py [--runs N] [--skip-seed]   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/assessment.py
"""

import time

from common import client_of, median_ms, options, setup

setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiuye.assessment import prefill, services  # noqa: E402
from jiuye.assessment.models import Round  # noqa: E402
from jiuye.regions.codes import Level, ancestor, prefix_of  # noqa: E402
from jiuye.staff.models import User  # noqa: E402


class Rollback(Exception):
    pass


def biggest_county() -> tuple[str, int]:
    """The county with the most staff a round assesses, and how many."""
    counts: dict[str, int] = {}
    rows = (
        User.objects.filter(is_active=True, org__is_active=True, org__kind__in=services.ASSESSED_KINDS)
        .values("org__region_id").annotate(n=Count("pk")).order_by()
    )  # fmt: skip
    for row in rows:
        county = ancestor(row["org__region_id"], Level.COUNTY)
        counts[county] = counts.get(county, 0) + row["n"]
    return max(counts.items(), key=lambda item: item[1])


def main():
    args = options(__doc__)
    runs = max(1, min(args.runs, 5))  # a county's prefill takes seconds: a few runs do
    county, staff = biggest_county()
    approver = User.objects.get(username=f"approver-{prefix_of(county, Level.COUNTY)}")
    year = timezone.localdate().year
    print(
        f"database: {connection.vendor}; county {county}: {staff:,} staff in its townships and villages"
    )
    try:
        with transaction.atomic():
            if Round.objects.filter(region_id=county, year=year).exists():
                year -= 5
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                round_ = services.round_open(actor=approver, year=year)
            opened = time.perf_counter() - started
            print(f"round opened, {round_.assessments.count():,} workers prefilled: {opened:.1f} s "
                  f"in {len(queries)} queries (target < 30 s)")  # fmt: skip
            assessments = list(round_.assessments.select_related("worker"))
            with CaptureQueriesContext(connection) as queries:
                prefill.compute(round_, assessments)
            print(f"  of which the counting: {len(queries)} queries for all workers "
                  f"(one per registered work, one for the deadlines, one for the posts' targets)")  # fmt: skip
            print(f"\nmedian of {runs} runs, ms")
            compute = median_ms(lambda: prefill.compute(round_, assessments), runs)
            print(f"绩 and 勤 counted for every worker: {compute:.0f}")
            again = median_ms(lambda: services.round_prefill(actor=approver, round_=round_), runs)
            print(
                f"prefilled again, written with history (开始评分): {again:.0f} (target < 30,000)"
            )
            client = client_of(approver.username)
            url = f"/assessment/rounds/{round_.pk}/"
            assert client.get(url).status_code == 200
            print(
                f"the round's page (50 workers a page): {median_ms(lambda: client.get(url), runs):.0f}"
            )
            print(f"its Excel file: {median_ms(lambda: client.get(url + 'export.xlsx'), runs):.0f}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
