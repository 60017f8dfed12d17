"""The chart specs (core.charts): plain JSON with the table's figures, labels translated, and
the months of an indicator counted with the registry in one query a month."""

import datetime
import json
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from jiuye.core import charts, indicators
from jiuye.core.indicators import Indicator, Row, Table
from jiuye.regions.models import Region

DAY = datetime.date(2026, 10, 31)


def no_figures(query):
    return {}


def sample_table() -> Table:
    people = Indicator("people", "人数", "测试", no_figures, unit="人")
    amount = Indicator("amount", gettext_lazy("元"), "测试", no_figures, unit="元")
    county, street = Region(code="370102000000", name="历下区"), Region(code="370102001000", name="解放路街道")  # fmt: skip
    rows = [
        Row(street, {"people": 3, "amount": Decimal("120.50")}),
        Row(county, {"people": 1, "amount": None}, own=True),
    ]
    total = Row(None, {"people": 4, "amount": Decimal("120.50")})
    return Table(county, DAY, DAY, [("测试", [people, amount])], rows, total)


def test_bars_draw_one_series_per_indicator_over_the_rows_of_the_table():
    spec = charts.bars(sample_table(), ["people", "amount"], title="按下级区划")
    assert spec["title"]["text"] == "按下级区划"
    assert spec["xAxis"]["data"] == ["解放路街道", "历下区（本级）"]
    assert [(s["type"], s["name"], s["data"]) for s in spec["series"]] == [
        ("bar", "人数", [3, 1]),
        ("bar", "元", [120.5, None]),  # a Decimal drawn as a float, nothing as a gap
    ]
    assert json.loads(json.dumps(spec)) == spec  # plain JSON


def test_bars_read_in_english_when_the_page_does():
    with translation.override("en"):
        spec = charts.bars(sample_table(), ["amount"])
    assert spec["xAxis"]["data"][1] == "历下区 (this level)"  # names stay as they are
    assert spec["series"][0]["name"] == "yuan"


def test_a_trend_takes_one_series_or_several():
    one = charts.trend([("2026-09", 2), ("2026-10", Decimal("3.5"))], series_label="户数")
    assert one["xAxis"]["data"] == ["2026-09", "2026-10"]
    assert [(s["type"], s["name"], s["data"]) for s in one["series"]] == [
        ("line", "户数", [2, 3.5])
    ]
    several = charts.trend(
        [("2026-09", {"出现": 1, "认定": 0}), ("2026-10", {"出现": 2, "认定": 1})]
    )
    assert [(s["name"], s["data"]) for s in several["series"]] == [
        ("出现", [1, 2]),
        ("认定", [0, 1]),
    ]


def test_shares_are_a_ring_of_named_parts():
    spec = charts.shares([("就业", 3), ("迁出", 0), ("退休", Decimal("1"))], title="退出原因")
    (ring,) = spec["series"]
    assert ring["type"] == "pie" and ring["data"] == [
        {"name": "就业", "value": 3},
        {"name": "退休", "value": 1.0},
    ]
    assert json.dumps(spec)


def test_the_months_of_an_indicator_agree_with_its_table_in_one_query_a_month(approver):
    county = Region.objects.get(code="370102000000")
    today = timezone.localdate()
    codes = ["zero_appeared", "zero_identified"]  # one source
    charts.monthly(approver, county, codes, today, count=1)  # the user's office, read once
    with CaptureQueriesContext(connection) as captured:
        points = charts.monthly(approver, county, codes, today, count=3)
    assert len(captured) == 3
    assert [month for month, _values in points][-1] == f"{today:%Y-%m}"
    assert len(points) == 3 and points[0][0] < points[1][0] < points[2][0]
    chosen = [indicator for indicator in indicators.of_report("zeroing") if indicator.code in codes]
    month = indicators.table(approver, county, chosen, today.replace(day=1), today)
    assert points[-1][1] == {str(each.label): month.total.values[each.code] for each in chosen}
