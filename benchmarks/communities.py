"""Benchmark of full-employment communities on the ``large`` data set (1,000,000 residents).

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing, and
measures: the monthly figures of every community and village of the province (the nightly
snapshot); a community's page (its figures of the day against every standard) and the
persons behind a figure; the share at the standard of a county, a city and the province; and
a re-check of every title of the province.

    python benchmarks/communities.py                                   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/communities.py
"""

import time

from common import client_of, options, page_ms, setup

setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiuye.communities import evaluation, services  # noqa: E402
from jiuye.communities.models import CommunityMonth, Standard, Title  # noqa: E402
from jiuye.core import history  # noqa: E402
from jiuye.ledger.models import Person  # noqa: E402
from jiuye.regions.models import Region  # noqa: E402
from jiuye.staff.models import User  # noqa: E402


def main():
    args = options(__doc__)
    month = timezone.localdate().replace(day=1)
    print(f"database: {connection.vendor}; residents {Person.objects.count():,}")

    for run in (1, 2):
        started = time.monotonic()
        rows = evaluation.snapshot(month)
        print(f"monthly figures of every community and village, run {run}: "
              f"{time.monotonic() - started:.1f} s ({rows:,} rows)")  # fmt: skip
    kept = CommunityMonth.objects.filter(month=month)
    print(
        f"  at the standard: {kept.filter(at_target=True).count():,} of {kept.filter(region__level=5).count():,} villages"
    )

    print(f"\nmedian of {args.runs} runs, ms")
    coordinator = client_of("coordinator-370102001002")
    print(f"a community's page (解放桥社区, as its coordinator): "
          f"{page_ms(coordinator, '/communities/region/370102001002/', args.runs):.0f}")  # fmt: skip
    print(f"  the persons behind its labour rate: "
          f"{page_ms(coordinator, '/ledger/behind/labour_rate/370102001002/', args.runs):.0f}")  # fmt: skip
    approver = client_of("approver-370102")
    print(
        f"a street's page (解放路街道): {page_ms(approver, '/communities/region/370102001000/', args.runs):.0f}"
    )
    print(
        f"share at the standard, county (历下区): {page_ms(approver, '/communities/', args.runs):.0f}"
    )
    city = client_of("city-3701")
    print(f"share at the standard, city (济南市): {page_ms(city, '/communities/', args.runs):.0f}")
    province = client_of("province-37")
    print(
        f"share at the standard, province (山东省): {page_ms(province, '/communities/', args.runs):.0f}"
    )

    admin = User.objects.get(username="province-37")
    with transaction.atomic():
        # a title for every twentieth village, as if recognised (rolled back at the end)
        standard = Standard.objects.get(is_target=True)
        today = timezone.localdate()
        villages = (
            kept.filter(region__level=5).order_by("region_id").values_list("region_id", flat=True)
        )
        history.bulk_create([Title(region_id=code, standard=standard, state="valid", granted_on=today,
                                   valid_until=today.replace(year=today.year + 2))
                             for code in list(villages)[::20]], actor=admin)  # fmt: skip
        titles = Title.objects.filter(state="valid").count()
        started = time.monotonic()
        recheck = services.recheck_start(actor=admin, region=Region.objects.get(code="370000000000"),
                                         name="基准复查", kind="full_employment")  # fmt: skip
        failed = recheck.items.filter(passed=False).count()
        print(f"\nre-check of every title of the province ({titles} titles, {failed} revoked): "
              f"{time.monotonic() - started:.1f} s (rolled back)")  # fmt: skip
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
