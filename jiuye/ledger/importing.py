"""Import of an existing community ledger from Excel.

Real files are messy: full-width digits, spaces, dates typed in four ways or stored as Excel
dates, a lower-case x, columns in another order, numbers stored as numbers. ``validate``
reads every row, normalises it and collects every error by row and column; nothing is
written. ``apply`` then writes all rows in one transaction: new residents are created,
residents of the uploader's jurisdiction are updated (a changed status opens a new status
period), and residents registered in another jurisdiction are reported as conflicts and left
where they are.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from jiuye.core import parameters
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

REQUIRED = ("姓名", "公民身份号码", "居住地区划代码", "就业状态")
PARTICULAR_COLUMNS = {
    "民族": "ethnicity", "文化程度": "education", "户籍性质": "hukou_type", "现住址": "address",
    "联系电话": "phone", "备注": "note",
}  # fmt: skip


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
STATUS = _choices(LabourStatus, {
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
    if isinstance(value, int | float) and 20000 <= value <= 80000:  # an Excel serial number
        return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(value))
    text = clean_text(value).replace(" ", "")
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
    """The first sheet of an .xlsx file, or a ValidationError that says what is wrong."""
    if filename.lower().endswith(".xls") or content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(
            _("这是旧版Excel（.xls）文件，请在Excel中“另存为”.xlsx格式后再导入。")
        )
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise ValidationError(_("文件不是Excel文件（.xlsx），请下载导入模板填写。"))
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise ValidationError(_("Excel文件已损坏或无法读取。")) from None
    return book.worksheets[0]


def _header(cells) -> dict[str, int]:
    names = {}
    for index, cell in enumerate(cells):
        name = re.sub(r"[\s*＊]", "", clean_text(cell))
        if name in COLUMNS and name not in names:
            names[name] = index
    return names


def validate(content: bytes, filename: str, *, actor, progress=None) -> Report:
    """Read and check every row; write nothing. ``progress(done, total)`` is called now and then."""
    report = Report()
    sheet = open_workbook(content, filename)
    rows = sheet.iter_rows(values_only=True)
    header = _header(next(rows, ()) or ())
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        report.error(
            1,
            "、".join(missing),
            _("缺少必需的列：%(columns)s。请使用导入模板的列名。")
            % {"columns": "、".join(missing)},
        )
        return report
    lines = [
        (number, row) for number, row in enumerate(rows, start=2)
        if any(clean_text(cell) for cell in row)
    ]  # fmt: skip
    limit = parameters.value("ledger.import_max_rows", _region_of(actor))
    if not lines:
        report.error(None, "", _("文件中没有数据行。"))
        return report
    if len(lines) > limit:
        report.error(
            None,
            "",
            _("文件有%(rows)d行数据，超过了每次%(limit)d行的上限，请分成几个文件导入。")
            % {"rows": len(lines), "limit": limit},
        )
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


def _region_of(actor) -> str:
    return actor.org.region_id if actor.org_id else "370000000000"


def _read_row(number: int, cells: dict, report: Report) -> None:
    data = {"row": number}
    ok = True

    def read(column, reader, *args):
        nonlocal ok
        try:
            return reader(cells.get(column), *args)
        except ValidationError as error:
            report.error(number, column, error.messages[0])
            ok = False
            return None

    data["name"] = read("姓名", read_text)
    if not data["name"]:
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
    head = read("户主公民身份号码", lambda value: read_code(value, "户主公民身份号码"))
    data["head"] = parse_id_number(head).number if head and _valid_number(head) else None
    if head and data["head"] is None:
        report.error(number, "户主公民身份号码", _("户主公民身份号码无效。"))
        ok = False
    data["relation"] = read("与户主关系", read_choice, RELATION, "与户主关系")
    status = read("就业状态", read_choice, STATUS, "就业状态")
    if not status and "就业状态" not in {e["column"] for e in report.errors if e["row"] == number}:
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
    if data["since"] and data["since"] > timezone.localdate():
        report.error(
            number,
            "就业日期" if status != LabourStatus.UNEMPLOYED else "失业日期",
            _("日期不能晚于今天。"),
        )
        ok = False
    if ok:
        report.rows.append(data)


def _valid_number(text: str) -> bool:
    try:
        parse_id_number(text)
    except ValidationError:
        return False
    return True


def _check_file(report: Report, actor) -> None:
    """Checks across rows and against the database: duplicates in the file, regions outside
    the jurisdiction, residents held elsewhere, heads of household."""
    by_number: dict[str, list[int]] = {}
    for data in report.rows:
        by_number.setdefault(data["id_number"], []).append(data["row"])
    for rows in by_number.values():
        for row in rows[1:]:
            report.error(
                row, "公民身份号码", _("与第%(first)d行的公民身份号码重复。") % {"first": rows[0]}
            )
    duplicates = {row for rows in by_number.values() for row in rows[1:]}
    codes = {data["region"] for data in report.rows}
    editable = set(
        Region.objects.editable_by(actor)
        .filter(code__in=codes, level=Level.VILLAGE)
        .values_list("code", flat=True)
    )
    known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    existing = {}
    numbers = list(by_number)
    for start in range(0, len(numbers), 2000):
        for person in Person.objects.filter(id_number__in=numbers[start : start + 2000]).only(
            "id", "id_number", "region_id"
        ):
            existing[person.id_number] = person
    mine = set(
        Person.objects.editable_by(actor)
        .filter(pk__in=[p.pk for p in existing.values()])
        .values_list("pk", flat=True)
    )
    in_file = {data["id_number"]: data for data in report.rows}
    kept = []
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
        else:
            data["action"] = "create"
        head = data["head"]
        if head and head != data["id_number"]:
            head_row = in_file.get(head)
            head_person = existing.get(head)
            head_region = (
                head_row["region"]
                if head_row
                else head_person.region_id
                if head_person and head_person.pk in mine
                else None
            )
            if head_region is None:
                report.error(row, "户主公民身份号码", _("户主不在本文件中，也不在本辖区台账中。"))
                continue
            if head_region != data["region"]:
                report.error(row, "户主公民身份号码", _("户主的居住地与本人不同。"))
                continue
        kept.append(data)
    report.rows = kept if not report.errors else []


@transaction.atomic
def apply(rows: list[dict], *, actor) -> dict:
    """Write validated rows, all or none. Returns the counts of created, updated and
    conflicting rows (conflicts are reported, not moved)."""
    today = timezone.localdate()
    creates = [r for r in rows if r["action"] == "create"]
    updates = [r for r in rows if r["action"] == "update"]
    conflicts = [r for r in rows if r["action"] == "conflict"]

    new_people = []
    for data in creates:
        person = Person(
            region_id=data["region"], id_number=data["id_number"], name=data["name"],
            name_initials=name_initials(data["name"]), sex=data["sex"], birth_date=data["birth_date"],
            ethnicity=data["ethnicity"] or "01", education=data["education"] or "", hukou_type=data["hukou_type"] or "",
            address=data["address"] or "", phone=data["phone"] or "", note=data["note"] or "",
            status=data["status"], status_since=data["since"] or today, employer=data["employer"] or "",
        )  # fmt: skip
        new_people.append(person)
    bulk_create_with_history(new_people, Person, batch_size=2000, default_user=actor)
    created = {
        p.id_number: p
        for p in Person.objects.filter(id_number__in=[p.id_number for p in new_people])
    }
    records = [
        StatusRecord(person=created[d["id_number"]], region_id=d["region"], status=d["status"],
                     since=d["since"] or today, employer=d["employer"] or "", recorded_by=actor, note=_("台账导入"))
        for d in creates
    ]  # fmt: skip

    people = Person.objects.in_bulk([d["person"] for d in updates])
    changed_status, closing = [], []
    for data in updates:
        person = people[data["person"]]
        person.name, person.name_initials = data["name"], name_initials(data["name"])
        for attribute in PARTICULAR_COLUMNS.values():
            if data[attribute]:
                setattr(person, attribute, data[attribute])
        person.version += 1
        since = data["since"] or today
        if (
            data["status"] != person.status
            or (data["employer"] or person.employer) != person.employer
        ):
            since = max(since, person.status_since)
            changed_status.append(person)
            person.status, person.status_since, person.employer = (
                data["status"],
                since,
                data["employer"] or "",
            )
            records.append(
                StatusRecord(
                    person=person,
                    region_id=person.region_id,
                    status=data["status"],
                    since=since,
                    employer=person.employer,
                    recorded_by=actor,
                    note=_("台账导入"),
                )
            )
    open_records = StatusRecord.objects.filter(person__in=changed_status, until__isnull=True)
    for record in open_records:
        new_since = people[record.person_id].status_since
        if record.since >= new_since:
            record.delete()  # replaced by the imported status of the same day
        else:
            record.until = new_since
            closing.append(record)
    StatusRecord.objects.bulk_update(closing, ["until"], batch_size=2000)
    fields = [
        "name",
        "name_initials",
        *PARTICULAR_COLUMNS.values(),
        "status",
        "status_since",
        "employer",
        "version",
    ]
    bulk_update_with_history(
        list(people.values()), Person, fields, batch_size=2000, default_user=actor
    )
    StatusRecord.objects.bulk_create(records, batch_size=2000)
    _households(rows, actor)
    return {"created": len(creates), "updated": len(updates), "status_changed": len(changed_status),
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
    for head_number in {d["head"] for d in members}:
        head = people[head_number]
        if head.household_id is None:
            head.household = Household.objects.create(
                region_id=head.region_id, address=head.address
            )
            head.relation = Relation.HEAD
            head._history_user = actor
            head.save(update_fields=["household", "relation"])
    changed = []
    for data in members:
        person, head = people[data["id_number"]], people[data["head"]]
        relation = Relation.HEAD if person.pk == head.pk else data["relation"] or Relation.OTHER
        person.household_id, person.relation = head.household_id, relation
        changed.append(person)
    bulk_update_with_history(
        changed, Person, ["household", "relation"], batch_size=2000, default_user=actor
    )
