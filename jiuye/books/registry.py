"""What a ledger book (台账) is: a title, its columns and how its rows are read from the master
record for a region and a date. Books are registered in the registry's store ``books``, so a
new line of work adds a book, not a view: the books page, its PDF and its Excel read them all.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from jiuye.core.exporting import mask, persons_of

# What a book's date means: the state on that day, or the year up to that day.
ON_DAY = "day"
YEAR_TO_DAY = "year"


@dataclass(frozen=True)
class Column:
    """A column: its head and its width (in characters: Excel's unit; the PDF shares the
    page's width out in proportion). ``personal`` (``"id_number"`` or ``"phone"``, as in
    ``core.exporting.Column``) is masked unless the book is asked in full."""

    label: str
    width: int = 10
    personal: str = ""


@dataclass(frozen=True)
class Book:
    """A prescribed ledger book.

    ``records(user, prefix, day)`` is the scoped queryset of what the book lists for the
    region ``prefix`` on ``day`` (reading what it needs with ``select_related``, so the rows
    cost no query each); ``row(record, day)`` the cells of one record, without the row's
    number, which the book adds, personal data whole (``rows`` masks it). ``permission`` is
    what a reader needs besides the jurisdiction; ``person_path`` leads from a record to the
    resident whose numbers it shows (the access log of a full book)."""

    code: str
    title: str
    columns: tuple[Column, ...]
    records: Callable[[object, str, datetime.date], QuerySet]
    row: Callable[[object, datetime.date], list]
    permission: str
    period: str = ON_DAY
    order: int = 0
    person_path: str = "person"

    def first_day(self, day: datetime.date) -> datetime.date:
        """The first day the book covers (``day`` itself for a book of a moment)."""
        return day.replace(month=1, day=1) if self.period == YEAR_TO_DAY else day

    @property
    def personal(self) -> bool:
        """Whether the book shows identity numbers or phones (and so has a full version)."""
        return any(column.personal for column in self.columns)

    def rows(self, user, prefix: str, day: datetime.date, *, full: bool = False,
             chunk_size: int = 2000):  # fmt: skip
        """The numbered rows, streamed: memory stays flat for a street of 100,000 residents.
        Identity numbers and phones are masked unless ``full``."""
        masked = [] if full else [
            (index, column.personal) for index, column in enumerate(self.columns)
            if column.personal
        ]  # fmt: skip
        records = self.records(user, prefix, day).iterator(chunk_size=chunk_size)
        for number, record in enumerate(records, start=1):
            row = [number, *self.row(record, day)]
            for index, kind in masked:
                if row[index]:
                    row[index] = mask(kind, row[index])
            yield row

    def persons(self, user, prefix: str, day: datetime.date) -> list:
        """The residents whose numbers the book shows for ``prefix`` on ``day``."""
        return persons_of(self.records(user, prefix, day), self.person_path)

    def count(self, user, prefix: str, day: datetime.date) -> int:
        return self.records(user, prefix, day).count()
