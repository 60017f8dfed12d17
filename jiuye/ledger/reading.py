"""Reading a ledger workbook as people fill it in: the file, the header row and each cell.

Real files are messy: a title above the header row, full-width digits, spaces, dates typed in
several ways or stored as Excel dates, a lower-case x, columns in another order or named the
way a county's old template named them, numbers stored as numbers. Each reader normalises a
cell or raises a ValidationError that says what is wrong with it (``ledger.importing`` puts it
at its row and column). The message is lazy, with its values as ``params``, so the import keeps
its msgid and shows it in the reader's language."""

import datetime
import io
import logging
import re
import zipfile
from decimal import Decimal
from xml.etree.ElementTree import ParseError

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from jiuye.ledger.choices import Education, Ethnicity, HukouType, LabourStatus, Relation, Sex
from jiuye.ledger.excel import COLUMNS
from jiuye.ledger.identity import clean_text

logger = logging.getLogger(__name__)
# What reading a broken or foreign file raises: a cut or non-zip file, a zip without the
# workbook's parts, parts that are not XML.
BROKEN_FILE = (zipfile.BadZipFile, InvalidFileException, KeyError, ParseError, EOFError)
# Other names the same columns have in the ledgers counties used before.
HEADER_SYNONYMS = {
    "身份证号码": "公民身份号码", "身份证号": "公民身份号码", "证件号码": "公民身份号码",
    "户主身份证号码": "户主公民身份号码", "户主身份证号": "户主公民身份号码",
    "区划代码": "居住地区划代码", "居住地代码": "居住地区划代码", "住址": "现住址", "现居住地址": "现住址",
    "家庭住址": "现住址", "电话": "联系电话", "手机": "联系电话", "手机号码": "联系电话", "联系方式": "联系电话",
    "学历": "文化程度", "户口性质": "户籍性质", "就业失业状态": "就业状态", "工作单位": "就业单位",
}  # fmt: skip
HEADER_SEARCH_ROWS = 10  # the header may sit below a title or a note
# Cells right of this column are not read. A file declares its own size (1,048,576 rows by
# 16,384 columns costs a few bytes), and openpyxl pads every row to the declared width: the
# import reads what the file holds, as wide as a ledger can reasonably be.
READ_COLUMNS = 4 * len(COLUMNS)


def _choices(enum, synonyms=None) -> dict[str, str]:
    """Label or code → code; the labels in Chinese whatever language is active while this
    module loads, and in English too, so that a file exported in English reads back."""
    table = {}
    for language in ("en", None):
        with translation.override(language):
            table.update({str(label): value for value, label in enum.choices if value})
    table.update({value: value for value, _label in enum.choices if value})
    table.update(synonyms or {})
    return table


ETHNICITY = _choices(Ethnicity) | {
    label.removesuffix("族"): value for label, value in _choices(Ethnicity).items()
}
EDUCATION = _choices(Education, {
    "博士": "10", "硕士": "10", "研究生及以上": "10", "本科": "20", "大学": "20", "大专": "30", "专科": "30",
    "中专": "40", "中技": "40", "职高": "40", "技校": "40", "中等专科": "40", "高中": "60", "初中": "70",
    "小学": "80", "文盲": "90", "半文盲": "90",
})  # fmt: skip
HUKOU = _choices(HukouType, {"农业": "agricultural", "农村": "agricultural", "非农业": "non_agricultural",
                             "城镇": "non_agricultural", "居民": "resident"})  # fmt: skip
RELATION = _choices(Relation, {
    "本人": "head", "户主本人": "head", "妻": "spouse", "妻子": "spouse", "丈夫": "spouse", "夫": "spouse",
    "儿子": "son", "长子": "son", "次子": "son", "女儿": "daughter", "长女": "daughter", "次女": "daughter",
    "儿媳": "child_in_law", "女婿": "child_in_law", "孙子": "grandchild", "孙女": "grandchild",
    "外孙": "grandchild", "外孙女": "grandchild", "父亲": "parent", "母亲": "parent", "父": "parent",
    "母": "parent", "祖父": "grandparent", "祖母": "grandparent", "兄": "sibling", "弟": "sibling",
    "姐": "sibling", "妹": "sibling",
})  # fmt: skip
STATUS_LABELS = _choices(LabourStatus, {
    "就业": "employed_unit", "已就业": "employed_unit", "在岗": "employed_unit", "个体": "self_employed",
    "个体工商户": "self_employed", "灵活就业人员": "flexible", "务工": "transferred", "外出务工": "transferred",
    "转移": "transferred", "失业人员": "unemployed", "登记失业": "unemployed", "未就业": "unemployed",
    "学生": "student", "在校生": "student", "退休": "retired", "离休": "retired", "丧失劳动能力人员": "unable",
    "家务": "homemaker", "务农人员": "farming", "农民": "farming",
})  # fmt: skip
SEX = _choices(Sex)
YES_NO = {
    "是": "yes",
    "有": "yes",
    "否": "no",
    "无": "no",
    "1": "yes",
    "0": "no",
    "Yes": "yes",
    "No": "no",
}


def read_date(value) -> datetime.date | None:
    """An Excel date cell, 1990-01-01, 1990/1/1, 1990.01.01, 19900101 or 1990年1月1日."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 <= value <= 80000:
        return datetime.date(1899, 12, 30) + datetime.timedelta(
            days=int(value)
        )  # an Excel serial number
    text = re.sub(r"\s+0{1,2}:0{2}(:0{2})?$", "", clean_text(value)).replace(" ", "")
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", text
    )
    if not match:
        raise ValidationError(_("日期格式不对，应为1990-01-01、1990/1/1、1990.01.01或19900101。"))
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        raise ValidationError(_("日期不存在。")) from None


def read_text(value) -> str:
    if isinstance(value, bool):
        raise ValidationError(_("应为文字，不是“是/否”。"))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def read_amount(value, column: str) -> Decimal | None:
    """An amount in yuan, to the fen, not negative; None when the cell is empty."""
    text = read_text(value).replace(",", "").replace("元", "")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except ArithmeticError:
        amount = None
    if (
        amount is None
        or not amount.is_finite()
        or amount < 0
        or amount != amount.quantize(Decimal("0.01"))
    ):
        raise ValidationError(_("“%(value)s”不是有效的%(column)s：应为不小于0、最多两位小数的金额。"),
                              params={"value": text, "column": column})  # fmt: skip
    return amount


def read_code(value, column: str) -> str:
    if isinstance(value, float):
        if value >= 1e15:  # beyond what a float keeps exactly
            raise ValidationError(
                _("%(column)s被Excel存成了数字，末几位可能已经丢失，请把该列设为文本后重新录入。"),
                params={"column": column},
            )
        value = int(value)
    return read_text(value).replace(" ", "")


def read_choice(value, table: dict, column: str) -> str:
    text = read_text(value).replace(" ", "")
    if not text:
        return ""
    if text not in table:
        raise ValidationError(
            _("“%(value)s”不是有效的%(column)s。"), params={"value": text, "column": column}
        )
    return table[text]


def rows_of(content: bytes, filename: str):
    """The rows of the first worksheet of an .xlsx file, as tuples of cell values (no wider
    than ``READ_COLUMNS``; every row up to the last one the file holds, the empty ones too:
    the caller bounds how many it reads). A file that is not one, or a part of it found
    broken while its rows are read (a read-only workbook reads its parts as it goes), is a
    ValidationError that says what is wrong; nothing else is caught here."""
    rows = open_workbook(content, filename).iter_rows(max_col=READ_COLUMNS, values_only=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except BROKEN_FILE:
            logger.info("unreadable workbook %s", filename, exc_info=True)
            raise ValidationError(_("Excel文件已损坏或无法读取。")) from None
        yield row


def open_workbook(content: bytes, filename: str):
    """The first worksheet of an .xlsx file, or a ValidationError that says what is wrong."""
    if filename.lower().endswith(".xls") or content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(
            _(
                "这是旧版Excel（.xls）文件或加了密码的文件，请在Excel中取消密码并“另存为”.xlsx格式后再导入。"
            )
        )
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise ValidationError(_("文件不是Excel文件（.xlsx），请下载导入模板填写。"))
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except BROKEN_FILE:
        logger.info("unreadable workbook %s", filename, exc_info=True)
        raise ValidationError(_("Excel文件已损坏或无法读取。")) from None
    if not book.worksheets:
        raise ValidationError(_("文件中没有工作表。"))
    sheet = book.worksheets[0]
    sheet.reset_dimensions()  # the declared size is the file's word, not its data
    return sheet


def _header_key(cell) -> str:
    return re.sub(r"[\s*＊:：]", "", clean_text(cell)).casefold()


def header_of(cells) -> dict[str, int]:
    """The template's columns found in a header row, by their index (a name is compared as
    cleaned text: full-width brackets read as half-width ones). The header may be the
    Chinese template's or the English one's."""
    with translation.override("en"):
        english = {gettext(column): column for column in COLUMNS}
    known = {_header_key(name): column for name, column in english.items()} | {
        _header_key(column): column for column in COLUMNS
    }
    names = {}
    for index, cell in enumerate(cells or ()):
        name = _header_key(cell)
        name = known.get(HEADER_SYNONYMS.get(name, name))
        if name and name not in names:
            names[name] = index
    return names
