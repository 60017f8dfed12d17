"""Excel files of lists and reports: one sheet of a title, column heads and rows, with cells
Excel will not run as formulas and money that stays a number; and an indicator table (a
region and its sub-regions) as such a sheet."""

import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from jiuye.core.money import EXCEL_FORMAT, yuan

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """A cell that Excel will not run as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sheet_response(filename: str, title: str, heads: list, rows, *, money: set[int] = frozenset(),
                   widths: dict[int, int] | None = None) -> HttpResponse:  # fmt: skip
    """A download of one sheet: ``title`` on the first row, ``heads`` on the second, then
    ``rows``. ``money`` holds the indexes (from 0) of the columns in yuan; ``widths`` the
    widths of columns by index."""
    return file_response(filename, sheet(filename, title, heads, rows, money=money, widths=widths))


def file_response(filename: str, content: bytes) -> HttpResponse:
    """``content``, an Excel file, as a download named ``filename``.xlsx."""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def sheet(name: str, title: str, heads: list, rows, *, money: set[int] = frozenset(),
          widths: dict[int, int] | None = None) -> bytes:  # fmt: skip
    """The file of ``sheet_response``, written row by row (openpyxl's write-only mode), so a
    long list is never held as cells in memory; ``rows`` may be a generator."""
    book = Workbook(write_only=True)
    page = book.create_sheet(name[:31])
    for index, width in (widths or {}).items():
        page.column_dimensions[get_column_letter(index + 1)].width = width
    page.append([str(title)])
    page.append([str(head) for head in heads])
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            value = _cell(value)
            if index in money and isinstance(value, (int, float, Decimal)):
                value = WriteOnlyCell(page, value=yuan(value))
                value.number_format = EXCEL_FORMAT
            cells.append(value)
        page.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if value is None or isinstance(value, (int, float, Decimal)):
        return value
    return safe(str(value))


def table_response(filename: str, title: str, table) -> HttpResponse:
    """An ``indicators.Table`` (a region's children, the region's own row and the total) as
    a download."""
    columns = table.columns
    heads = [_("区划代码"), _("区划"), *(column.label for column in columns)]
    rows = []
    for row in [*table.rows, table.total]:
        if row.region is None:
            head = ["", _("合计")]
        else:
            head = [row.region.code, f"{row.region.name}{_('（本级）') if row.own else ''}"]
        rows.append(head + [row.values.get(column.code) for column in columns])
    money = {index for index, column in enumerate(columns, start=2) if column.is_money}
    return sheet_response(filename, title, heads, rows, money=money, widths={0: 14, 1: 18})
