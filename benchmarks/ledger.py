"""Benchmark of the resident ledger on the ``large`` data set (1,000,000 residents).

Builds (or reuses) the data set in a database of its own, adds a township of 100,000
residents (解放路街道, 370102001) and measures: seeding ``large``; finding a person by
identity number; a township's first list page (through Django's test client, as the
township's reviewer); and importing a 10,000-row ledger file (validation and writing).

    python benchmarks/ledger.py                                   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/ledger.py
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiuye.settings")
if not os.environ.get("DATABASE_URL"):
    (ROOT / "benchmarks" / "out").mkdir(exist_ok=True)
    os.environ.setdefault("SQLITE_PATH", str(ROOT / "benchmarks" / "out" / "ledger.sqlite3"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from jiuye.core.seeding import (  # noqa: E402
    SCALES,
    SeedContext,
    reset_sequences,
)
from jiuye.ledger import importing  # noqa: E402
from jiuye.ledger.excel import COLUMNS  # noqa: E402
from jiuye.ledger.filters import search  # noqa: E402
from jiuye.ledger.identity import check_character  # noqa: E402
from jiuye.ledger.models import (  # noqa: E402
    Household,
    Person,
    StatusRecord,
)
from jiuye.ledger.seeding import Ids, Numbers, _people_of_village, _save  # noqa: E402
from jiuye.regions.models import Region  # noqa: E402
from jiuye.staff.models import User  # noqa: E402

TOWNSHIP = "370102001"
BIG = 100_000


def median_ms(function, runs):
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def big_township() -> int:
    """Make 解放路街道 a township of 100,000 residents (as the largest urban streets are)."""
    have = Person.objects.within(TOWNSHIP).count()
    if have >= BIG:
        return have
    villages = list(Region.objects.within(TOWNSHIP).filter(level=5).order_by("code"))
    context = SeedContext(scale=SCALES["tiny"], seed=7, log=print)
    numbers = Numbers(set(Person.objects.within("370102").values_list("id_number", flat=True)))
    recorder = User.objects.filter(is_superuser=True).first().pk
    per_village = (BIG - have) // len(villages) + 1
    ids = Ids()
    for village in villages:
        rng = context.rng("big-township", village.code)
        _save([_people_of_village(village, per_village, rng, numbers, recorder, ids)])
    reset_sequences(Household, Person, StatusRecord)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Person.objects.within(TOWNSHIP).count()


def ledger_file(rows: int) -> bytes:
    """A ledger of ``rows`` new residents of one community, typed the way people type."""
    rng = random.Random(3)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(COLUMNS)
    formats = ["{:%Y-%m-%d}", "{:%Y/%m/%d}", "{:%Y.%m.%d}", "{:%Y%m%d}"]
    taken = set()
    for index in range(rows):
        while True:
            year, month, day = rng.randint(1966, 2005), rng.randint(1, 12), rng.randint(1, 28)
            body = f"371602{year}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
            if body not in taken:
                taken.add(body)
                break
        number = body + check_character(body)
        since = f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        unemployed = rng.random() < 0.3
        sheet.append([
            f"导入{index}", number, "", "汉族", rng.choice(formats).format(datetime.date(year, month, day)),
            "高中", "非农业户口", "", "", "370102001002", f"解放路{index}号", f"138{rng.randint(0, 99999999):08d}",
            "失业" if unemployed else "灵活就业", "", "" if unemployed else since, since if unemployed else "", "",
        ])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-seed", action="store_true")
    args = parser.parse_args()

    if not args.skip_seed:
        call_command("migrate", verbosity=0)
        started = time.monotonic()
        call_command("seed", scale="large", stdout=io.StringIO())
        print(f"seed --scale large: {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    township = big_township()
    print(
        f"database: {connection.vendor}; residents {Person.objects.count():,}; 解放路街道 {township:,} "
        f"(made in {time.monotonic() - started:.0f} s); median of {args.runs} runs\n"
    )

    numbers = list(
        Person.objects.order_by("?").values_list("id_number", flat=True)[: args.runs + 1]
    )
    picks = iter(numbers * 2)
    by_number = median_ms(lambda: list(search(Person.objects.all(), next(picks))), args.runs)
    print(f"find a person by identity number: {by_number:.2f} ms")

    client = Client()
    client.force_login(
        User.objects.get(username="reviewer-370102001"), backend="jiuye.staff.backends.RoleBackend"
    )
    assert client.get("/ledger/").status_code == 200
    print(
        f"township first list page (/ledger/, {township:,} residents): {median_ms(lambda: client.get('/ledger/'), args.runs):.0f} ms"
    )
    print(
        f"same, filtered to the unemployed: {median_ms(lambda: client.get('/ledger/?status=unemployed'), args.runs):.0f} ms"
    )
    print(
        f"same, search by name initials: {median_ms(lambda: client.get('/ledger/?q=wxm'), args.runs):.0f} ms"
    )
    print(
        f"page 500 of the list: {median_ms(lambda: client.get('/ledger/?page=500'), args.runs):.0f} ms"
    )

    coordinator = User.objects.select_related("org").get(username="coordinator-370102001002")
    Person.objects.filter(name__startswith="导入", region_id="370102001002").delete()
    content = ledger_file(10_000)
    started = time.monotonic()
    report = importing.validate(
        content, "ledger.xlsx", actor=coordinator, region_code="370102001002"
    )
    validated = time.monotonic() - started
    assert not report.errors, report.errors[:3]
    started = time.monotonic()
    result = importing.apply(report.rows, actor=coordinator)
    written = time.monotonic() - started
    print(
        f"import 10,000 rows: validate {validated:.1f} s, write {written:.1f} s, total {validated + written:.1f} s "
        f"({result['created']} created)"
    )


if __name__ == "__main__":
    main()
