"""The figures of the programmes report besides the subsidies themselves: each line of work
(posts, training, loans …) registers the columns it adds and one function that counts them for
a region's sub-regions in one or a few grouped queries.

``collect(user, prefix, length, first, last)`` returns ``{group: {column code: value}}`` where
``group`` is the first ``length`` characters of a record's region code (use
``Substr("region_id", 1, length)`` on ``Model.objects.visible_to(user).within(prefix)``), and
``first``/``last`` are the days of the month reported. Values are ints or Decimals; a column
may be the ratio of two others (``ratio=(numerator, denominator)``), computed by the report.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models.functions import Substr


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    ratio: tuple[str, str] | None = None  # a percentage: (numerator code, denominator code)


@dataclass(frozen=True)
class Source:
    label: str  # the section of the report, e.g. "公益性岗位"
    columns: tuple[Column, ...]
    collect: Callable[..., dict[str, dict]]


SOURCES: list[Source] = []


def register(source: Source) -> None:
    SOURCES.append(source)


def grouped(queryset, length: int, **aggregates) -> dict[str, dict]:
    """``{group: {name: value}}`` of ``aggregates`` over ``queryset`` by region prefix."""
    rows = (
        queryset.annotate(group=Substr("region_id", 1, length))
        .values("group")
        .annotate(**aggregates)
    )
    return {row.pop("group"): row for row in rows.order_by()}
