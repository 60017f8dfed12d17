"""The ledger as an Excel file: the template's columns, export of a filtered list."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from jiuye.core.excel import safe
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

# The columns of the ledger template, in this order (issue #3). A file carries them in the
# language of whoever made it; the import reads either (``reading.header_of``).
COLUMNS = [
    gettext_noop("姓名"), gettext_noop("公民身份号码"), gettext_noop("性别"), gettext_noop("民族"),
    gettext_noop("出生日期"), gettext_noop("文化程度"), gettext_noop("户籍性质"), gettext_noop("户主公民身份号码"),
    gettext_noop("与户主关系"), gettext_noop("居住地区划代码"), gettext_noop("现住址"), gettext_noop("联系电话"),
    gettext_noop("就业状态"), gettext_noop("就业单位"), gettext_noop("就业日期"), gettext_noop("失业日期"),
    gettext_noop("备注"), gettext_noop("就业（转移就业）意愿"), gettext_noop("享受低保"), gettext_noop("经营性投资性收入"),
    gettext_noop("家庭人均月收入（元）"),
]  # fmt: skip
# Columns of digits that Excel must keep as text.
TEXT_COLUMNS = ("公民身份号码", "户主公民身份号码", "居住地区划代码", "联系电话")
# The household's means are on its head's row.
MEANS_COLUMNS = ("享受低保", "经营性投资性收入", "家庭人均月收入（元）")
WIDTHS = [10, 21, 6, 8, 12, 12, 12, 21, 10, 15, 30, 15, 12, 24, 12, 12, 20, 10, 8, 10, 12]


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, "")) if value else ""


def _yes_no(value: bool) -> str:
    return _("是") if value else _("否")


def person_row(person, head_number: str, *, full: bool) -> list:
    """A person's row; the head's row also carries the household's means (``household`` read
    with the person)."""
    employed = person.status in EMPLOYED
    household = person.household if person.relation == Relation.HEAD else None
    means = (
        [_yes_no(household.has_dibao), _yes_no(household.has_business_income), household.income_per_capita]
        if household else ["", "", None]
    )  # fmt: skip
    number = person.id_number if full else mask_id_number(person.id_number)
    head = head_number if full or not head_number else mask_id_number(head_number)
    return [
        person.name, number, _label(Sex, person.sex), _label(Ethnicity, person.ethnicity),
        person.birth_date if full else str(person.birth_date.year),
        _label(Education, person.education), _label(HukouType, person.hukou_type), head,
        _label(Relation, person.relation), person.region_id, person.address,
        person.phone if full else mask_phone(person.phone), _label(LabourStatus, person.status), person.employer,
        person.status_since if employed else None,
        person.status_since if person.status == LabourStatus.UNEMPLOYED else None, person.note,
        _yes_no(person.willing_to_work), *means,
    ]  # fmt: skip


def workbook(rows, *, title: str = "") -> Workbook:
    """A write-only workbook of the ledger's columns; ``rows`` may be a generator."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title or _("人力资源台账"))
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for name in COLUMNS:
        cell = _cell(sheet, _(name))
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


# The example row of the template, as people type it.
EXAMPLE = [
    "张三", "37010219900307123X", "男", "汉族", "1990-03-07", "大学本科", "非农业户口", "37010219900307123X",
    "户主", "370102001002", "解放路1号", "13800138000", "失业", "", "", "2026-03-02", "示例行，导入前请删除",
    "是", "否", "否", 1800,
]  # fmt: skip


def template() -> Workbook:
    """The import template: the columns, one example row, and the allowed values."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("人力资源台账")
    sheet.append([_(name) for name in COLUMNS])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = Font(bold=True)
    sheet.append(EXAMPLE)
    for row in sheet.iter_rows(min_row=2, max_row=500, max_col=len(COLUMNS)):
        for cell, name in zip(row, COLUMNS, strict=True):
            if name in TEXT_COLUMNS:
                cell.number_format = "@"
    notes = book.create_sheet(_("填写说明"))
    notes.append([_("列名"), _("填写要求")])
    notes.append(
        [
            _("公民身份号码"),
            _(
                "18位，末位可为X；15位旧号码自动升为18位。请把该列设为“文本”，否则Excel会丢掉末几位。"
            ),
        ]
    )
    notes.append([_("日期"), _("1990-01-01、1990/1/1、1990.01.01、19900101或Excel日期均可。")])
    notes.append([_("居住地区划代码"), _("12位统计用区划代码，须为本辖区的社区（村）。")])
    notes.append(
        [_("就业状态"), _("、").join(str(label) for _value, label in LabourStatus.choices)]
    )
    notes.append([_("文化程度"), _("、").join(str(label) for _value, label in Education.choices)])
    notes.append([_("户籍性质"), _("、").join(str(label) for _value, label in HukouType.choices)])
    notes.append([_("与户主关系"), _("、").join(str(label) for _value, label in Relation.choices)])
    notes.append(
        [
            _("就业日期、失业日期"),
            _("就业状态为失业时填失业日期，其他就业状态填就业日期；不填按导入当天。"),
        ]
    )
    notes.append(
        [
            _("就业（转移就业）意愿"),
            _("是或否：城镇居民是否愿意就业，农村居民是否愿意转移到非农产业就业；不填为是。"),
        ]
    )
    notes.append([_("享受低保、经营性投资性收入、家庭人均月收入（元）"),
                  _("家庭情况，填在户主所在行：是或否；人均月收入填数字，未调查的不填。")])  # fmt: skip
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 100
    return book
