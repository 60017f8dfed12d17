"""Benchmark of job matching on the ``large`` data set (1,000,000 residents).

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing: the
jobs seeder adds about 20,000 open vacancies and 100,000 job seekers. Measures ranking the
published vacancies for one seeker, ranking the seekers of a jurisdiction for one vacancy (as
the province, a city, a county and a township), and the pages that show them.

    python benchmarks/jobs.py                                   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/jobs.py
"""

import time

from common import client_of, median_ms, options, page_ms, setup

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from jiuye.jobs import matching, services  # noqa: E402
from jiuye.jobs.models import Seeker, Vacancy  # noqa: E402
from jiuye.ledger.models import Person  # noqa: E402
from jiuye.staff.models import User  # noqa: E402


def main():
    args = options(__doc__)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    print(
        f"database: {connection.vendor}; residents {Person.objects.count():,}; published vacancies "
        f"{Vacancy.objects.published().count():,}; active job seekers {Seeker.objects.active().count():,}"
    )

    active = Seeker.objects.active().select_related("person").order_by("pk")
    seekers = [active[n] for n in range(0, min(active.count(), 100_000), 20_000)]
    vacancy = Vacancy.objects.published().order_by("pk").first()
    print(f"\nmedian of {args.runs} runs, ms")
    for seeker in seekers:
        ms = median_ms(lambda s=seeker: matching.vacancies_for(s), args.runs)
        print(f"rank the vacancies for seeker {seeker.pk} ({seeker.region_id}): {ms:.0f}")
    for username in ("province-37", "city-3701", "approver-370102", "reviewer-370102001"):
        user = User.objects.get(username=username)
        visible = Seeker.objects.visible_to(user).active().count()
        ms = median_ms(lambda u=user: matching.seekers_for(vacancy, u), args.runs)
        print(
            f"rank the seekers for vacancy {vacancy.pk} as {username} ({visible:,} seekers): {ms:.0f}"
        )
    county = client_of("approver-370102")
    print(
        f"seeker page with its ranked vacancies: {page_ms(county, f'/jobs/seekers/{seekers[0].pk}/', args.runs):.0f}"
    )
    township = client_of("reviewer-370102001")
    print(
        f"vacancy page with the township's ranked seekers: {page_ms(township, f'/jobs/vacancies/{vacancy.pk}/', args.runs):.0f}"
    )
    print(
        f"vacancy list (published, all jurisdictions): {page_ms(township, '/jobs/', args.runs):.0f}"
    )
    print(f"public job board: {page_ms(Client(), '/jobs/board/', args.runs):.0f}")
    started = time.monotonic()
    changed = services.seekers_refresh_priority()
    print(f"nightly: the priority flags of {changed:,} seekers: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
