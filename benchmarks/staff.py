"""Benchmark of the staff pages of issue 12 (posts and targets, training, certification) on the
``large`` data set.

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing. Measures
the page of the office with the most shares of targets and of its township (their posts, their
targets of the year with the office's and each post's holders' figures), the posts and training
lists of that county, the list of who lacks this year's training, the certification page of the
province and of that county, and the county's home page (which counts who lacks training).

    python benchmarks/staff.py [--runs N] [--skip-seed]   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/staff.py
"""

from common import client_of, options, page_ms, setup

setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiuye.regions.codes import Level, ancestor, prefix_of  # noqa: E402
from jiuye.regions.models import ServiceOrg  # noqa: E402
from jiuye.staff.models import Target  # noqa: E402


def main():
    args = options(__doc__)
    year = timezone.localdate().year
    busiest = (
        Target.objects.filter(year=year)
        .values("org_id", "org__region_id").annotate(n=Count("shares")).order_by("-n", "org_id").first()
    )  # fmt: skip
    county = ancestor(busiest["org__region_id"], Level.COUNTY)
    township = ServiceOrg.objects.get(region_id=ancestor(busiest["org__region_id"], Level.TOWNSHIP),
                                      kind="township_centre")  # fmt: skip
    print(f"database: {connection.vendor}; office {busiest['org__region_id']} "
          f"({busiest['n']} shares of targets); median of {args.runs} runs, ms")  # fmt: skip
    approver = client_of(f"approver-{prefix_of(county, Level.COUNTY)}")
    province = client_of("province-37")
    for label, client, url in (
        ("an office's posts and targets of the year", approver, f"/staff/offices/{busiest['org_id']}/"),
        ("its township's", approver, f"/staff/offices/{township.pk}/"),
        ("the county's posts (first page)", approver, "/staff/positions/"),
        ("the county's staff training (first page)", approver, "/staff/training/"),
        ("who in the county lacks this year's training", approver, "/staff/training/?lacking=this_year"),
        ("certification by sub-region, the county", approver, "/staff/certification/"),
        ("certification by sub-region, the province", province, "/staff/certification/"),
        ("the county approver's home page", approver, "/"),
    ):  # fmt: skip
        print(f"{label}: {page_ms(client, url, args.runs):.0f}")


if __name__ == "__main__":
    main()
