"""The ledger's statistics against records made here: a resident's status periods counted on a
past day and today, a registration in the flows and the stock by duration and cause; the
sibling county's 404 for the page and the export; the number of queries."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.conftest import COUNTY, SIBLING_COUNTY, TOWNSHIP, VILLAGE_A
from jiuye.ledger import services
from jiuye.ledger.choices import HukouType, LabourStatus, TransferDestination
from jiuye.ledger.identity import check_character
from jiuye.ledger.indicators import AGE_BANDS
from jiuye.regions.models import Region
from jiuye.registration.choices import RegistrationKind, UnemploymentCause
from jiuye.registration.models import Registration
from jiuye.statistics.figures import figures_of

pytestmark = pytest.mark.django_db


def totals(user, code, day):
    found = figures_of(user, Region.objects.get(code=code), day)
    rows = {row.region.code: row.values for row in found.table.rows}
    return found.table.total.values, rows


def age_band(age: int) -> str:
    return next(key for key, _label, low, high in AGE_BANDS if low <= age < (high or 200))


def changed(before: dict, after: dict) -> dict:
    return {code: after[code] - before[code] for code in after if after[code] != before[code]}


def test_a_resident_counts_by_the_status_period_of_the_day_asked(approver, coordinator):
    today = timezone.localdate()
    past, moved = today - datetime.timedelta(days=100), today - datetime.timedelta(days=30)
    before = {day: totals(approver, COUNTY, day) for day in (past, today)}
    body = "37010219850307123"
    person, _warnings = services.person_create(
        actor=coordinator, id_number=body + check_character(body), name="统计甲",
        region=Region.objects.get(code=VILLAGE_A), status=LabourStatus.UNEMPLOYED,
        status_since=today - datetime.timedelta(days=400), education="20",
        hukou_type=HukouType.AGRICULTURAL,
    )  # fmt: skip
    services.person_set_status(
        actor=coordinator, person=person, status=LabourStatus.TRANSFERRED, since=moved,
        employer="江苏省苏州市", industry="汽车制造业",
        transfer_destination=TransferDestination.OUT_OF_PROVINCE,
    )  # fmt: skip
    band = age_band(person.age_on(past))

    total, rows = totals(approver, COUNTY, past)
    common = {"ledger_persons": 1, "labour_sex_1": 1, "labour_education_20": 1,
              "labour_hukou_agricultural": 1}  # fmt: skip
    assert changed(before[past][0], total) == {
        **common, "labour_status_unemployed": 1, f"labour_age_{band}": 1,
    }  # fmt: skip
    assert changed(before[past][1][TOWNSHIP], rows[TOWNSHIP]) == changed(before[past][0], total)

    total, rows = totals(approver, COUNTY, today)
    band_now = age_band(person.age_on(today))
    assert changed(before[today][0], total) == {
        **common, "labour_status_transferred": 1, f"labour_age_{band_now}": 1,
        "transfer_destination_outside": 1, "transferred": 1, "transfer_industry_C": 1,
    }  # fmt: skip
    others = [code for code in rows if code != TOWNSHIP]
    assert all(rows[code] == before[today][1][code] for code in others)


def test_the_registered_unemployed_flow_and_stock_by_duration_and_cause(approver, coordinator):
    today = timezone.localdate()
    day = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=20)  # last month
    before = totals(approver, COUNTY, day)[0]
    body = "37010219920511234"
    person, _warnings = services.person_create(
        actor=coordinator, id_number=body + check_character(body), name="统计乙",
        region=Region.objects.get(code=VILLAGE_A), status=LabourStatus.UNEMPLOYED,
        status_since=day - datetime.timedelta(days=300),
    )  # fmt: skip
    Registration.objects.create(
        person=person, region_id=VILLAGE_A, kind=RegistrationKind.UNEMPLOYMENT, state="approved",
        applied_on=day.replace(day=3), approved_on=day.replace(day=5),
        unemployed_since=day - datetime.timedelta(days=250), cause=UnemploymentCause.DISMISSED,
    )  # fmt: skip
    after = totals(approver, COUNTY, day)[0]
    assert {
        code: n for code, n in changed(before, after).items() if code.startswith("unemployed_")
    } == {
        "unemployed_inflow": 1, "unemployed_stock": 1, "unemployed_duration_6_12": 1,
        "unemployed_cause_dismissed": 1,
    }  # fmt: skip


def test_a_user_of_the_sibling_county_gets_404_for_the_page_and_the_export(
    login, approver, sibling_approver, coordinator
):
    for name in ("/statistics/", "/statistics/export.xlsx"):
        url = f"{name}?region={COUNTY}&on=2026-01-31"
        assert login(sibling_approver).get(url).status_code == 404
        assert login(approver).get(url).status_code == 200
    assert login(sibling_approver).get(f"/statistics/?region={SIBLING_COUNTY}").status_code == 200
    assert login(coordinator).get("/statistics/").status_code == 403


def test_the_export_holds_the_figures_of_the_page(login, approver):
    day = timezone.localdate() - datetime.timedelta(days=40)
    response = login(approver).get(f"/statistics/export.xlsx?region={TOWNSHIP}&on={day}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    found = figures_of(approver, Region.objects.get(code=TOWNSHIP), day)
    codes = [column.code for part in found.parts for column in part.table.columns]
    assert len(rows[1]) == 2 + len(codes)
    by_code = {row[0]: row[2:] for row in rows[2:]}
    for row in found.table.rows:
        assert list(by_code[row.region.code]) == [
            float(row.values[code]) if row.values[code] is not None and "rate" in code
            else row.values[code] for code in codes
        ]  # fmt: skip


def test_the_number_of_queries_does_not_grow_with_the_sub_regions(login, approver, city_officer):
    day = timezone.localdate() - datetime.timedelta(days=40)
    counted = {}
    for user, code in ((approver, TOWNSHIP), (approver, COUNTY), (city_officer, "370100000000")):
        client = login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/statistics/?region={code}&on={day}").status_code == 200
        counted[code] = len(queries)
    assert len(set(counted.values())) == 1, counted
    assert counted[COUNTY] <= 40
