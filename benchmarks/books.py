"""Benchmark of the ledger books on the ``large`` data set (1,000,000 residents).

Uses the data set of ``benchmarks/ledger.py`` (same database), seeding what is missing. Takes
the street (township) with the most residents on the ledger and measures its labour-resources
book (劳动力资源台账) as Excel, made as the background task makes it (target under 30 s for
about 100,000 residents; no street has as many at ``large``, so the biggest city's book too),
the books page of the street, and one community's book as PDF.

    python benchmarks/books.py [--runs N] [--skip-seed]   # SQLite, benchmarks/out/ledger.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiuye_ledger python benchmarks/books.py
"""

import time

from common import client_of, median_ms, options, setup

setup()

from django.db.models import Count  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from jiuye.books.printing import Heading, book_workbook  # noqa: E402
from jiuye.core.indicators import SYSTEM  # noqa: E402
from jiuye.core.registry import registry  # noqa: E402
from jiuye.ledger.models import Person  # noqa: E402
from jiuye.regions.codes import Level, ancestor  # noqa: E402
from jiuye.regions.models import Region  # noqa: E402


def biggest(level) -> tuple[Region, int]:
    counts: dict[str, int] = {}
    for row in Person.objects.values("region_id").annotate(n=Count("pk")).order_by():
        code = ancestor(row["region_id"], level)
        counts[code] = counts.get(code, 0) + row["n"]
    code, count = max(counts.items(), key=lambda item: item[1])
    return Region.objects.get(code=code), count


def excel(book, region, residents, day):
    """The book of ``region`` as Excel, made as the background task makes it."""
    started = time.perf_counter()
    content = book_workbook(
        book, Heading.of(book, region, day), book.rows(SYSTEM, region.prefix, day)
    )
    seconds = time.perf_counter() - started
    print(f"{region.name} ({residents:,} residents): 劳动力资源台账 Excel {seconds:.1f} s, "
          f"{len(content) / 1e6:.1f} MB")  # fmt: skip


def main():
    args = options(__doc__)
    day = timezone.localdate()
    book = registry["books"]["labour"]
    street, residents = biggest(Level.TOWNSHIP)
    excel(book, street, residents, day)
    # No street at ``large`` has the 100,000 residents the target names: a city's book stands in.
    excel(book, *biggest(Level.CITY), day)
    client = client_of("admin")  # the superuser: any street
    page = reverse("books:list") + f"?region={street.code}"
    print(f"books page of the street: {median_ms(lambda: client.get(page), args.runs):.0f} ms")
    village = Region.objects.filter(parent=street).order_by("code").first()
    pdf = reverse("books:pdf", args=[village.code, "labour"])
    print(f"{village.name}: 劳动力资源台账 PDF {median_ms(lambda: client.get(pdf), 3):.0f} ms")


if __name__ == "__main__":
    main()
