"""Benchmark of the subsidy ledger on the ``large`` data set (1,000,000 residents).

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing (the
programmes' seeders add posts, flexible workers, trainees and loans). Measures computing one
county's monthly claims — every kind, for every office of the county, written and then rolled
back so each run starts alike — and the province's programmes report by city (page, Excel and
API), with a city's and a county's for comparison.

    python benchmarks/subsidies.py                              # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/subsidies.py
"""

import datetime
import time

from common import client_of, median_ms, options, page_ms, setup

setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.db.models.functions import Substr  # noqa: E402

from jiuye.ledger.models import Person  # noqa: E402
from jiuye.ledger.seeding import TODAY  # noqa: E402
from jiuye.regions.models import ServiceOrg  # noqa: E402
from jiuye.subsidies.kinds import KINDS  # noqa: E402
from jiuye.subsidies.services import claims_prepare_all  # noqa: E402

MONTH = (TODAY.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


class Rollback(Exception):
    pass


def county_claims(county: str) -> tuple[int, int, float]:
    """The month-end batch of ``county`` (``subsidies.services.claims_prepare_all``: every
    office, every kind), written and then rolled back: (claims, lines, seconds)."""
    started = time.perf_counter()
    try:
        with transaction.atomic():
            claims = claims_prepare_all(prefix=county, month=MONTH).prepared
            raise Rollback
    except Rollback:
        pass
    return len(claims), sum(claim.count for claim in claims), time.perf_counter() - started


def main():
    args = options(__doc__)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    print(
        f"database: {connection.vendor}; residents {Person.objects.count():,}; kinds {len(KINDS)}; month {MONTH:%Y-%m}"
    )
    busiest = (
        Person.objects.annotate(county=Substr("region_id", 1, 6)).values("county")
        .annotate(n=Count("pk")).order_by("-n").first()
    )  # fmt: skip
    county = busiest["county"]
    print(f"the county with the most residents: {county} ({busiest['n']:,})")
    offices = ServiceOrg.objects.filter(region__code__startswith=county).count()
    runs = []
    for _ in range(3):
        claims, lines, seconds = county_claims(county)
        runs.append(seconds)
    print(f"\ncounty {county} ({offices} offices): {claims} claims, {lines} lines; "
          f"seconds per run: {', '.join(f'{s:.1f}' for s in runs)}")  # fmt: skip

    print(f"\nmedian of {args.runs} runs, ms")
    month = f"{MONTH:%Y-%m}"
    for username, label in (("province-37", "province by city"), ("city-3701", "city by county"),
                            ("approver-370102", "county by township")):  # fmt: skip
        client = client_of(username)
        print(
            f"report page, {label}: {page_ms(client, f'/subsidies/report/?month={month}', args.runs):.0f}"
        )
    province = client_of("province-37")
    print(
        f"report API, province by city: {page_ms(province, f'/api/v1/statistics/programmes/?month={MONTH}', args.runs):.0f}"
    )
    print(
        f"report Excel, province by city: {page_ms(province, f'/subsidies/report/export.xlsx?month={month}', args.runs):.0f}"
    )
    print(f"budget list, province: {page_ms(province, '/subsidies/budgets/', args.runs):.0f}")
    ms = median_ms(lambda: province.get("/subsidies/"), args.runs)
    print(f"claim list, province: {ms:.0f}")


if __name__ == "__main__":
    main()
