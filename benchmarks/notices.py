"""Benchmark of documents between levels on the ``large`` data set (every office of the
province).

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing.
Measures a province notice sent to every community and village office (one receipt each, made
in bulk with their history; run in a transaction rolled back, so the database does not grow),
the province's page of that notice (counts and the first page of receipts), its unread list as
Excel, the province's list of notices sent, and a community's inbox.

    python benchmarks/notices.py [--runs N] [--skip-seed]   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/notices.py
"""

import time

from common import client_of, median_ms, options, page_ms, setup

setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from jiuye.notices.models import Notice, Receipt  # noqa: E402
from jiuye.notices.services import notice_send  # noqa: E402
from jiuye.regions.choices import OrgKind  # noqa: E402
from jiuye.staff.models import User  # noqa: E402


def send(admin):
    return notice_send(actor=admin, title="基准测试通知", body="基准测试正文",
                       kinds=[OrgKind.VILLAGE_STATION])  # fmt: skip


class Rollback(Exception):
    pass


def sent_and_rolled_back(admin) -> tuple[int, int, float]:
    """(receipts, queries, seconds) of one sending, undone afterwards."""
    try:
        with transaction.atomic():
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                notice = send(admin)
            seconds = time.perf_counter() - started
            receipts = notice.receipts.count()
            raise Rollback
    except Rollback:
        pass
    return receipts, len(queries), seconds


def main():
    args = options(__doc__)
    runs = max(1, min(args.runs, 3))  # a sending to every village takes seconds: a few runs do
    admin = User.objects.get(username="province-37")
    print(f"database: {connection.vendor}; notices {Notice.objects.count():,}; "
          f"receipts {Receipt.objects.count():,}")  # fmt: skip
    timings = [sent_and_rolled_back(admin) for _ in range(runs)]
    receipts, queries, _seconds = timings[0]
    median = sorted(seconds for _r, _q, seconds in timings)[len(timings) // 2]
    print(f"a province notice to every community and village: {receipts:,} receipts in {queries} "
          f"queries, {median * 1000:.0f} ms (median of {runs})")  # fmt: skip

    notice = Notice.objects.filter(org__region_id="370000000000").order_by("-pk").first()
    province = client_of("province-37")
    print(f"\nmedian of {args.runs} runs, ms (the demo's province notice: "
          f"{notice.receipts.count():,} receipts)")  # fmt: skip
    print(
        f"its page, counts and the first 50 receipts: {page_ms(province, notice.get_absolute_url(), args.runs):.0f}"
    )
    print(
        f"  the unread only: {page_ms(province, notice.get_absolute_url() + '?state=unread', args.runs):.0f}"
    )
    export = f"/notices/{notice.pk}/receipts.xlsx?state=unread"
    print(f"  who has not read it, as Excel: {median_ms(lambda: province.get(export), 1):.0f}")
    print(f"the province's notices sent: {page_ms(province, '/notices/sent/', args.runs):.0f}")
    village = notice.receipts.order_by("pk").values_list("org_id", flat=True).first()
    coordinator = User.objects.filter(org_id=village).order_by("pk").first()
    print(
        f"a community's inbox: {page_ms(client_of(coordinator.username), '/notices/', args.runs):.0f}"
    )


if __name__ == "__main__":
    main()
