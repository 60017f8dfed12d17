"""Division code changes: old codes follow to today's, and a statistic of a past day shows the
regions as they were (regions.changes, core.indicators.table)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jiuye.communities import evaluation
from jiuye.core import charts, indicators
from jiuye.core.registry import registry
from jiuye.ledger.identity import is_region_code
from jiuye.ledger.models import StatusRecord
from jiuye.performance.choices import OfficeLevel
from jiuye.performance.periods import Period
from jiuye.performance.scoring import ranking
from jiuye.regions import changes
from jiuye.regions.models import ChangeKind, Region, RegionChange, ServiceOrg
from jiuye.staff import selectors
from jiuye.staff.models import Target

OLD = "370390000000"  # a code of 淄博市 that 市中区 had (made up for the test)


@pytest.fixture
def forgetful():
    """The changes are kept per process: a rolled-back change must not outlive its test."""
    changes.forget()
    yield
    changes.forget()


def _by_region(table) -> dict[str, int]:
    return {row.region.code: row.values["labour_force"] for row in table.rows}


def _labour(user, region, day):
    wanted = [registry["indicators"]["labour_force"]]
    indicators.table(user, region, wanted, day, day)  # the changes and the user's scope read
    with CaptureQueriesContext(connection) as queries:
        table = indicators.table(user, region, wanted, day, day)
    return table, len(queries)


def test_a_moved_county_counts_under_its_city_of_the_day(forgetful, province_admin):
    """市中区 (370103) is made to have moved from 淄博市 to 济南市 a month ago: the province's
    table before that day counts it under 淄博市, after it under 济南市; 济南市's own table
    before it leaves it out; the queries are as many as without the change."""
    today = timezone.localdate()
    moved_on = today - datetime.timedelta(days=30)
    before = moved_on - datetime.timedelta(days=1)
    province = Region.objects.get(code="370000000000")
    jinan = Region.objects.get(code="370100000000")
    county = StatusRecord.objects.within("370103").on(before)
    county = county.filter(indicators_q()).count()
    assert county > 0
    plain_before, plain_queries = _labour(province_admin, province, before)
    plain_after, _queries = _labour(province_admin, province, today)

    RegionChange.objects.create(
        old_code=OLD, old_name="市中区", new_code="370103000000", effective=moved_on,
        kind=ChangeKind.MOVED, source="测试",
    )  # fmt: skip
    past, queries = _labour(province_admin, province, before)
    assert queries == plain_queries  # however many regions: the same grouped queries
    then, plain = _by_region(past), _by_region(plain_before)
    assert then["370300000000"] == plain["370300000000"] + county  # under 淄博市 that day
    assert then["370100000000"] == plain["370100000000"] - county
    assert past.total.values == plain_before.total.values
    assert _by_region(_labour(province_admin, province, today)[0]) == _by_region(plain_after)

    jinan_then = _labour(province_admin, jinan, before)[0]
    assert "370103000000" not in _by_region(jinan_then)
    assert jinan_then.total.values["labour_force"] == plain["370100000000"] - county

    # records keyed to the old code follow it
    assert changes.current("370390001002").code == "370103001002"
    region, note = changes.resolve_region("370390")
    assert region.name == "市中区" and OLD in note


def test_an_identity_number_of_an_old_county_code_is_accepted(db):
    """One function says whether six digits were ever a county's code: python-stdnum's
    historical table, which the import uses (莱城区 371202 until 2018, today's 莱芜区)."""
    assert is_region_code("371202") and is_region_code("370116")
    assert not is_region_code("370391")


def indicators_q():
    from jiuye.ledger.indicators import EMPLOYED_Q, SEEKING_Q

    return EMPLOYED_Q | SEEKING_Q


def test_laiwu_merged_into_jinan_in_2019(forgetful, province_admin):
    """The shipped changes: 莱城区 codes read as 莱芜区, and the province of 2018 has 莱芜市
    (no region of today, so not linked) with 济南市 as it was."""
    assert changes.current("371202").code == "370116000000"
    assert changes.current("371203102205").code == "370117102205"
    assert changes.current("371201000000").code == "370100000000"  # merged: into 济南市
    assert changes.current("370125000000").code == "370115000000"  # 济阳县 → 济阳区
    assert changes.current("370102001002").followed == ()
    assert changes.past_code("370116001000", datetime.date(2018, 12, 31)) == "371202001000"
    assert changes.past_code("370116001000", datetime.date(2019, 1, 9)) == "370116001000"

    province = Region.objects.get(code="370000000000")
    table = _labour(province_admin, province, datetime.date(2018, 12, 31))[0]
    laiwu = next(row for row in table.rows if row.region.code == "371200000000")
    assert laiwu.region.name == "莱芜市" and laiwu.former
    jinan = Region.objects.get(code="370100000000")
    names = [
        row.region.name for row in _labour(province_admin, jinan, datetime.date(2018, 1, 1))[0].rows
    ]
    assert "莱芜区" not in names and "济阳县" in names and "济阳区" not in names


def test_the_api_answers_an_old_code_with_the_region_it_became(
    forgetful, province_admin, approver, login
):
    """莱城区's old code gives 莱芜区 with a note; to a county approver elsewhere it is 404."""
    client = login(province_admin)
    found = client.get("/api/v1/regions/371202000000/").json()
    assert found["code"] == "370116000000" and "371202000000" in found["note"]
    assert client.get("/api/v1/regions/370116000000/").json()["note"] == ""
    assert client.get("/api/v1/regions/379999000000/").status_code == 404
    assert login(approver).get("/api/v1/regions/371202000000/").status_code == 404


MOVED_ON = datetime.date(2026, 10, 1)  # 市中区 made to have come from 淄博市 that day
BEFORE, AFTER = datetime.date(2026, 9, 30), datetime.date(2026, 12, 31)


def _move_shizhong():
    RegionChange.objects.create(
        old_code=OLD, old_name="市中区", new_code="370103000000", effective=MOVED_ON,
        kind=ChangeKind.MOVED, source="测试",
    )  # fmt: skip


def _in_county(day) -> int:
    return StatusRecord.objects.within("370103").on(day).filter(indicators_q()).count()


def test_every_reader_of_figures_shows_a_region_as_it_was(forgetful, province_admin):
    """With 市中区 moved from 淄博市 to 济南市 on 1 October, the monthly trend, the ranking of
    offices, the community figures and an office's yearly plan count it under 淄博市 before
    that day and under 济南市 after it, through ``indicators.collect_on``."""
    jinan, zibo = (Region.objects.get(code=code) for code in ("370100000000", "370300000000"))
    county = Region.objects.get(code="370103000000")
    labour = [registry["indicators"]["labour_force"]]
    label = str(labour[0].label)

    def trend(region):
        return {month: values[label] for month, values in charts.monthly(
            province_admin, region, ["labour_force"], AFTER)}  # fmt: skip

    def offices(region, period):
        found = ranking(province_admin, region, OfficeLevel.TOWNSHIP, period).scores
        return {score.region.code for score in found}

    def figures(region, day):
        return evaluation.values(province_admin, region, len(region.prefix), day, labour)

    org = ServiceOrg.objects.filter(region=jinan).first()
    for year in (2025, 2026):
        Target.objects.create(org=org, year=year, indicator="labour_force", value=1)

    def planned(year):
        return {
            line.target.year: line.done for line in selectors.plan(province_admin, org, year)[1]
        }[year]

    plain = {region: trend(region) for region in (jinan, zibo, county)}
    shizhong = {code for code in offices(jinan, Period(2026, 4)) if code.startswith("370103")}
    assert shizhong and not offices(zibo, Period(2026, 4)) & shizhong
    plain_figures = figures(jinan, BEFORE)["3701"]["labour_force"]
    plain_zibo = figures(zibo, BEFORE).get("3703", {}).get("labour_force", 0)
    plain_plan = planned(2025), planned(2026)
    assert _in_county(BEFORE) > 0

    _move_shizhong()
    jinan_then, zibo_then = trend(jinan), trend(zibo)
    for month, value in plain[jinan].items():
        moved = plain[county][month] if month < f"{MOVED_ON:%Y-%m}" else 0
        assert jinan_then[month] == value - moved
        assert zibo_then[month] == plain[zibo][month] + moved
    assert plain[county]["2026-09"] > 0

    assert not offices(jinan, Period(2026, 3)) & shizhong  # Q3: under 淄博市
    assert offices(zibo, Period(2026, 3)) >= shizhong
    now = ranking(province_admin, jinan, OfficeLevel.TOWNSHIP, Period(2026, 4)).scores
    assert {score.region.code for score in now} >= shizhong  # Q4: under 济南市, new there
    assert all(score.previous is None for score in now if score.region.code in shizhong)

    assert figures(jinan, BEFORE)["3701"]["labour_force"] == plain_figures - _in_county(BEFORE)
    assert figures(zibo, BEFORE)["3703"]["labour_force"] == plain_zibo + _in_county(BEFORE)
    assert planned(2025) == plain_plan[0] - _in_county(datetime.date(2025, 12, 31))
    assert planned(2026) == plain_plan[1]


def test_the_laiwu_townships_whose_digits_changed_in_2019_follow_them(forgetful, province_admin):
    """Not every township of 莱芜 kept its digits when 莱城区 and 钢城区 became 济南's 莱芜区 and
    钢城区 (data/README.md: the codes before 2019 as quansitech/qs_cmf lists them, against the
    2023 statistical codes): twelve have rows of their own, which come before the county's."""
    assert changes.current("371202105000").code == "370116104000"  # 苗山镇 105 → 104
    assert changes.current("371202106203").code == "370116008203"  # 雪野镇's village, its digits
    assert changes.current("371202103000").code == "370116103000"  # 牛泉镇 kept 103
    assert changes.current("371203100000").code == "370117004000"  # 颜庄镇 → 颜庄街道
    before = datetime.date(2018, 12, 31)
    assert changes.past_code("370116106000", before) == "371202107000"  # 大王庄镇
    assert changes.past_code("370116008000", before) == "371202106000"  # 雪野
    assert changes.past_code("370116001000", before) == "371202001000"  # 凤城街道 kept 001
    townships = RegionChange.objects.filter(old_code__regex=r"^37120[23][0-9]{3}000$").exclude(
        old_code__endswith="000000"
    )
    assert townships.count() == 12
    today = set(
        Region.objects.filter(code__in=[row.new_code for row in townships]).values_list(
            "code", flat=True
        )
    )
    assert today == {row.new_code for row in townships}
    kept = ["370116001000", "370116002000", "370116003000", "370116004000", "370116103000",
            "370117001000", "370117002000", "370117003000"]  # fmt: skip
    assert not RegionChange.objects.filter(new_code__in=kept).exists()

    laiwu = Region.objects.get(code="370116000000")
    shown = {
        row.region.code: row.region.name for row in _labour(province_admin, laiwu, before)[0].rows
    }
    assert shown["370116104000"] == "苗山镇" and shown["370116005000"] == "口镇"  # names of then
    assert len(shown) == Region.objects.filter(parent=laiwu).count()
