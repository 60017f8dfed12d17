"""Excel files of lists and reports: one sheet of a title, column heads and rows, with cells
Excel will not run as formulas and money that stays a number; and an indicator table (a
region and its sub-regions) as such a sheet."""

import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
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
    book = Workbook()
    sheet = book.active
    sheet.title = filename[:31]
    sheet.append([str(title)])
    sheet.append([str(head) for head in heads])
    for row in rows:
        sheet.append([_cell(value) for value in row])
    for index in money:
        for (cell,) in sheet.iter_rows(min_row=3, min_col=index + 1, max_col=index + 1):
            if isinstance(cell.value, (int, float, Decimal)):
                cell.value = yuan(cell.value)
                cell.number_format = EXCEL_FORMAT
    for index, width in (widths or {}).items():
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


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
