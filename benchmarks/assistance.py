"""Benchmark of employment assistance on the ``large`` data set (1,000,000 residents).

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing, and
measures: the nightly re-check of every household of the province; the assistance dashboard
of a county (as its approver), of a city and of the province; the province's 动态清零 report; the lists of identifications and
of zero-employment households; and the check of one household after a member's status change.

    python benchmarks/assistance.py                                   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/assistance.py
"""

import time

from common import client_of, median_ms, options, page_ms, setup

setup()

from django.db import connection, transaction  # noqa: E402

from jiuye.assistance import households  # noqa: E402
from jiuye.assistance.models import Card, Identification, ZeroHousehold  # noqa: E402
from jiuye.ledger.models import Household, Person  # noqa: E402


def main():
    args = options(__doc__)
    print(
        f"database: {connection.vendor}; residents {Person.objects.count():,}, households "
        f"{Household.objects.count():,}; identifications {Identification.objects.count():,}, cards "
        f"{Card.objects.count():,}; open zero-employment households {ZeroHousehold.objects.open().count():,}"
    )

    for run in (1, 2):
        started = time.monotonic()
        totals = households.recheck()
        print(
            f"nightly re-check of every household, run {run}: {time.monotonic() - started:.1f} s {totals}"
        )

    print(f"\nmedian of {args.runs} runs, ms")
    approver = client_of("approver-370102")
    print(
        f"county dashboard (历下区, as its approver): {page_ms(approver, '/assistance/dashboard/', args.runs):.0f}"
    )
    print(f"  its identifications list: {page_ms(approver, '/assistance/', args.runs):.0f}")
    print(
        f"  its zero-employment households: {page_ms(approver, '/assistance/households/', args.runs):.0f}"
    )
    print(
        f"  API /statistics/assistance/: {page_ms(approver, '/api/v1/statistics/assistance/', args.runs):.0f}"
    )
    city = client_of("city-3701")
    print(f"city dashboard (济南市): {page_ms(city, '/assistance/dashboard/', args.runs):.0f}")
    province = client_of("province-37")
    print(
        f"province dashboard (山东省): {page_ms(province, '/assistance/dashboard/', args.runs):.0f}"
    )
    print(
        f"province 动态清零 report of the year: {page_ms(province, '/assistance/zeroing/', args.runs):.0f}"
    )
    coordinator = client_of("coordinator-370102001002")
    print(
        f"a coordinator's home page (work list, measures due, households): {page_ms(coordinator, '/', args.runs):.0f}"
    )

    household = Household.objects.filter(region_id="370102001002").order_by("pk").first()

    def check_one():
        with transaction.atomic():
            households.household_changed(household_ids=[household.pk])

    print(f"checking one household after a status change: {median_ms(check_one, args.runs):.1f}")


if __name__ == "__main__":
    main()
