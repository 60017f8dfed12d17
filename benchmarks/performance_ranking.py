"""Benchmark of office performance on the ``large`` data set (1,000,000 residents).

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing (the
performance seeder adds the province's schemes). Measures the province's ranking of all its
streets and townships for a quarter (the computation, the page, the Excel file and the API;
target under 10 s), a city's and a county's ranking, an office's page (its score explained
item by item, ranked among its siblings), the province's ranking of a city's communities and
villages, and the reward proposal of a county (``performance.reward.awards``).

    python benchmarks/performance_ranking.py [--runs N] [--skip-seed]   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/performance_ranking.py
"""

from common import client_of, median_ms, options, page_ms, setup

setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from jiuye.ledger.seeding import TODAY  # noqa: E402
from jiuye.performance.choices import OfficeLevel  # noqa: E402
from jiuye.performance.periods import last_ended  # noqa: E402
from jiuye.performance.reward import awards  # noqa: E402
from jiuye.performance.scoring import ranking  # noqa: E402
from jiuye.regions.models import Region  # noqa: E402
from jiuye.staff.models import User  # noqa: E402

PERIOD = last_ended(TODAY)  # the quarter before the data set's today


def main():
    args = options(__doc__)
    runs = max(1, min(args.runs, 5))  # a province's ranking takes seconds: a few runs do
    province = Region.objects.get(code="370000000000")
    admin = User.objects.get(username="province-37")
    streets = Region.objects.filter(level=OfficeLevel.TOWNSHIP).count()
    print(f"database: {connection.vendor}; streets and townships {streets:,}; period {PERIOD.key}")

    with CaptureQueriesContext(connection) as queries:
        found = ranking(admin, province, OfficeLevel.TOWNSHIP, PERIOD)
    print(f"province ranking: {len(found.scores):,} offices ranked in {len(queries)} queries; "
          f"best {found.scores[0].region.name} {found.scores[0].total}")  # fmt: skip

    print(f"\nmedian of {runs} runs, ms")
    compute = median_ms(lambda: ranking(admin, province, OfficeLevel.TOWNSHIP, PERIOD), runs)
    print(
        f"province ranking of every street and township, computed: {compute:.0f} (target < 10,000)"
    )
    client = client_of("province-37")
    query = f"region=370000000000&level=4&period={PERIOD.key}"
    print(f"  its page: {page_ms(client, f'/performance/?{query}', runs):.0f}")
    print(f"  its Excel file: {page_ms(client, f'/performance/export.xlsx?{query}', runs):.0f}")
    print(
        f"  API /performance/ranking/: {page_ms(client, f'/api/v1/performance/ranking/?{query}', runs):.0f}"
    )
    print(
        f"city ranking (济南市): {page_ms(client, f'/performance/?region=370100000000&level=4&period={PERIOD.key}', runs):.0f}"
    )
    approver = client_of("approver-370102")
    print(
        f"county ranking (历下区, as its approver): {page_ms(approver, f'/performance/?period={PERIOD.key}', runs):.0f}"
    )
    print(
        f"an office's page (解放路街道): {page_ms(approver, f'/performance/office/370102001000/?period={PERIOD.key}', runs):.0f}"
    )
    print(
        f"communities and villages of 济南市 ranked: {page_ms(client, f'/performance/?region=370100000000&level=5&period={PERIOD.key}', runs):.0f}"
    )
    county = Region.objects.get(code="370102000000")
    reward = median_ms(lambda: awards(county, PERIOD, year=TODAY.year), runs)
    print(f"a county's 以奖代补 rewards computed (历下区): {reward:.0f}")


if __name__ == "__main__":
    main()
