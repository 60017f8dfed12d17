"""Importing a community's Excel ledger, as coordinator-370102001002 does it."""

import datetime
import io
import logging
import re
import time
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from jiuye.conftest import VILLAGE_A, VILLAGE_B
from jiuye.core.models import PolicyParameter
from jiuye.ledger import services
from jiuye.ledger.choices import LabourStatus, Relation
from jiuye.ledger.excel import COLUMNS
from jiuye.ledger.identity import check_character
from jiuye.ledger.importing import message_text
from jiuye.ledger.models import ImportState, LedgerImport, Person
from jiuye.regions.models import Region

pytestmark = pytest.mark.django_db
D = datetime.date


def number(body17):
    return body17 + check_character(body17)


HEAD = number("37010219700101123")
SPOUSE = number("37010219720202124")
SON = number("37010219980303125")
LOWER_X = next(
    number(f"37010219850501{seq:03d}")
    for seq in range(1000)
    if check_character(f"37010219850501{seq:03d}") == "X"
)


def xlsx(rows, headers=COLUMNS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(name) for name in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def family(**changes):
    rows = [
        {"姓名": "王大山", "公民身份号码": HEAD, "居住地区划代码": VILLAGE_A, "就业状态": "失业", "失业日期": "2026-03-02",
         "户主公民身份号码": HEAD, "与户主关系": "户主", "联系电话": "13800138000", "民族": "汉族", "文化程度": "初中"},
        {"姓名": "李小花", "公民身份号码": SPOUSE, "居住地区划代码": VILLAGE_A, "就业状态": "灵活就业", "就业日期": "2025/6/1",
         "户主公民身份号码": HEAD, "与户主关系": "妻子"},
        {"姓名": "王小川", "公民身份号码": SON, "居住地区划代码": VILLAGE_A, "就业状态": "单位就业",
         "就业单位": "济南某机械有限公司", "就业日期": "2024.09.01", "户主公民身份号码": HEAD, "与户主关系": "儿子"},
    ]  # fmt: skip
    for index, values in changes.items():
        rows[int(index[1:])].update(values)
    return rows


def upload(client, content, name="台账.xlsx", confirm=False, capture=None):
    with capture(execute=True):
        response = client.post("/ledger/import/", {"file": _file(content, name)})
    if response.status_code != 302:
        return response, None
    job = LedgerImport.objects.latest("pk")
    if confirm:
        with capture(execute=True):
            client.post(f"/ledger/import/{job.pk}/")
        job.refresh_from_db()
    return response, job


def _file(content, name):
    return SimpleUploadedFile(name, content)


@pytest.fixture
def client_(login, coordinator):
    return login(coordinator)


def test_a_file_with_errors_lists_each_error_by_row_and_column_and_writes_nothing(
    client_, django_capture_on_commit_callbacks
):
    rows = family(r0={"公民身份号码": HEAD[:-1] + ("1" if HEAD[-1] != "1" else "2")},
                  r1={"就业日期": "2025-13-45", "文化程度": "幼儿园"}, r2={"居住地区划代码": VILLAGE_B})  # fmt: skip
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.INVALID
    found = {(e["row"], e["column"]) for e in job.errors}
    assert {(2, "公民身份号码"), (3, "就业日期"), (3, "文化程度"), (4, "居住地区划代码")} <= found
    messages = " ".join(e["message"] for e in job.errors)
    assert "校验位错误" in messages and "不是您管辖范围内" in messages
    assert not Person.objects.filter(id_number__in=[HEAD, SPOUSE, SON]).exists()
    page = client_.get(f"/ledger/import/{job.pk}/").content.decode()
    assert "没有写入任何数据" in page and "文化程度" in page


def test_a_corrected_file_is_previewed_then_written_in_full(
    client_, coordinator, django_capture_on_commit_callbacks
):
    _response, job = upload(client_, xlsx(family()), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.READY and job.summary["counts"] == {
        "create": 3,
        "update": 0,
        "conflict": 0,
    }
    assert not Person.objects.filter(id_number=HEAD).exists()  # nothing before the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        client_.post(f"/ledger/import/{job.pk}/")
    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.summary["result"]["created"] == 3
    head, spouse, son = (Person.objects.get(id_number=n) for n in (HEAD, SPOUSE, SON))
    assert (head.status, head.status_since, head.phone, head.education) == (
        "unemployed",
        D(2026, 3, 2),
        "13800138000",
        "70",
    )
    assert (
        spouse.status_since == D(2025, 6, 1)
        and son.employer == "济南某机械有限公司"
        and son.status_since == D(2024, 9, 1)
    )
    assert head.household_id == spouse.household_id == son.household_id is not None
    assert (head.relation, spouse.relation, son.relation) == (
        Relation.HEAD,
        Relation.SPOUSE,
        Relation.SON,
    )
    assert head.history.first().history_user == coordinator
    assert head.status_records.get().since == D(2026, 3, 2)


def test_messy_cells_and_another_column_order_are_read(client_, django_capture_on_commit_callbacks):
    headers = list(reversed(COLUMNS))
    rows = [
        {"姓名": " 赵 六 ".strip(), "公民身份号码": "３７０１０２" + LOWER_X[6:].lower(), "居住地区划代码": f" {VILLAGE_A} ",
         "就业状态": " 失业 ", "失业日期": datetime.datetime(2026, 1, 5)},
        {"姓名": "钱七", "公民身份号码": number("37010219660606126"), "居住地区划代码": int(VILLAGE_A), "就业状态": "务农",
         "就业日期": "20250101", "性别": "女", "出生日期": "1966/6/6", "户籍性质": "农业"},
        {"姓名": "孙八", "公民身份号码": number("37010219770707127"), "居住地区划代码": VILLAGE_A, "就业状态": "个体经营",
         "就业日期": "2023.7.7", "联系电话": "０５３１－８６００１２３４"},
    ]  # fmt: skip
    _response, job = upload(
        client_, xlsx(rows, headers), confirm=True, capture=django_capture_on_commit_callbacks
    )
    assert job.state == ImportState.DONE, job.errors
    zhao = Person.objects.get(id_number=LOWER_X)
    assert zhao.status_since == D(2026, 1, 5)
    qian = Person.objects.get(name="钱七")
    assert (
        qian.status_since == D(2025, 1, 1) and qian.hukou_type == "agricultural" and qian.sex == "2"
    )
    assert Person.objects.get(name="孙八").phone == "0531-86001234"


def test_a_resident_already_here_is_updated_and_the_status_change_goes_into_history(
    client_, coordinator, django_capture_on_commit_callbacks
):
    person, _ = services.person_create(
        actor=coordinator,
        id_number=HEAD,
        name="王大山",
        region=Region.objects.get(code=VILLAGE_A),
        status=LabourStatus.UNEMPLOYED,
        status_since=D(2025, 1, 1),
    )
    rows = [{"姓名": "王大山", "公民身份号码": HEAD, "居住地区划代码": VILLAGE_A, "就业状态": "单位就业",
             "就业单位": "某物流有限公司", "就业日期": "2026-04-01", "现住址": "新住址"}]  # fmt: skip
    _response, job = upload(
        client_, xlsx(rows), confirm=True, capture=django_capture_on_commit_callbacks
    )
    assert job.summary["counts"]["update"] == 1 and job.summary["result"]["status_changed"] == 1
    person.refresh_from_db()
    assert person.status == "employed_unit" and person.address == "新住址" and person.version > 1
    periods = list(person.status_records.order_by("since").values_list("status", "since", "until"))
    assert periods == [
        ("unemployed", D(2025, 1, 1), D(2026, 4, 1)),
        ("employed_unit", D(2026, 4, 1), None),
    ]


def test_a_resident_of_another_jurisdiction_is_reported_as_a_conflict_not_moved(
    client_, sibling_coordinator, django_capture_on_commit_callbacks
):
    other, _ = services.person_create(
        actor=sibling_coordinator,
        id_number=SPOUSE,
        name="李小花",
        region=Region.objects.get(code=VILLAGE_B),
        status=LabourStatus.FLEXIBLE,
        status_since=D(2025, 1, 1),
    )
    rows = family()[:2]
    rows[1]["户主公民身份号码"] = None
    _response, job = upload(
        client_, xlsx(rows), confirm=True, capture=django_capture_on_commit_callbacks
    )
    assert job.summary["counts"] == {"create": 1, "update": 0, "conflict": 1}
    assert job.summary["conflicts"] == [{"row": 3, "name": "李小花"}]
    other.refresh_from_db()
    assert other.region_id == VILLAGE_B and other.status == "flexible"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"name,id\n", "ledger.csv", "请上传Excel文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "ledger.xls", "另存为”.xlsx"),
        (b"PK\x03\x04 not really a zip", "ledger.xlsx", "不是Excel文件"),
    ],
)
def test_files_that_are_not_excel_are_refused_clearly(
    client_, django_capture_on_commit_callbacks, content, name, message
):
    response, job = upload(client_, content, name, capture=django_capture_on_commit_callbacks)
    text = response.content.decode() if job is None else " ".join(e["message"] for e in job.errors)
    assert message in text


def test_a_file_over_the_size_limit_is_refused(client_, django_capture_on_commit_callbacks):
    PolicyParameter.objects.create(
        key="ledger.import_max_mb",
        region_id="370000000000",
        value="1",
        effective_from=D(2020, 1, 1),
    )
    response, job = upload(
        client_, b"PK" + b"0" * (1024 * 1024 + 10), capture=django_capture_on_commit_callbacks
    )
    assert job is None and "超过1MB" in response.content.decode()


def test_a_file_without_data_rows_is_refused(client_, django_capture_on_commit_callbacks):
    _response, job = upload(client_, xlsx([]), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.INVALID and "没有数据行" in job.errors[0]["message"]


def test_missing_required_columns_are_named(client_, django_capture_on_commit_callbacks):
    _response, job = upload(
        client_,
        xlsx([{"姓名": "甲"}], headers=["姓名", "备注"]),
        capture=django_capture_on_commit_callbacks,
    )
    message = message_text(job.errors[0])
    assert "公民身份号码" in message and "就业状态" in message


def test_duplicate_numbers_inside_the_file_are_errors(client_, django_capture_on_commit_callbacks):
    rows = family()
    rows[2]["公民身份号码"] = HEAD
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    assert [(e["row"], e["column"], message_text(e)) for e in job.errors] == [
        (4, "公民身份号码", "与第2行的公民身份号码重复。")
    ]


def test_a_number_stored_as_an_excel_number_is_an_error_not_a_wrong_number(
    client_, django_capture_on_commit_callbacks
):
    rows = family()[:1]
    rows[0]["公民身份号码"] = float(HEAD[:17] + "0") if HEAD[-1] != "X" else 3.70102197001011e17
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    assert any("存成了数字" in e["message"] for e in job.errors)


def test_export_gives_the_imported_persons_back_masked(client_, django_capture_on_commit_callbacks):
    upload(client_, xlsx(family()), confirm=True, capture=django_capture_on_commit_callbacks)
    sheet = load_workbook(io.BytesIO(client_.get("/ledger/export/", {"q": "王"}).content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert (
        rows["王大山"][1] == HEAD[:4] + "*" * 10 + HEAD[-4:-1] + "*"
        and rows["王大山"][11] == "138****8000"
    )
    assert rows["王小川"][7] == rows["王大山"][1]  # the head's number, masked too


def test_only_the_uploader_confirms(client_, login, reviewer, django_capture_on_commit_callbacks):
    _response, job = upload(client_, xlsx(family()), capture=django_capture_on_commit_callbacks)
    reviewer_client = login(reviewer)
    assert (
        reviewer_client.get(f"/ledger/import/{job.pk}/").status_code == 200
    )  # the township sees it
    reviewer_client.post(f"/ledger/import/{job.pk}/")
    job.refresh_from_db()
    assert job.state == ImportState.READY


def test_the_template_has_the_columns_in_order(client_):
    sheet = load_workbook(io.BytesIO(client_.get("/ledger/import/template.xlsx").content)).active
    assert list(next(sheet.iter_rows(values_only=True))) == COLUMNS


def test_an_earlier_date_than_the_ledgers_current_status_is_an_error(
    client_, coordinator, django_capture_on_commit_callbacks
):
    services.person_create(
        actor=coordinator,
        id_number=HEAD,
        name="王大山",
        region=Region.objects.get(code=VILLAGE_A),
        status=LabourStatus.EMPLOYED_UNIT,
        employer="某公司",
        status_since=D(2026, 3, 1),
    )
    rows = [
        {
            "姓名": "王大山",
            "公民身份号码": HEAD,
            "居住地区划代码": VILLAGE_A,
            "就业状态": "失业",
            "失业日期": "2026-02-01",
        }
    ]
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.INVALID
    assert (
        job.errors[0]["column"] == "失业日期"
        and "早于台账中当前就业状态" in job.errors[0]["message"]
    )


def test_a_head_registered_in_another_jurisdiction_is_an_error(
    client_, sibling_coordinator, django_capture_on_commit_callbacks
):
    services.person_create(
        actor=sibling_coordinator,
        id_number=HEAD,
        name="王大山",
        region=Region.objects.get(code=VILLAGE_B),
        status=LabourStatus.FLEXIBLE,
        status_since=D(2025, 1, 1),
    )
    _response, job = upload(client_, xlsx(family()), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.INVALID
    assert {(e["row"], e["column"]) for e in job.errors} == {
        (3, "户主公民身份号码"),
        (4, "户主公民身份号码"),
    }


def test_long_text_booleans_and_two_heads_are_errors(client_, django_capture_on_commit_callbacks):
    rows = family(r0={"现住址": "长" * 201}, r1={"姓名": True, "与户主关系": "户主"})
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    found = {(e["row"], e["column"]) for e in job.errors}
    assert {(2, "现住址"), (3, "姓名")} <= found


def test_a_second_head_of_the_same_household_is_an_error(
    client_, django_capture_on_commit_callbacks
):
    rows = family(
        r1={"户主公民身份号码": SPOUSE, "与户主关系": "户主"}, r2={"户主公民身份号码": SPOUSE}
    )
    rows[0]["户主公民身份号码"] = SPOUSE
    rows[0]["与户主关系"] = "户主"
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    assert any(e["column"] == "与户主关系" for e in job.errors)


def test_the_header_may_sit_below_a_title_and_use_old_column_names(
    client_, django_capture_on_commit_callbacks
):
    book = Workbook()
    sheet = book.active
    sheet.append(["解放桥社区人力资源台账（2026年）"])
    sheet.append([])
    sheet.append(["序号", "姓名", "身份证号码", "区划代码", "就业失业状态", "失业日期", "手机号码"])
    sheet.append([1, "标题下", HEAD, VILLAGE_A, "失业", "2026-03-02 00:00:00", "13800138000"])
    buffer = io.BytesIO()
    book.save(buffer)
    _response, job = upload(
        client_, buffer.getvalue(), confirm=True, capture=django_capture_on_commit_callbacks
    )
    assert job.state == ImportState.DONE, job.errors
    person = Person.objects.get(id_number=HEAD)
    assert (
        person.name == "标题下"
        and person.status_since == D(2026, 3, 2)
        and person.phone == "13800138000"
    )


def test_a_broken_workbook_ends_in_a_clear_error_not_a_hang(
    client_, django_capture_on_commit_callbacks
):
    buffer = io.BytesIO(xlsx(family()))
    broken = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(
                item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data
            )
    _response, job = upload(client_, broken.getvalue(), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.INVALID and "无法读取" in job.errors[0]["message"]
    assert bytes(job.content) == b""  # the file is not kept


def declaring_the_largest_sheet(content: bytes) -> bytes:
    """The workbook with its sheet declared 1,048,576 rows by 16,384 columns and one cell in
    the last of them: a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                text = data.decode()
                text = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', text)
                far = (
                    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>远</t></is></c></row>'
                )
                text = text.replace("</sheetData>", far + "</sheetData>")
                data = text.encode()
            target.writestr(item, data)
    return buffer.getvalue()


def test_a_sheet_declared_huge_with_one_cell_far_down_ends_quickly_at_the_row_limit(
    client_, django_capture_on_commit_callbacks
):
    content = declaring_the_largest_sheet(xlsx(family()))
    assert len(content) < 10_000
    assert load_workbook(io.BytesIO(content), read_only=True).active.max_row == 1_048_576
    started = time.monotonic()
    _response, job = upload(client_, content, capture=django_capture_on_commit_callbacks)
    assert time.monotonic() - started < 20
    assert job.state == ImportState.INVALID and Person.objects.filter(name="王大山").count() == 0
    (error,) = job.errors
    assert "超过了每次50000行的上限" in message_text(error)


def test_empty_rows_count_towards_the_row_limit(client_, django_capture_on_commit_callbacks):
    PolicyParameter.objects.create(
        key="ledger.import_max_rows", region_id="370000000000", value="5",
        effective_from=D(2020, 1, 1),
    )  # fmt: skip
    book = load_workbook(io.BytesIO(xlsx(family())))
    book.active.cell(row=10, column=1, value="远")
    buffer = io.BytesIO()
    book.save(buffer)
    _response, job = upload(client_, buffer.getvalue(), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.INVALID and "5行的上限" in message_text(job.errors[0])


def test_a_zip_that_is_not_a_workbook_is_refused_as_unreadable(
    client_, django_capture_on_commit_callbacks
):
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "这不是台账")
    _response, job = upload(client_, other.getvalue(), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.INVALID and "无法读取" in job.errors[0]["message"]


def test_an_error_of_the_system_is_logged_and_the_user_is_told_without_its_text(
    client_, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    """A fault that is not the file's (here: the Excel library failing mid-read) is logged with
    its traceback; the page says nothing was written and gives the import's number."""

    def fail(self, *args, **kwargs):
        raise RuntimeError("内部细节 secret-path")

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", fail)
    with caplog.at_level(logging.ERROR, logger="jiuye.ledger.tasks"):
        _response, job = upload(client_, xlsx(family()), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.FAILED and Person.objects.filter(name="王大山").count() == 0
    assert f"导入编号{job.pk}" in job.message and "secret-path" not in job.message
    (record,) = [r for r in caplog.records if r.name == "jiuye.ledger.tasks"]
    assert record.exc_info and "secret-path" in str(record.exc_info[1])


def test_willingness_and_the_households_means_are_imported_and_checked(
    client_, django_capture_on_commit_callbacks
):
    rows = family(r0={"享受低保": "是", "经营性投资性收入": "否", "家庭人均月收入（元）": "abc"},
                  r1={"就业（转移就业）意愿": "也许"})  # fmt: skip
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    found = {(e["row"], e["column"]) for e in job.errors}
    assert {(2, "家庭人均月收入（元）"), (3, "就业（转移就业）意愿")} <= found
    rows = family(r0={"享受低保": "是", "经营性投资性收入": "否", "家庭人均月收入（元）": "320.5"},
                  r1={"就业（转移就业）意愿": "否"})  # fmt: skip
    upload(client_, xlsx(rows), confirm=True, capture=django_capture_on_commit_callbacks)
    head, spouse = Person.objects.get(id_number=HEAD), Person.objects.get(id_number=SPOUSE)
    assert head.willing_to_work and not spouse.willing_to_work
    household = head.household
    assert household.has_dibao and not household.has_business_income
    assert household.income_per_capita == Decimal("320.50")
    assert household.history.first().history_user is not None  # written with its history
    exported = load_workbook(
        io.BytesIO(client_.get("/ledger/export/", {"q": "王大山"}).content)
    ).active
    header, *data = list(exported.iter_rows(values_only=True))
    row = dict(zip(header, next(r for r in data if r[0] == "王大山"), strict=True))
    assert (row["享受低保"], row["家庭人均月收入（元）"], row["就业（转移就业）意愿"]) == (
        "是",
        320.5,
        "是",
    )


OUTSIDER = number("37010219600101123")  # in neither the file nor the ledger


def test_every_error_of_every_row_is_reported_in_one_validation_and_in_english_too(
    client_, django_capture_on_commit_callbacks
):
    """Each row has several errors; the duplicate and household checks still run on rows
    that also have unreadable cells (they used to be skipped), and a member whose head's row
    has errors is checked against that row, not told the head is missing."""
    rows = family(
        r0={"文化程度": "幼儿园", "居住地区划代码": VILLAGE_B},
        r1={"就业日期": "2025-13-45", "户主公民身份号码": OUTSIDER, "性别": "男"},
        r2={"公民身份号码": SPOUSE, "民族": "火星", "就业单位": ""},
    )
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.INVALID
    found = [(e["row"], e["letter"], e["column"]) for e in job.errors]
    assert found == [
        (2, "F", "文化程度"), (2, "J", "居住地区划代码"),
        (3, "C", "性别"), (3, "H", "户主公民身份号码"), (3, "O", "就业日期"),
        (4, "B", "公民身份号码"), (4, "D", "民族"), (4, "H", "户主公民身份号码"), (4, "N", "就业单位"),
    ]  # fmt: skip
    page = client_.get(f"/ledger/import/{job.pk}/").content.decode()
    for text in ("不是您管辖范围内", "户主不在本文件中", "与第3行的公民身份号码重复", "户主的居住地与本人不同",
                 "性别与公民身份号码不符", "“火星”不是有效的民族"):  # fmt: skip
        assert text in page
    assert not Person.objects.filter(id_number__in=[HEAD, SPOUSE, SON]).exists()
    client_.post("/i18n/setlang/", {"language": "en", "next": "/"})
    with translation.override("zh-hans"):  # the request leaves its language active
        english = client_.get(f"/ledger/import/{job.pk}/").content.decode()
    assert "Duplicates the ID number in row 3." in english and "F Education" in english


def test_the_preview_shows_the_values_as_stored_and_what_an_update_changes(
    client_, coordinator, django_capture_on_commit_callbacks
):
    village = Region.objects.get(code=VILLAGE_A)
    services.person_create(actor=coordinator, id_number=HEAD, name="王大山", region=village,
                           status=LabourStatus.FARMING, status_since=D(2025, 1, 1))  # fmt: skip
    services.person_create(actor=coordinator, id_number=SPOUSE, name="李小花", region=village,
                           status=LabourStatus.UNEMPLOYED, status_since=D(2025, 1, 1), address="旧址")  # fmt: skip
    old = "370102500101123"  # 15 digits, born 1950 in 历下区 (in the table from 1983 only)
    made_up = number("37999919660606126")
    rows = [
        {"姓名": "李小花", "公民身份号码": SPOUSE, "居住地区划代码": VILLAGE_A, "就业状态": "单位就业",
         "就业单位": "某物流有限公司", "就业日期": "2026.4.1", "现住址": "新址", "户主公民身份号码": HEAD,
         "与户主关系": "妻"},  # the head is in the ledger only
        {"姓名": "老张", "公民身份号码": old, "居住地区划代码": VILLAGE_A, "就业状态": "退休", "民族": "汉",
         "出生日期": "1950/1/1"},
        {"姓名": "错码", "公民身份号码": made_up, "居住地区划代码": VILLAGE_A, "就业状态": "务农"},
    ]  # fmt: skip
    _response, job = upload(client_, xlsx(rows), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.READY, job.errors
    assert [w["row"] for w in job.summary["warnings"]] == [4]  # the made-up code only
    spouse, old_man, _made_up = job.summary["preview"]
    assert (spouse["action"], old_man["action"]) == ("update", "create")
    assert sorted(spouse["changes"]) == [
        ["与户主关系", "", "spouse"], ["就业单位", "", "某物流有限公司"], ["就业日期", "2025-01-01", "2026-04-01"],
        ["就业状态", "unemployed", "employed_unit"], ["户主公民身份号码", "", HEAD], ["现住址", "旧址", "新址"],
    ]  # fmt: skip
    cell = dict(zip(job.summary["columns"], old_man["cells"], strict=True))
    assert cell["公民身份号码"] == number("37010219500101123") and cell["出生日期"] == "1950-01-01"
    page = client_.get(f"/ledger/import/{job.pk}/").content.decode()
    for text in (number("37010219500101123"), f"原为：{old}", "原为：1950/1/1", "汉族", "原为：汉",
                 "现住址：旧址 → 新址", "就业状态：失业 → 单位就业", "就业日期：2025-01-01 → 2026-04-01"):  # fmt: skip
        assert text in page
    with django_capture_on_commit_callbacks(execute=True):
        client_.post(f"/ledger/import/{job.pk}/")
    job.refresh_from_db()
    assert job.state == ImportState.DONE and "preview" not in job.summary  # personal data dropped
    assert (
        Person.objects.get(id_number=SPOUSE).household.members.get(relation=Relation.HEAD).id_number
        == HEAD
    )


def test_nothing_is_written_when_the_ledger_changed_since_the_preview_into_an_error(
    client_, coordinator, django_capture_on_commit_callbacks
):
    _response, job = upload(client_, xlsx(family()), capture=django_capture_on_commit_callbacks)
    assert job.state == ImportState.READY
    services.person_create(actor=coordinator, id_number=HEAD, name="王大山", employer="某公司",
                           region=Region.objects.get(code=VILLAGE_A), status=LabourStatus.EMPLOYED_UNIT,
                           status_since=D(2026, 5, 1))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        client_.post(f"/ledger/import/{job.pk}/")
    job.refresh_from_db()
    assert job.state == ImportState.INVALID and [(e["row"], e["column"]) for e in job.errors] == [
        (2, "失业日期")
    ]
    assert not Person.objects.filter(id_number__in=[SPOUSE, SON]).exists()
    assert job.summary == {}
