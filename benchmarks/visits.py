"""Benchmark of the coordinator's visit round (issue 15) on the ``large`` data set.

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing. Takes
the community (village-level region) with the most residents and a coordinator of it, then
measures the round of the coming week computed for them (every line of work's due items, the
persons, grouped by address; target under 300 ms for 5,000 residents), the round page, and
the size of the offline bundle the phone keeps (target under 1 MB).

    python benchmarks/visits.py [--runs N] [--skip-seed]   # SQLite, benchmarks/out/ledger.sqlite3

No village at ``large`` has 5,000 residents (the biggest has a few dozen), so the community
with the most residents is first grown to ``BIG`` with the ledger seeder's own residents, and
the seeders of the lines of work that put people on a round then add what those residents
lack (registrations, assistance, flexible work, training, loans), as for any village.
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/visits.py
"""

import datetime

from common import BACKEND, median_ms, options, page_ms, setup

setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiuye.core import seeding  # noqa: E402
from jiuye.ledger.models import Household, Person, StatusRecord  # noqa: E402
from jiuye.ledger.seeding import Ids, Numbers, _people_of_village, _save  # noqa: E402
from jiuye.regions.models import Region  # noqa: E402
from jiuye.staff.models import User  # noqa: E402
from jiuye.visits import selectors  # noqa: E402


def biggest_community() -> tuple[User, Region, int]:
    """The community with a coordinator and the most residents."""
    coordinated = User.objects.filter(is_active=True, roles__code="coordinator").values(
        "org__region_id"
    )
    row = (
        Person.objects.filter(region_id__in=coordinated).values("region_id")
        .annotate(n=Count("pk")).order_by("-n").first()
    )  # fmt: skip
    region = Region.objects.get(code=row["region_id"])
    user = User.objects.filter(
        is_active=True, roles__code="coordinator", org__region=region
    ).first()
    return user, region, row["n"]


BIG = 5_000
LINES = ["registration", "assistance", "flexible", "training", "startups"]


def grow(region: Region, residents: int) -> None:
    """Make ``region`` a community of ``BIG`` residents, with what the lines of work seed."""
    context = seeding.SeedContext(scale=seeding.SCALES["large"], seed=1, log=print)
    county = region.code[:6]
    numbers = Numbers(set(Person.objects.within(county).values_list("id_number", flat=True)))
    recorder = User.objects.filter(is_superuser=True).order_by("pk").first().pk
    rng, means = context.rng("big-community", region.code), context.rng("big-means", region.code)
    with transaction.atomic():
        _save([_people_of_village(region, BIG - residents, rng, numbers, recorder, Ids(), means)])
        seeding.reset_sequences(Household, Person, StatusRecord)
    seeding.run(scale="large", only=LINES, log=print)


def main():
    args = options(__doc__)
    user, region, residents = biggest_community()
    if residents < BIG:
        grow(region, residents)
        user, region, residents = biggest_community()
    today = timezone.localdate()
    until = today + datetime.timedelta(days=selectors.WEEK - 1)
    print(f"{region.name} ({region.code}): {residents:,} residents, coordinator {user.username}")
    connection.queries_log.clear()  # seeding above may have filled it: count from empty
    with CaptureQueriesContext(connection) as queries:
        groups = selectors.round_for(user, today, until)
    stops = sum(len(stops) for _label, stops in groups)
    items = sum(len(stop.items) for _label, stops in groups for stop in stops)
    print(
        f"round of the week: {stops:,} persons, {items:,} items due, {len(groups)} groups, {len(queries)} queries"
    )
    print(
        f"round computed: {median_ms(lambda: selectors.round_for(user, today, until), args.runs):.0f} ms (median)"
    )
    client = Client()
    client.force_login(user, backend=BACKEND)
    print(f"round page: {page_ms(client, '/visits/', args.runs):.0f} ms (median)")
    bundle = client.get("/visits/offline/")
    print(f"offline bundle of the week: {len(bundle.content) / 1024:.1f} KiB")
    print(f"offline bundle: {page_ms(client, '/visits/offline/', args.runs):.0f} ms (median)")


if __name__ == "__main__":
    main()
