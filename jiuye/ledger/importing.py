"""Import of an existing community ledger from Excel.

``validate`` reads every row (each cell through ``ledger.reading``, which copes with the
mess real files are), checks it across rows and against the database and collects every error
by row and column, in one pass: a cell that cannot be read loses only the checks that need its
value, so a row with a wrong date is still checked for a duplicate number, its jurisdiction and
its household. Nothing is written. For a clean file it also makes the preview: each row's
values as they will be stored (a 15-digit number made 18, dates and labels normalised, with
what was typed beside) and, for a resident already in the ledger, the fields that change.
``apply`` then writes all rows in one transaction: new residents are created, residents of the
uploader's jurisdiction are updated (a changed status opens a new status period), and
residents registered in another jurisdiction are reported as conflicts and left where they are.

Messages are kept as msgids with their values (``Report.error``) and translated when shown
(``message_text``): the validation runs in the background, in no reader's language.
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

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
from jiuye.ledger.identity import (
    clean_phone,
    clean_text,
    mask_id_number,
    mask_phone,
    parse_id_number,
)
from jiuye.ledger.models import Household, Person, StatusRecord
from jiuye.ledger.pinyin import name_initials
from jiuye.ledger.reading import (
    EDUCATION,
    ETHNICITY,
    HEADER_SEARCH_ROWS,
    HUKOU,
    RELATION,
    SEX,
    STATUS_LABELS,
    YES_NO,
    header_of,
    read_amount,
    read_choice,
    read_code,
    read_date,
    read_text,
    rows_of,
)
from jiuye.regions.codes import Level, is_valid_code
from jiuye.regions.models import Region

logger = logging.getLogger(__name__)
REQUIRED = ("姓名", "公民身份号码", "居住地区划代码", "就业状态")
PARTICULAR_COLUMNS = {
    "民族": "ethnicity", "文化程度": "education", "户籍性质": "hukou_type", "现住址": "address",
    "联系电话": "phone", "备注": "note",
}  # fmt: skip
MAX_LENGTH = {"姓名": 50, "现住址": 200, "就业单位": 100, "备注": 1000}
# How the preview shows a column's stored value: by its choices, as yes/no, or as it is.
SHOWN_BY_CHOICES = {
    "性别": Sex, "民族": Ethnicity, "文化程度": Education, "户籍性质": HukouType,
    "与户主关系": Relation, "就业状态": LabourStatus,
}  # fmt: skip
YES_NO_COLUMNS = ("就业（转移就业）意愿", "享受低保", "经营性投资性收入")
MASKED = {
    "公民身份号码": mask_id_number,
    "户主公民身份号码": mask_id_number,
    "联系电话": mask_phone,
}


def msgid(message) -> str:
    """The untranslated text of a lazy message (a plain string stays as it is)."""
    with translation.override(None):
        return str(message)


def heading(column: str) -> str:
    """A column of the template by its name in the active language (``excel.COLUMNS`` are
    marked for translation)."""
    return gettext(column) if column else ""


def message_text(entry: dict) -> str:
    """An error or warning kept by ``Report.error``, in the active language. A column name
    among its values is translated too; entries kept before messages had values are already
    text."""
    params = dict(entry.get("params") or {})
    if "column" in params:
        params["column"] = gettext(params["column"])
    text = gettext(entry["message"])
    return text % params if params else text


@dataclass
class Report:
    """What validation found: the normalised rows and every error, by Excel row and column
    (its name in the header and its letter), and for a clean file the preview."""

    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # the header: name → index
    preview: list[dict] = field(default_factory=list)

    def error(self, row: int | None, column: str, message, /, **params) -> None:
        """``message`` is a lazy msgid; its ``%(name)s`` values are ``params``."""
        index = self.columns.get(column)
        self.errors.append({
            "row": row, "column": column, "letter": "" if index is None else get_column_letter(index + 1),
            "message": msgid(message), "params": params,
        })  # fmt: skip

    def refuse(self, row: int | None, column: str, error: ValidationError) -> None:
        """A reader's ValidationError at its cell, kept as its msgid and values."""
        if hasattr(error, "message"):
            self.error(row, column, error.message, **(error.params or {}))
        else:
            self.error(row, column, error.messages[0])

    def sort(self) -> None:
        """Errors in the order of the file: by row, then by column."""
        self.errors.sort(key=lambda e: (e["row"] or 0, self.columns.get(e["column"], -1)))


def validate(content: bytes, filename: str, *, actor, region_code: str, progress=None) -> Report:
    """Read and check every row; write nothing. ``progress(done, total)`` is called now and then.
    A file that cannot be read gives a ValidationError; anything else is our own error and
    reaches the caller (the task logs it)."""
    report = Report()
    rows = rows_of(content, filename)
    header, header_row = {}, 0
    for number, cells in enumerate(rows, start=1):
        header, header_row = header_of(cells), number
        if all(name in header for name in REQUIRED) or number >= HEADER_SEARCH_ROWS:
            break
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        report.error(header_row or 1, _("、").join(missing),
                     _("缺少必需的列：%(columns)s。请使用导入模板的列名。"), columns=_("、").join(missing))  # fmt: skip
        return report
    report.columns = header
    limit = parameters.value("ledger.import_max_rows", region_code)
    lines = []
    # every row read counts, the empty ones too: a file may hold a single cell a million
    # rows down, and reading up to it costs as much as reading a million full rows
    for number, row in enumerate(rows, start=header_row + 1):
        if number - header_row > limit:
            report.error(None, "", _("文件超过了每次%(limit)d行的上限（空行也计算在内），请删除多余的空行或分成几个文件导入。"),
                         limit=limit)  # fmt: skip
            return report
        if any(clean_text(cell) for cell in row):
            lines.append((number, row))
    if not lines:
        report.error(None, "", _("文件中没有数据行。"))
        return report
    read = []
    for done, (number, row) in enumerate(lines, start=1):
        cells = {name: (row[index] if index < len(row) else None) for name, index in header.items()}
        read.append(_read_row(number, cells, report))
        if progress and done % 500 == 0:
            progress(done, len(lines))
    _check_file(read, report, actor)
    report.sort()
    if not report.errors:
        report.rows = read
        report.preview = _preview(read, header)
    if progress:
        progress(len(lines), len(lines))
    return report


def _read_row(number: int, cells: dict, report: Report) -> dict:
    """The row's values, normalised; each cell that cannot be read is reported and read as
    None, and only the checks that need it are left out."""
    data = {"row": number, "typed": {}}

    def read(column, reader, *args):
        cell = cells.get(column)
        if isinstance(cell, str) and cell.strip():
            data["typed"][column] = cell.strip()
        try:
            value = reader(cell, *args)
        except ValidationError as error:
            report.refuse(number, column, error)
            return None
        limit = MAX_LENGTH.get(column, 200)
        if isinstance(value, str) and len(value) > limit:
            report.error(number, column, _("内容太长，最多%(limit)d个字。"), limit=limit)
            return None
        return value

    data["name"] = read("姓名", read_text)
    if data["name"] == "":
        report.error(number, "姓名", _("姓名不能为空。"))
    parsed = read("公民身份号码", lambda value: parse_id_number(read_code(value, "公民身份号码")))
    data.update(
        id_number=parsed and parsed.number,
        sex=parsed and parsed.sex,
        birth_date=parsed and parsed.birth_date,
        warnings=parsed.warnings if parsed else [],
    )
    sex = read("性别", read_choice, SEX, "性别")
    if sex and parsed and sex != parsed.sex:
        report.error(number, "性别", _("性别与公民身份号码不符。"))
    birth = read("出生日期", read_date)
    if birth and parsed and birth != parsed.birth_date:
        report.error(number, "出生日期", _("出生日期与公民身份号码不符。"))
    data["ethnicity"] = read("民族", read_choice, ETHNICITY, "民族")
    data["education"] = read("文化程度", read_choice, EDUCATION, "文化程度")
    data["hukou_type"] = read("户籍性质", read_choice, HUKOU, "户籍性质")
    data["address"] = read("现住址", read_text)
    data["phone"] = read("联系电话", lambda value: clean_phone(read_text(value)))
    data["note"] = read("备注", read_text)
    data["region"] = read("居住地区划代码", read_code, "居住地区划代码")
    if data["region"] is not None and not is_valid_code(data["region"]):
        report.error(number, "居住地区划代码", _("区划代码应为12位数字。"))
        data["region"] = None
    data["head"] = read("户主公民身份号码", _read_head)
    data["relation"] = read("与户主关系", read_choice, RELATION, "与户主关系")
    data["willing"] = read("就业（转移就业）意愿", read_choice, YES_NO, "就业（转移就业）意愿")
    data["means"] = {
        field: value
        for column, field in (
            ("享受低保", "has_dibao"),
            ("经营性投资性收入", "has_business_income"),
        )
        if (value := read(column, read_choice, YES_NO, column))
    }
    income = read("家庭人均月收入（元）", read_amount, "家庭人均月收入（元）")
    if income is not None:
        data["means"]["income_per_capita"] = income
    status = read("就业状态", read_choice, STATUS_LABELS, "就业状态")
    if status == "":
        report.error(number, "就业状态", _("就业状态不能为空。"))
    data["status"] = status
    data["employer"] = read("就业单位", read_text)
    data["dates"] = {
        "就业日期": read("就业日期", read_date),
        "失业日期": read("失业日期", read_date),
    }
    date_column = "失业日期" if status == LabourStatus.UNEMPLOYED else "就业日期"
    data["since"], data["date_column"] = data["dates"][date_column], date_column
    if status in WITH_EMPLOYER and not data["employer"] and data["employer"] is not None:
        report.error(number, "就业单位", _("该就业状态须填写就业单位（或务工地点）。"))
    if data["since"] and data["since"] > timezone.localdate():
        report.error(number, date_column, _("日期不能晚于今天。"))
    return data


def _read_head(value) -> str | None:
    """The head of household's number, normalised; None when the cell is empty."""
    text = read_code(value, "户主公民身份号码")
    return parse_id_number(text).number if text else None


def _existing(numbers) -> dict[str, Person]:
    """The ledger's persons with these numbers, wherever they live, with what the preview
    compares."""
    numbers, found = list(numbers), {}
    for start in range(0, len(numbers), 2000):
        chunk = numbers[start : start + 2000]
        for person in Person.objects.filter(id_number__in=chunk).only(
            "id", "id_number", "region_id", "status", "status_since", "employer", "name",
            "willing_to_work", "household_id", "relation", *PARTICULAR_COLUMNS.values(),
        ):  # fmt: skip
            found[person.id_number] = person
    return found


def _household_heads(household_ids) -> dict[int, str]:
    """The heads' numbers of these households."""
    household_ids, heads = list(household_ids), {}
    for start in range(0, len(household_ids), 2000):
        heads.update(
            Person.objects.filter(
                household_id__in=household_ids[start : start + 2000], relation=Relation.HEAD
            ).values_list("household_id", "id_number")
        )
    return heads


def _check_file(rows: list[dict], report: Report, actor) -> None:
    """Checks across rows and against the database, for every row whose cells they need were
    read: duplicates in the file, regions outside the jurisdiction, residents held elsewhere
    (conflicts) or moved, status dates, heads of household. Sets each row's action and, for
    an update, its changes."""
    in_file: dict[str, dict] = {}  # number → its first row
    for data in rows:
        number = data["id_number"]
        if number is None:
            continue
        first = in_file.setdefault(number, data)
        if first is not data:
            report.error(data["row"], "公民身份号码", _("与第%(first)d行的公民身份号码重复。"),
                         first=first["row"])  # fmt: skip
    codes = {data["region"] for data in rows if data["region"]}
    villages = Region.objects.filter(code__in=codes, level=Level.VILLAGE)
    editable = set(villages.editable_by(actor).values_list("code", flat=True))
    known = set(Region.objects.filter(code__in=codes).values_list("code", flat=True))
    existing = _existing(set(in_file) | {data["head"] for data in rows if data["head"]})
    mine = set(
        Person.objects.editable_by(actor)
        .filter(pk__in=[p.pk for p in existing.values()])
        .values_list("pk", flat=True)
    )
    updated = [existing[n] for n in in_file if n in existing and existing[n].pk in mine]
    household_heads = _household_heads({p.household_id for p in updated if p.household_id})
    heads = {}
    for data in rows:
        row, region = data["row"], data["region"]
        if region and region not in known:
            report.error(row, "居住地区划代码", _("没有这个区划代码。"))
        elif region and region not in editable:
            report.error(row, "居住地区划代码", _("该区划不是您管辖范围内的社区（村）。"))
        person = existing.get(data["id_number"]) if data["id_number"] else None
        data["action"] = None if data["id_number"] is None else "create"
        if person is not None and person.pk not in mine:
            data["action"] = "conflict"
        elif person is not None:
            data["action"], data["person"] = "update", person.pk
            _check_update(data, person, report)
            data["changes"] = _changes(data, person, household_heads.get(person.household_id))
        _check_head(data, in_file, existing, mine, report, heads)


def _check_update(data: dict, person: Person, report: Report) -> None:
    """A resident of the uploader's ledger stays in their village (a move is a transfer) and
    their status does not start before the current one."""
    row = data["row"]
    if data["region"] and person.region_id != data["region"]:
        report.error(row, "居住地区划代码", _("该人员已登记在%(code)s，如已迁居请先在台账中办理迁移。"),
                     code=person.region_id)  # fmt: skip
    changed = data["status"] and data["status"] != person.status
    if changed and data["since"] and data["since"] < person.status_since:
        report.error(row, data["date_column"], _("早于台账中当前就业状态的起始日期（%(date)s），请核对。"),
                     date=person.status_since.isoformat())  # fmt: skip


def _changes(data: dict, person: Person, head_number: str | None) -> list[list[str]]:
    """What ``apply`` changes in the ledger for this row: [column, old, new] as stored."""
    changes = []

    def change(column, old, new):
        if old != new:
            changes.append([column, _stored(old), _stored(new)])

    if data["name"]:
        change("姓名", person.name, data["name"])
    for column, attribute in PARTICULAR_COLUMNS.items():
        if data[attribute]:
            change(column, getattr(person, attribute), data[attribute])
    new_status = data["status"] or person.status
    employer = data["employer"] or ""
    if new_status != person.status or (employer and employer != person.employer):
        change("就业状态", person.status, new_status)
        change("就业单位", person.employer, employer)
        since = data["since"] or max(timezone.localdate(), person.status_since)
        date_column = "失业日期" if new_status == LabourStatus.UNEMPLOYED else "就业日期"
        change(date_column, person.status_since, since)
    if data["willing"]:
        change("就业（转移就业）意愿", "yes" if person.willing_to_work else "no", data["willing"])
    if data["head"]:
        relation = (
            Relation.HEAD
            if data["head"] == data["id_number"]
            else data["relation"] or Relation.OTHER
        )
        change("户主公民身份号码", head_number or "", data["head"])
        change("与户主关系", person.relation, relation)
    return changes


def _stored(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


def _check_head(data, in_file, existing, mine, report, heads) -> None:
    """The head of household is in the file or in the uploader's ledger, lives in the same
    village, is the head of no other household and the only head of this one."""
    head, row, own = data["head"], data["row"], data["id_number"]
    if data["action"] == "conflict" or not head:
        return
    if head == own or data["relation"] == Relation.HEAD:
        if own and head != own:
            report.error(row, "与户主关系", _("与户主关系为“户主”，但户主公民身份号码不是本人的。"))
        elif (first := heads.setdefault(head, data)) is not data and first["id_number"] != own:
            # (the same person twice is a duplicate, reported as such)
            report.error(row, "与户主关系", _("该家庭已有户主（第%(row)d行）。"), row=first["row"])
        return
    head_row, head_person = in_file.get(head), existing.get(head)
    if head_person is not None and head_person.pk not in mine:
        report.error(row, "户主公民身份号码", _("户主已在其他辖区登记。"))
        return
    if head_person is None and head_row is None:
        report.error(row, "户主公民身份号码", _("户主不在本文件中，也不在本辖区台账中。"))
        return
    if head_row is not None and head_row["head"] not in (None, head):
        report.error(row, "户主公民身份号码", _("户主本人在第%(row)d行登记在另一户主名下。"),
                     row=head_row["row"])  # fmt: skip
    head_region = head_person.region_id if head_person is not None else head_row["region"]
    if head_region and data["region"] and head_region != data["region"]:
        report.error(row, "户主公民身份号码", _("户主的居住地与本人不同。"))


def _preview(rows: list[dict], header: dict[str, int]) -> list[dict]:
    """Each row as it will be stored, in the file's columns: the stored value, and what was
    typed where it reads otherwise (compared as the Chinese labels, the template's language)."""
    columns = [column for column in COLUMNS if column in header]
    preview = []
    with translation.override(None):
        for data in rows:
            cells, typed = [], {}
            for index, column in enumerate(columns):
                value = _stored(_value(data, column))
                cells.append(value)
                text = data["typed"].get(column)
                if text is not None and text != shown(column, value):
                    typed[index] = text
            entry = {"row": data["row"], "action": data["action"], "cells": cells}
            if typed:
                entry["typed"] = typed
            if data.get("changes"):
                entry["changes"] = data["changes"]
            preview.append(entry)
    return preview


def _value(data: dict, column: str):
    fields = {
        "姓名": "name", "公民身份号码": "id_number", "性别": "sex", "出生日期": "birth_date",
        "户主公民身份号码": "head", "与户主关系": "relation", "居住地区划代码": "region", "就业状态": "status",
        "就业单位": "employer", "就业（转移就业）意愿": "willing", **PARTICULAR_COLUMNS,
    }  # fmt: skip
    if column in fields:
        return data[fields[column]]
    if column in data["dates"]:
        return data["dates"][column]
    means = {"享受低保": "has_dibao", "经营性投资性收入": "has_business_income",
             "家庭人均月收入（元）": "income_per_capita"}  # fmt: skip
    return data["means"].get(means[column])


def shown(column: str, value: str, *, full: bool = True) -> str:
    """A stored value of a column as people read it, in the active language; numbers and
    phones masked unless ``full``."""
    if not value:
        return ""
    if column in SHOWN_BY_CHOICES:
        return str(dict(SHOWN_BY_CHOICES[column].choices).get(value, value))
    if column in YES_NO_COLUMNS:
        return gettext("是") if value == "yes" else gettext("否")
    if not full and column in MASKED:
        return MASKED[column](value)
    return value


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
            willing_to_work=d["willing"] != "no",
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
        if data["willing"]:
            person.willing_to_work = data["willing"] == "yes"
    fields = ["name", "name_initials", "willing_to_work", *PARTICULAR_COLUMNS.values()]
    history.bulk_update(list(people.values()), fields, actor=actor)
    _households(rows, actor)
    _means(rows, actor)
    logger.info("ledger import by %s: %s created, %s updated, %s conflicts", actor.pk, len(creates),
                len(updates), len(conflicts))  # fmt: skip
    return {"created": len(creates), "updated": len(updates), "status_changed": changed_status,
            "conflicts": [{"row": d["row"], "name": d["name"]} for d in conflicts]}  # fmt: skip


def _means(rows: list[dict], actor) -> None:
    """The households' means given on their heads' rows (yes/no as "yes"/"no")."""
    given = {d["id_number"]: d["means"] for d in rows if d["means"] and d["action"] != "conflict"}
    if not given:
        return
    heads = Person.objects.filter(id_number__in=list(given), relation=Relation.HEAD).select_related(
        "household"
    )
    households = []
    for head in heads:
        for name, value in given[head.id_number].items():
            setattr(head.household, name, value == "yes" if isinstance(value, str) else value)
        households.append(head.household)
    history.bulk_update(
        households, ["has_dibao", "has_business_income", "income_per_capita"], actor=actor
    )
    ledger_services.households_changed([household.pk for household in households], actor)


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


ACTIONS = {"create": _("新增"), "update": _("更新"), "conflict": _("其他辖区已登记，不导入")}


def preview_rows(entries: list[dict], columns: list[str], *, full: bool) -> list[dict]:
    """Preview entries (``_preview``) as the import page shows them, in the active language:
    each cell's value and what was typed where it differs (not for masked columns), and an
    update's changes (column, old, new)."""
    rows = []
    for entry in entries:
        typed = entry.get("typed", {})
        cells = []
        for index, (column, value) in enumerate(zip(columns, entry["cells"], strict=True)):
            shown_typed = typed.get(str(index), typed.get(index))  # JSON keys are strings
            if not full and column in MASKED:
                shown_typed = None
            cells.append({"value": shown(column, value, full=full), "typed": shown_typed})
        changes = [
            {"column": gettext(column), "old": shown(column, old, full=full),
             "new": shown(column, new, full=full)}
            for column, old, new in entry.get("changes", [])
        ]  # fmt: skip
        rows.append({"row": entry["row"], "action": ACTIONS.get(entry["action"], ""),
                     "update": entry["action"] == "update", "cells": cells, "changes": changes})  # fmt: skip
    return rows
