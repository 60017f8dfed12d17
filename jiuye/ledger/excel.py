"""The ledger as an Excel file: the template's columns, export of a filtered list."""

import datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jiuye.ledger.choices import (
    EMPLOYED,
    Education,
    Ethnicity,
    HukouType,
    LabourStatus,
    Relation,
    Sex,
)
from jiuye.ledger.identity import mask_id_number, mask_phone

# The columns of the ledger template, in this order (issue #3).
COLUMNS = [
    "姓名", "公民身份号码", "性别", "民族", "出生日期", "文化程度", "户籍性质", "户主公民身份号码", "与户主关系",
    "居住地区划代码", "现住址", "联系电话", "就业状态", "就业单位", "就业日期", "失业日期", "备注",
]  # fmt: skip
WIDTHS = [10, 21, 6, 8, 12, 12, 12, 21, 10, 15, 30, 15, 12, 24, 12, 12, 20]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(value):
    """A cell that Excel will not run as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, "")) if value else ""


def person_row(person, head_number: str, *, full: bool) -> list:
    employed = person.status in EMPLOYED
    number = person.id_number if full else mask_id_number(person.id_number)
    head = head_number if full or not head_number else mask_id_number(head_number)
    return [
        person.name, number, _label(Sex, person.sex), _label(Ethnicity, person.ethnicity), person.birth_date,
        _label(Education, person.education), _label(HukouType, person.hukou_type), head,
        _label(Relation, person.relation), person.region_id, person.address,
        person.phone if full else mask_phone(person.phone), _label(LabourStatus, person.status), person.employer,
        person.status_since if employed else None,
        person.status_since if person.status == LabourStatus.UNEMPLOYED else None, person.note,
    ]  # fmt: skip


def workbook(rows, *, title: str = "人力资源台账") -> Workbook:
    """A write-only workbook of the ledger's columns; ``rows`` may be a generator."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for name in COLUMNS:
        cell = _cell(sheet, name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, safe(value)) for value in row])
    return book


def _cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, str) and value.isdigit():
        cell.number_format = "@"  # text: keep leading zeros and all 18 digits
    return cell
