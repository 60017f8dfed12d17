"""A book as the papers handed to inspectors: an A4 landscape PDF and an Excel workbook, both
with the office's header, the region, the date or period, the page numbers (PDF) and the
signature lines (填表人、审核人、负责人、日期)."""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from jiuye.books.registry import Book
from jiuye.core.documents import render_pdf
from jiuye.core.excel import safe
from jiuye.regions.models import Region, ServiceOrg, region_path

SIGNATURES = (
    gettext_lazy("填表人"),
    gettext_lazy("审核人"),
    gettext_lazy("负责人"),
    gettext_lazy("日期"),
)


@dataclass
class Heading:
    """What stands above a book: the office that keeps it, the region's full name and the
    date or period it covers."""

    office: str
    region: str
    period: str
    title: str

    @classmethod
    def of(cls, book: Book, region: Region, day: datetime.date) -> "Heading":
        office = ServiceOrg.objects.filter(region=region, is_active=True).order_by("pk").first()
        path = "".join(each.name for each in region_path(region.code)[1:]) or region.name
        first = book.first_day(day)
        if first == day:
            period = _("截至%(day)s") % {"day": _date(day)}
        else:
            period = _("%(first)s至%(last)s") % {"first": _date(first), "last": _date(day)}
        return cls(office.name if office else path, path, period, str(book.title))

    @property
    def css_office(self) -> str:
        return _css_string(self.office)

    @property
    def css_title(self) -> str:
        return _css_string(self.title)

    @property
    def css_pages(self) -> str:
        """The page numbers as the value of a margin box's ``content``, in one sentence that
        each language words its own way (第 n 页，共 m 页; Page n of m)."""
        text = _css_string(_("第 %(page)s 页，共 %(pages)s 页"))
        return f'"{text}"' % {"page": '" counter(page) "', "pages": '" counter(pages) "'}


def _css_string(text: str) -> str:
    """Text for a CSS string in the page's margin boxes: nothing that could end it."""
    return "".join(char for char in text if char not in '"\\<>\n')


def _signature(label) -> str:
    return _("%(label)s：") % {"label": label}


def _date(day: datetime.date) -> str:
    return _("%(y)d年%(m)d月%(d)d日") % {"y": day.year, "m": day.month, "d": day.day}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def book_pdf(book: Book, heading: Heading, rows) -> bytes:
    """The book as an A4 landscape PDF; the column heads repeat on every page."""
    columns = book.columns
    total = sum(column.width for column in columns)
    widths = [round(100 * column.width / total, 2) for column in columns]
    return render_pdf("books/book_pdf.html", {
        "book": book, "heading": heading, "heads": list(zip(columns, widths, strict=True)),
        "rows": ([_text(value) for value in row] for row in rows),
        "signatures": [_signature(label) for label in SIGNATURES],
    })  # fmt: skip


def book_workbook(book: Book, heading: Heading, rows, progress=None) -> bytes:
    """The book as an Excel file, written row by row (openpyxl's write-only mode), so a
    street's 100,000 residents never sit in memory as cells. ``progress(n)`` is told every
    2,000 rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(heading.title[:31])
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.print_title_rows = "4:4"
    sheet.oddFooter.center.text = _("第 &P 页，共 &N 页")
    for index, column in enumerate(book.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width + 2
    sheet.freeze_panes = "A5"
    width = len(book.columns)
    for row_number in (1, 2, 3):
        sheet.merged_cells.add(f"A{row_number}:{get_column_letter(width)}{row_number}")
    sheet.append([_styled(sheet, heading.title, Font(bold=True, size=16), center=True)])
    sheet.append([_styled(sheet, heading.office, Font(size=11), center=True)])
    sheet.append([_styled(sheet, _("区划：%(region)s    %(period)s") % {
        "region": heading.region, "period": heading.period}, Font(size=10))])  # fmt: skip
    sheet.append([_styled(sheet, str(column.label), Font(bold=True), center=True)
                  for column in book.columns])  # fmt: skip
    for count, row in enumerate(rows, start=1):
        sheet.append([_cell(value) for value in row])
        if progress and count % 2000 == 0:
            progress(count)
    sheet.append([])
    signatures = [None] * max(width, 3 * len(SIGNATURES))  # a label every third column
    for position, label in enumerate(SIGNATURES):
        signatures[3 * position] = _styled(sheet, _signature(label), Font(size=11))
    sheet.append(signatures)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _styled(sheet, value, font, center=False):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    if center:
        cell.alignment = Alignment(horizontal="center", vertical="center")
    return cell


def _cell(value):
    """A plain value (no cell object: styles cost time at 100,000 rows); text stays text, so
    identity numbers keep their digits, and is made formula-safe."""
    if value is None or isinstance(value, (int, float, Decimal, datetime.date)):
        return value
    return safe(str(value))
