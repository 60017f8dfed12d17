"""Import of an existing community ledger from Excel.

Real files are messy: a title above the header row, full-width digits, spaces, dates typed in
several ways or stored as Excel dates, a lower-case x, columns in another order or named the
way a county's old template named them, numbers stored as numbers. ``validate`` reads every
row, normalises it and collects every error by row and column; nothing is written. ``apply``
then writes all rows in one transaction: new residents are created, residents of the
uploader's jurisdiction are updated (a changed status opens a new status period), and
residents registered in another jurisdiction are reported as conflicts and left where they are.
"""

import datetime
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from jiuye.core import history, parameters
from jiuye.ledger import services as ledger_services  # module, as services also start imports
from jiuye.ledger.choices import (
    WITH_EMPLOYER,
    Education,
    Ethnicity,
    HukouType,
    LabourStatus,
    Relation,
    Sex,
)
from jiuye.ledger.excel import COLUMNS
from jiuye.ledger.identity import clean_phone, clean_text, parse_id_number
from jiuye.ledger.models import Household, Person, StatusRecord
from jiuye.ledger.pinyin import name_initials
from jiuye.regions.codes import Level, is_valid_code
from jiuye.regions.models import Region

logger = logging.getLogger(__name__)
# What reading a broken or foreign file raises: a cut or non-zip file, a zip without the
# workbook's parts, parts that are not XML.
BROKEN_FILE = (zipfile.BadZipFile, InvalidFileException, KeyError, ParseError, EOFError)
REQUIRED = ("姓名", "公民身份号码", "居住地区划代码", "就业状态")
# Other names the same columns have in the ledgers counties used before.
HEADER_SYNONYMS = {
    "身份证号码": "公民身份号码", "身份证号": "公民身份号码", "证件号码": "公民身份号码",
    "户主身份证号码": "户主公民身份号码", "户主身份证号": "户主公民身份号码",
    "区划代码": "居住地区划代码", "居住地代码": "居住地区划代码", "住址": "现住址", "现居住地址": "现住址",
    "家庭住址": "现住址", "电话": "联系电话", "手机": "联系电话", "手机号码": "联系电话", "联系方式": "联系电话",
    "学历": "文化程度", "户口性质": "户籍性质", "就业失业状态": "就业状态", "工作单位": "就业单位",
}  # fmt: skip
HEADER_SEARCH_ROWS = 10  # the header may sit below a title or a note
PARTICULAR_COLUMNS = {
    "民族": "ethnicity", "文化程度": "education", "户籍性质": "hukou_type", "现住址": "address",
    "联系电话": "phone", "备注": "note",
}  # fmt: skip
MAX_LENGTH = {"姓名": 50, "现住址": 200, "就业单位": 100, "备注": 1000}


def _choices(enum, synonyms=None) -> dict[str, str]:
    table = {str(label): value for value, label in enum.choices if value}
    table.update({value: value for value, _label in enum.choices if value})
    table.update(synonyms or {})
    return table


ETHNICITY = _choices(Ethnicity) | {
    str(label).removesuffix("族"): value for value, label in Ethnicity.choices
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
SEX = {"男": Sex.MALE, "女": Sex.FEMALE, "1": Sex.MALE, "2": Sex.FEMALE}


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


def read_code(value, column: str) -> str:
    if isinstance(value, float):
        if value >= 1e15:  # beyond what a float keeps exactly
            raise ValidationError(
                _("%(column)s被Excel存成了数字，末几位可能已经丢失，请把该列设为文本后重新录入。")
                % {"column": column}
            )
        value = int(value)
    return read_text(value).replace(" ", "")


def read_choice(value, table: dict, column: str) -> str:
    text = read_text(value).replace(" ", "")
    if not text:
        return ""
    if text not in table:
        raise ValidationError(
            _("“%(value)s”不是有效的%(column)s。") % {"value": text, "column": column}
        )
    return table[text]


@dataclass
class Report:
    """What validation found: the normalised rows and every error, by Excel row and column."""

    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def error(self, row: int | None, column: str, message) -> None:
        self.errors.append({"row": row, "column": column, "message": str(message)})


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
    return book.worksheets[0]


def _header(cells) -> dict[str, int]:
    names = {}
    for index, cell in enumerate(cells or ()):
        name = re.sub(r"[\s*＊:：]", "", clean_text(cell))
        name = HEADER_SYNONYMS.get(name, name)
        if name in COLUMNS and name not in names:
            names[name] = index
    return names


def validate(content: bytes, filename: str, *, actor, region_code: str, progress=None) -> Report:
    """Read and check every row; write nothing. ``progress(done, total)`` is called now and then.
    A file that cannot be read gives a ValidationError; anything else is our own error and
    reaches the caller (the task logs it)."""
    try:
        return _validate(content, filename, actor=actor, region_code=region_code, progress=progress)
    except BROKEN_FILE:  # read-only workbooks read their parts as the rows are read
        logger.info("unreadable workbook %s", filename, exc_info=True)
        raise ValidationError(_("Excel文件已损坏或无法读取。")) from None


def _validate(content, filename, *, actor, region_code, progress) -> Report:
    report = Report()
    rows = open_workbook(content, filename).iter_rows(values_only=True)
    header, header_row = {}, 0
    for number, cells in enumerate(rows, start=1):
        header, header_row = _header(cells), number
        if all(name in header for name in REQUIRED) or number >= HEADER_SEARCH_ROWS:
            break
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        report.error(
            header_row or 1,
            "、".join(missing),
            _("缺少必需的列：%(columns)s。请使用导入模板的列名。")
            % {"columns": "、".join(missing)},
        )
        return report
    limit = parameters.value("ledger.import_max_rows", region_code)
    lines = []
    for number, row in enumerate(rows, start=header_row + 1):
        if any(clean_text(cell) for cell in row):
            lines.append((number, row))
            if len(lines) > limit:
                report.error(
                    None,
                    "",
                    _("文件超过了每次%(limit)d行的上限，请分成几个文件导入。") % {"limit": limit},
                )
                return report
    if not lines:
        report.error(None, "", _("文件中没有数据行。"))
        return report
    for done, (number, row) in enumerate(lines, start=1):
        cells = {name: (row[index] if index < len(row) else None) for name, index in header.items()}
        _read_row(number, cells, report)
        if progress and done % 500 == 0:
            progress(done, len(lines))
    _check_file(report, actor)
    if progress:
        progress(len(lines), len(lines))
    return report


def _read_row(number: int, cells: dict, report: Report) -> None:
    data = {"row": number}
    ok = True

    def read(column, reader, *args):
        nonlocal ok
        try:
            value = reader(cells.get(column), *args)
        except ValidationError as error:
            report.error(number, column, error.messages[0])
            ok = False
            return None
        if isinstance(value, str) and len(value) > MAX_LENGTH.get(column, 200):
            report.error(
                number,
                column,
                _("内容太长，最多%(limit)d个字。") % {"limit": MAX_LENGTH.get(column, 200)},
            )
            ok = False
            return None
        return value

    data["name"] = read("姓名", read_text)
    if data["name"] == "":
        report.error(number, "姓名", _("姓名不能为空。"))
        ok = False
    parsed = read("公民身份号码", lambda value: parse_id_number(read_code(value, "公民身份号码")))
    if parsed:
        data.update(
            id_number=parsed.number,
            sex=parsed.sex,
            birth_date=parsed.birth_date,
            warnings=parsed.warnings,
        )
        sex = read("性别", read_choice, SEX, "性别")
        if sex and sex != parsed.sex:
            report.error(number, "性别", _("性别与公民身份号码不符。"))
            ok = False
        birth = read("出生日期", read_date)
        if birth and birth != parsed.birth_date:
            report.error(number, "出生日期", _("出生日期与公民身份号码不符。"))
            ok = False
    data["ethnicity"] = read("民族", read_choice, ETHNICITY, "民族")
    data["education"] = read("文化程度", read_choice, EDUCATION, "文化程度")
    data["hukou_type"] = read("户籍性质", read_choice, HUKOU, "户籍性质")
    data["address"] = read("现住址", read_text)
    data["phone"] = read("联系电话", lambda value: clean_phone(read_text(value)))
    data["note"] = read("备注", read_text)
    data["region"] = read("居住地区划代码", read_code, "居住地区划代码")
    if data["region"] is not None and not is_valid_code(data["region"]):
        report.error(number, "居住地区划代码", _("区划代码应为12位数字。"))
        ok = False
    head = read("户主公民身份号码", read_code, "户主公民身份号码")
    data["head"] = parse_id_number(head).number if head and _valid_number(head) else None
    if head and data["head"] is None:
        report.error(number, "户主公民身份号码", _("户主公民身份号码无效。"))
        ok = False
    data["relation"] = read("与户主关系", read_choice, RELATION, "与户主关系")
    status = read("就业状态", read_choice, STATUS_LABELS, "就业状态")
    if status == "":
        report.error(number, "就业状态", _("就业状态不能为空。"))
        ok = False
    data["status"] = status
    data["employer"] = read("就业单位", read_text)
    employed_on = read("就业日期", read_date)
    unemployed_on = read("失业日期", read_date)
    data["since"] = unemployed_on if status == LabourStatus.UNEMPLOYED else employed_on
    if status in WITH_EMPLOYER and not data["employer"]:
        report.error(number, "就业单位", _("该就业状态须填写就业单位（或务工地点）。"))
        ok = False
    date_column = "失业日期" if status == LabourStatus.UNEMPLOYED else "就业日期"
    data["date_column"] = date_column
    if data["since"] and data["since"] > timezone.localdate():
        report.error(number, date_column, _("日期不能晚于今天。"))
        ok = False
    if ok:
        report.rows.append(data)


def _valid_number(text: str) -> bool:
    try:
        parse_id_number(text)
    except ValidationError:
        return False
    return True


def _existing(numbers: list[str]) -> dict[str, Person]:
    found = {}
    for start in range(0, len(numbers), 2000):
        chunk = numbers[start : start + 2000]
        for person in Person.objects.filter(id_number__in=chunk).only(
            "id", "id_number", "region_id", "status", "status_since"
        ):
            found[person.id_number] = person
    return found


def _check_file(report: Report, actor) -> None:
    """Checks across rows and against the database: duplicates in the file, regions outside the
    jurisdiction, residents held elsewhere (conflicts), status dates, heads of household."""
    by_number: dict[str, list[int]] = {}
    for data in report.rows:
        by_number.setdefault(data["id_number"], []).append(data["row"])
    duplicates = set()
    for rows in by_number.values():
        for row in rows[1:]:
            report.error(
                row, "公民身份号码", _("与第%(first)d行的公民身份号码重复。") % {"first": rows[0]}
            )
            duplicates.add(row)
    codes = {data["region"] for data in report.rows}
    villages = Region.objects.filter(code__in=codes, level=Level.VILLAGE)
    editable = set(villages.editable_by(actor).values_list("code", flat=True))
    known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    existing = _existing(list(by_number))
    mine = set(
        Person.objects.editable_by(actor)
        .filter(pk__in=[p.pk for p in existing.values()])
        .values_list("pk", flat=True)
    )
    in_file = {data["id_number"]: data for data in report.rows if data["row"] not in duplicates}
    kept, heads = [], {}
    for data in report.rows:
        row = data["row"]
        if row in duplicates:
            continue
        if data["region"] not in known:
            report.error(row, "居住地区划代码", _("没有这个区划代码。"))
            continue
        if data["region"] not in editable:
            report.error(row, "居住地区划代码", _("该区划不是您管辖范围内的社区（村）。"))
            continue
        person = existing.get(data["id_number"])
        if person is not None and person.pk not in mine:
            data["action"] = "conflict"
        elif person is not None and person.region_id != data["region"]:
            report.error(
                row,
                "居住地区划代码",
                _("该人员已登记在%(code)s，如已迁居请先在台账中办理迁移。")
                % {"code": person.region_id},
            )
            continue
        elif person is not None:
            data["action"], data["person"] = "update", person.pk
            changed = data["status"] != person.status
            if changed and data["since"] and data["since"] < person.status_since:
                report.error(
                    row,
                    data["date_column"],
                    _("早于台账中当前就业状态的起始日期（%(date)s），请核对。")
                    % {"date": person.status_since},
                )
                continue
        else:
            data["action"] = "create"
        if not _check_head(data, in_file, existing, mine, report, heads):
            continue
        kept.append(data)
    report.rows = [] if report.errors else kept


def _check_head(data, in_file, existing, mine, report, heads) -> bool:
    """The head of household is in the file or in the uploader's ledger, lives in the same
    village, and is the only head of that household."""
    head, row = data["head"], data["row"]
    if data["action"] == "conflict" or not head:
        return True
    if head == data["id_number"] or data["relation"] == Relation.HEAD:
        if head != data["id_number"]:
            report.error(row, "与户主关系", _("与户主关系为“户主”，但户主公民身份号码不是本人的。"))
            return False
        if heads.setdefault(head, row) != row:
            report.error(
                row, "与户主关系", _("该家庭已有户主（第%(row)d行）。") % {"row": heads[head]}
            )
            return False
        return True
    head_row, head_person = in_file.get(head), existing.get(head)
    if head_person is not None and head_person.pk not in mine:
        report.error(row, "户主公民身份号码", _("户主已在其他辖区登记。"))
        return False
    if head_person is None and head_row is None:
        report.error(row, "户主公民身份号码", _("户主不在本文件中，也不在本辖区台账中。"))
        return False
    head_region = head_person.region_id if head_person is not None else head_row["region"]
    if head_region != data["region"]:
        report.error(row, "户主公民身份号码", _("户主的居住地与本人不同。"))
        return False
    return True


@transaction.atomic
def apply(rows: list[dict], *, actor) -> dict:
    """Write validated rows, all or none. Returns the counts of created, updated and
    conflicting rows (conflicts are reported, not moved)."""
    today = timezone.localdate()
    creates = [r for r in rows if r["action"] == "create"]
    updates = [r for r in rows if r["action"] == "update"]
    conflicts = [r for r in rows if r["action"] == "conflict"]

    new_people = [
        Person(
            region_id=d["region"], id_number=d["id_number"], name=d["name"], name_initials=name_initials(d["name"]),
            sex=d["sex"], birth_date=d["birth_date"], ethnicity=d["ethnicity"] or "01", education=d["education"] or "",
            hukou_type=d["hukou_type"] or "", address=d["address"] or "", phone=d["phone"] or "",
            note=d["note"] or "", status=d["status"], status_since=d["since"] or today, employer=d["employer"] or "",
        )
        for d in creates
    ]  # fmt: skip
    history.bulk_create(new_people, actor=actor)
    created = {
        p.id_number: p
        for p in Person.objects.filter(id_number__in=[p.id_number for p in new_people])
    }
    history.bulk_create(
        [
            StatusRecord(person=created[d["id_number"]], region_id=d["region"], status=d["status"],
                         since=d["since"] or today, employer=d["employer"] or "", recorded_by=actor, note=_("台账导入"))
            for d in creates
        ],
        actor=actor,
    )  # fmt: skip

    people = Person.objects.in_bulk([d["person"] for d in updates])
    changed_status = 0
    for data in updates:
        person = people[data["person"]]
        if data["status"] != person.status or (
            data["employer"] and data["employer"] != person.employer
        ):
            since = data["since"] or max(today, person.status_since)
            ledger_services.status_change(actor=actor, person=person, status=data["status"], since=since,
                          employer=data["employer"] or "", note=_("台账导入"))  # fmt: skip
            changed_status += 1
        person.name, person.name_initials = data["name"], name_initials(data["name"])
        for attribute in PARTICULAR_COLUMNS.values():
            if data[attribute]:
                setattr(person, attribute, data[attribute])
    fields = ["name", "name_initials", *PARTICULAR_COLUMNS.values()]
    history.bulk_update(list(people.values()), fields, actor=actor)
    _households(rows, actor)
    return {"created": len(creates), "updated": len(updates), "status_changed": changed_status,
            "conflicts": [{"row": d["row"], "name": d["name"]} for d in conflicts]}  # fmt: skip


def _households(rows: list[dict], actor) -> None:
    """Put members with their head: the head's household, created if the head has none."""
    members = [d for d in rows if d["head"] and d["action"] != "conflict"]
    if not members:
        return
    numbers = {d["head"] for d in members} | {d["id_number"] for d in members}
    people = {
        p.id_number: p for p in Person.objects.editable_by(actor).filter(id_number__in=numbers)
    }
    touched = {p.household_id for p in people.values()}  # households that may lose members
    for head_number in {d["head"] for d in members}:
        head = people[head_number]
        if head.household_id is None:
            household = Household(region_id=head.region_id, address=head.address)
            household._history_user = actor
            household.save()
            head.household_id, head.relation = household.pk, Relation.HEAD
    changed = {}
    for data in members:
        person, head = people[data["id_number"]], people[data["head"]]
        person.household_id = head.household_id
        person.relation = (
            Relation.HEAD if person.pk == head.pk else data["relation"] or Relation.OTHER
        )
        changed[person.pk] = person
    for head_number in {d["head"] for d in members}:
        changed[people[head_number].pk] = people[head_number]
    history.bulk_update(list(changed.values()), ["household", "relation"], actor=actor)
    ledger_services.households_changed(touched | {p.household_id for p in changed.values()}, actor)
