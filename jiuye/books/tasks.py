"""Background work of the ledger books: the Excel file of a book too large to write during a
request (more rows than ``BOOKS_BACKGROUND_ROWS``). Run by ``manage.py db_worker``, inline in
the tests; the build's page shows the progress and offers the file when it is done."""

import logging

from django.utils import timezone
from django_tasks import task

from jiuye.books.models import BookBuild, BuildState
from jiuye.books.printing import Heading, book_workbook
from jiuye.core.registry import registry

logger = logging.getLogger(__name__)


def _save(build: BookBuild, **fields) -> None:
    BookBuild.objects.filter(pk=build.pk).update(**fields)


@task()
def build_book(build_id: int) -> None:
    build = BookBuild.objects.select_related("region", "requested_by").get(pk=build_id)
    book = registry["books"][build.book]
    user, prefix = build.requested_by, build.region.prefix
    try:
        _save(build, state=BuildState.RUNNING, total=book.count(user, prefix, build.on))
        content = book_workbook(
            book, Heading.of(book, build.region, build.on), book.rows(user, prefix, build.on),
            progress=lambda done: _save(build, done=done),
        )  # fmt: skip
    except Exception:
        logger.exception("book build %s failed", build.pk)
        _save(build, state=BuildState.FAILED, finished_at=timezone.now())
        raise
    build.refresh_from_db(fields=["total"])
    _save(build, state=BuildState.DONE, content=content, done=build.total,
          finished_at=timezone.now())  # fmt: skip
