"""Benchmark of the ledger's statistics page (issue 13) on the ``large`` data set.

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing.
Measures, as the county's approver, the statistics page of the county with the most residents
for a past date (the last day of the month three months back) and today, and as the province's
administrator, the province's page for that past date, and the county's Excel download.

    python benchmarks/ledger_statistics.py [--runs N] [--skip-seed]   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/ledger_statistics.py
"""

import datetime

from common import client_of, options, page_ms, setup

setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiuye.core.workdays import months_before  # noqa: E402
from jiuye.ledger.models import Person  # noqa: E402
from jiuye.regions.codes import Level, ancestor, prefix_of  # noqa: E402


def main():
    args = options(__doc__)
    today = timezone.localdate()
    past = months_before(today.replace(day=1), 2) - datetime.timedelta(days=1)
    villages = Person.objects.values("region_id").annotate(n=Count("pk")).order_by()
    counties: dict[str, int] = {}
    for row in villages:
        county = ancestor(row["region_id"], Level.COUNTY)
        counties[county] = counties.get(county, 0) + row["n"]
    county = max(counties, key=counties.get)
    print(f"database: {connection.vendor}; county {county} ({counties[county]:,} residents), "
          f"{sum(counties.values()):,} in all; past date {past}; median of {args.runs} runs, ms")  # fmt: skip
    approver = client_of(f"approver-{prefix_of(county, Level.COUNTY)}")
    province = client_of("province-37")
    for label, client, url in (
        ("the county's statistics, a past date", approver, f"/statistics/?on={past}"),
        ("the county's statistics, today", approver, "/statistics/"),
        ("the county's statistics as Excel, a past date", approver, f"/statistics/export.xlsx?on={past}"),
        ("the province's statistics, a past date", province, f"/statistics/?on={past}"),
    ):  # fmt: skip
        print(f"{label}: {page_ms(client, url, args.runs):.0f}")


if __name__ == "__main__":
    main()
