"""Import of an existing community ledger from Excel.

``validate`` reads every row (each cell through ``ledger.reading``, which copes with the
mess real files are), checks it across rows and against the database and collects every error
by row and column; nothing is written. ``apply`` then writes all rows in one transaction: new
residents are created, residents of the uploader's jurisdiction are updated (a changed status
opens a new status period), and residents registered in another jurisdiction are reported as
conflicts and left where they are.
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.core import history, parameters
from jiuye.ledger import services as ledger_services  # module, as services also start imports
from jiuye.ledger.choices import WITH_EMPLOYER, LabourStatus, Relation
from jiuye.ledger.identity import clean_phone, clean_text, parse_id_number
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


@dataclass
class Report:
    """What validation found: the normalised rows and every error, by Excel row and column."""

    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def error(self, row: int | None, column: str, message) -> None:
        self.errors.append({"row": row, "column": column, "message": str(message)})


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
