import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.conftest import VILLAGE_A
from jiuye.core.models import AccessLog, PolicyParameter
from jiuye.jobs.tests.helpers import SIBLING_VILLAGE, user
from jiuye.ledger import services
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.models import Person
from jiuye.regions.models import Region
from jiuye.training.tests.helpers import registered_unemployed

TODAY = timezone.localdate
pytestmark = pytest.mark.django_db


BODY = "37010219881208456"
WRONG_NUMBER = BODY + ("1" if check_character(BODY) != "1" else "2")


@pytest.fixture
def person(coordinator):
    body = "37010219881208456"
    person, _ = services.person_create(
        actor=coordinator,
        id_number=body + check_character(body),
        name="单田芳",
        phone="13912345678",
        region=Region.objects.get(code=VILLAGE_A),
        status=LabourStatus.UNEMPLOYED,
        status_since=datetime.date(2026, 5, 6),
        note='=HYPERLINK("http://x")',
    )
    return person


@pytest.mark.parametrize("query", ["37010219881208456", "stf", "单田", "13912345678", "3701021988"])
def test_the_list_finds_a_person_by_number_initials_name_or_phone(
    login, coordinator, person, query
):
    page = login(coordinator).get("/ledger/", {"q": query})
    assert person in page.context["object_list"]


def test_the_list_masks_numbers_and_phones(login, coordinator, person):
    text = login(coordinator).get("/ledger/", {"q": "stf"}).content.decode()
    assert "3701**********" in text and "139****5678" in text
    assert person.id_number not in text and "13912345678" not in text


def test_the_list_filters_by_status_and_age(login, coordinator, person):
    client = login(coordinator)
    found = client.get("/ledger/", {"status": "unemployed", "age": "35-44"}).context["object_list"]
    assert person in found and all(p.status == "unemployed" for p in found)
    assert person not in client.get("/ledger/", {"age": "16-24"}).context["object_list"]


@pytest.mark.parametrize("region", [VILLAGE_A, "370102000000"])
def test_the_list_runs_a_fixed_number_of_queries(
    login, reviewer, django_assert_num_queries, region
):
    client = login(reviewer)
    client.get("/ledger/")
    with django_assert_num_queries(10):
        page = client.get("/ledger/", {"region": region})
    assert len(page.context["object_list"]) in (min(50, page.context["paginator"].count), 50)


def test_the_detail_is_masked_until_the_full_record_is_opened_and_that_is_logged(
    login, coordinator, person
):
    client = login(coordinator)
    text = client.get(f"/ledger/{person.pk}/").content.decode()
    assert person.id_number not in text and person.masked_id_number in text
    assert not AccessLog.objects.filter(object_id=person.pk).exists()
    text = client.get(f"/ledger/{person.pk}/?reveal=1").content.decode()
    assert person.id_number in text and "13912345678" in text
    log = AccessLog.objects.get(object_id=person.pk)
    assert log.user == coordinator and log.region_id == VILLAGE_A


def test_an_inspector_cannot_open_the_full_record(login, inspector, person):
    text = login(inspector).get(f"/ledger/{person.pk}/?reveal=1").content.decode()
    assert person.id_number not in text and not AccessLog.objects.views().exists()


def test_the_create_form_shows_errors_at_the_field_and_keeps_the_input(login, coordinator):
    response = login(coordinator).post(
        "/ledger/new/",
        {
            "name": "错号码",
            "id_number": WRONG_NUMBER,
            "region": VILLAGE_A,
            "ethnicity": "01",
            "status": "unemployed",
            "status_since": "2026-05-06",
            "address": "保留的地址",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["id_number"] == ["公民身份号码校验位错误。"]
    assert "保留的地址" in response.content.decode()
    assert not Person.objects.filter(name="错号码").exists()


def test_a_coordinator_registers_a_person_through_the_form(login, coordinator):
    body = "37010219950505123"
    response = login(coordinator).post(
        "/ledger/new/",
        {
            "name": "新登记",
            "id_number": body.lower() + check_character(body).lower(),
            "region": VILLAGE_A,
            "ethnicity": "01",
            "status": "flexible",
            "status_since": "2026-05-06",
            "phone": "0531-86001234",
        },
    )
    person = Person.objects.get(name="新登记")
    assert (
        response.status_code == 302
        and person.region_id == VILLAGE_A
        and person.phone == "0531-86001234"
    )


def test_the_status_form_changes_the_status(login, coordinator, person):
    response = login(coordinator).post(
        f"/ledger/{person.pk}/status/",
        {
            "status": "employed_unit",
            "since": "2026-06-01",
            "employer": "某物流有限公司",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.status == "employed_unit" and person.status_records.count() == 2


def test_the_export_has_the_template_columns_masks_and_neutralises_formulas(
    login, inspector, person
):
    response = login(inspector).get("/ledger/export/", {"q": "stf"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("姓名", "公民身份号码", "性别") and len(rows[0]) == 21
    assert rows[0][17:] == (
        "就业（转移就业）意愿",
        "享受低保",
        "经营性投资性收入",
        "家庭人均月收入（元）",
    )
    row = next(r for r in rows if r[0] == "单田芳")
    assert row[1] == person.masked_id_number and row[11] == "139****5678"
    assert row[16].startswith("'=")  # the note is text, not a formula
    assert row[12] == "失业" and row[15].date() == datetime.date(2026, 5, 6)


def test_a_role_that_needs_the_full_numbers_exports_them_on_request_and_that_is_logged(
    login, coordinator, person
):
    client = login(coordinator)
    masked = load_workbook(io.BytesIO(client.get("/ledger/export/", {"q": "stf"}).content)).active
    assert person.masked_id_number in [row[1] for row in masked.iter_rows(values_only=True)]
    assert not AccessLog.objects.views().exists()
    response = client.get("/ledger/export/", {"q": "stf", "full": "1"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert person.id_number in [r[1] for r in rows]
    assert AccessLog.objects.filter(object_id=person.pk, purpose="导出台账").exists()


def test_the_export_gives_the_same_persons_as_the_list(login, reviewer):
    client = login(reviewer)
    listed = client.get("/ledger/", {"status": "unemployed"}).context["paginator"].count
    rows = list(
        load_workbook(
            io.BytesIO(client.get("/ledger/export/", {"status": "unemployed"}).content)
        ).active.iter_rows()
    )
    assert len(rows) - 1 == listed > 0


def test_the_list_shows_age_not_birth_date(login, coordinator, person):
    text = login(coordinator).get("/ledger/", {"q": "stf"}).content.decode()
    assert "1988-12-08" not in text and f"<td>{person.age_on()}</td>" in text


def test_the_working_age_filter_uses_the_retirement_parameters(login, coordinator, person):
    client = login(coordinator)
    within = client.get("/ledger/", {"working_age": "true"}).context["paginator"].count
    outside = client.get("/ledger/", {"working_age": "false"}).context["paginator"].count
    assert (
        within + outside == Person.objects.visible_to(coordinator).count()
        and within > 0
        and outside > 0
    )


def test_a_landline_typed_without_the_hyphen_finds_the_person(login, coordinator):
    body = "37010219770707127"
    services.person_create(
        actor=coordinator,
        id_number=body + check_character(body),
        name="座机人",
        phone="0531-86001234",
        region=Region.objects.get(code=VILLAGE_A),
        status=LabourStatus.FLEXIBLE,
        status_since=datetime.date(2026, 1, 1),
    )
    found = login(coordinator).get("/ledger/", {"q": "053186001234"}).context["object_list"]
    assert [p.name for p in found] == ["座机人"]


def test_an_export_too_large_is_refused_with_a_message(login, coordinator):
    PolicyParameter.objects.create(
        key="ledger.export_max_rows",
        region_id="370000000000",
        value="1",
        effective_from=datetime.date(2020, 1, 1),
    )
    response = login(coordinator).get("/ledger/export/", follow=True)
    assert response.redirect_chain and "请先按区划或条件缩小范围" in response.content.decode()


def test_a_resident_who_moves_brings_the_file_and_the_earlier_office_keeps_its_records(
    login, coordinator
):
    """The one rule for a moved resident's earlier records (ledger.selectors.file_scope): the
    office that keeps the resident now reads the whole file on the person page, the assistance
    record and the history, without links to the pages another office keeps."""
    person = registered_unemployed(coordinator, "迁移甲")
    registration = person.registrations.get()
    number = person.certificate.number
    services.person_transfer(actor=coordinator, person=person, to_region=Region.objects.get(code=SIBLING_VILLAGE),
                             on=TODAY(), reason="搬家")  # fmt: skip
    newcomer = user(f"coordinator-{SIBLING_VILLAGE}")
    page = login(newcomer).get(reverse("ledger:detail", args=[person.pk])).content.decode()
    assert number in page and "迁入前" in page
    assert reverse("registration:detail", args=[registration.pk]) not in page  # not theirs to open
    assert coordinator.name in page  # the history before the move: who registered the person
    record = login(newcomer).get(reverse("assistance:record", args=[person.pk])).content.decode()
    assert registration.get_kind_display() in record
    assert (
        login(newcomer).get(reverse("registration:detail", args=[registration.pk])).status_code
        == 404
    )
    earlier = login(coordinator)
    assert earlier.get(reverse("ledger:detail", args=[person.pk])).status_code == 404
    assert earlier.get(reverse("registration:detail", args=[registration.pk])).status_code == 200


def test_a_streets_ledger_page_reads_its_rows_in_index_order_without_sorting(login, reviewer):
    """The list's order (region, id) is the two-column index's: the first page is read off it.

    With a second, smaller index on the region alone the planners read a whole village through
    that one and sorted it for the 50 rows shown (21 of a township page's 51 ms at ``large``).
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE ledger_person")
    client = login(reviewer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("ledger:list")).status_code == 200
    (rows,) = [
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "ledger_person"' in query["sql"] and "LIMIT" in query["sql"]
    ]
    with connection.cursor() as cursor:
        explain = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
        cursor.execute(f"{explain} {rows}")
        plan = "\n".join(str(line[-1]) for line in cursor.fetchall())
    assert "person_region_id" in plan, plan
    assert "Sort" not in plan and "TEMP B-TREE" not in plan, plan
