"""Money (yuan, two places) as every page, export and API shows it.

Amounts are stored as ``DecimalField(decimal_places=2)``; a single amount read from its
column comes back with its two places on both databases. A *sum* does not: SQLite adds the
amounts as floats and Django returns the result with fifteen significant digits
(``Decimal("2039.42000000000")``), PostgreSQL with the scale of the column. Whatever sums
money therefore passes the result through ``yuan``; pages print amounts with the template
filter ``yuan`` (``{% load money %}``), Excel cells carry the number with ``EXCEL_FORMAT``
(``money_columns``), and the API gives amounts as strings with two decimals (``text``).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
# the output field of a sum of amounts
MONEY = DecimalField(max_digits=14, decimal_places=2)
EXCEL_FORMAT = "#,##0.00"


def yuan(value) -> Decimal | None:
    """``value`` (a Decimal, int, str or float of yuan) rounded to the fen, half up; None
    stays None."""
    if value is None:
        return None
    if isinstance(value, float):  # through its shortest repr, not its binary expansion
        value = repr(value)
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def text(value) -> str | None:
    """The amount as the API gives it: a string with exactly two decimals ("2039.42")."""
    amount = yuan(value)
    return None if amount is None else str(amount)


def display(value, places: int = 2) -> str:
    """The amount as pages print it: thousands separated, ``places`` decimals ("2,039.42")."""
    amount = yuan(value)
    if amount is None:
        return "—"
    return f"{amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,.{places}f}"


def money_columns(sheet, *columns: str, first_row: int = 2) -> None:
    """Give the cells of ``columns`` (letters) from ``first_row`` down the number format of
    money: the value stays a number Excel can add up."""
    for column in columns:
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=_index(column),
                                       max_col=_index(column)):  # fmt: skip
            if isinstance(cell.value, (int, float, Decimal)):
                cell.value = yuan(cell.value)
                cell.number_format = EXCEL_FORMAT


def _index(column: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(column)
