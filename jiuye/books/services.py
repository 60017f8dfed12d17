"""Writes of the ledger books: a large book's Excel file asked for in the background."""

import datetime

from django.db import transaction

from jiuye.books.models import BookBuild
from jiuye.books.registry import Book
from jiuye.core.services import require
from jiuye.regions.models import Region


@transaction.atomic
def book_build_start(*, actor, book: Book, region: Region, on: datetime.date) -> BookBuild:
    """Queue the Excel file of ``book`` for ``region`` on ``on``; the task writes it (the
    caller has checked that the region lies in the actor's jurisdiction)."""
    from jiuye.books.tasks import build_book

    require(actor, "books.add_bookbuild")
    require(actor, book.permission)
    build = BookBuild.objects.create(region=region, book=book.code, on=on, requested_by=actor)
    transaction.on_commit(lambda: build_book.enqueue(build.pk))
    return build
