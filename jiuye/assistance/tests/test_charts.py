"""The charts of 动态清零 and of the assistance dashboard: the table's figures by sub-region,
the year's months adding up to the year, and the same queries at every level."""

from django.urls import reverse
from django.utils import timezone

from jiuye.assistance.tests.test_pages import queries
from jiuye.conftest import TOWNSHIP, VILLAGE_A


def drawn(spec) -> dict:
    return {series["name"]: series["data"] for series in spec["series"]}


def test_the_zeroing_charts_draw_its_table_and_its_months_add_up_to_the_year(approver, login):
    today = timezone.localdate()
    page = login(approver).get(reverse("assistance:zeroing"))
    report, (bars, trend) = page.context["report"], page.context["charts"]
    assert bars["xAxis"]["data"] == [row.region.name for row in report.rows]
    assert drawn(bars) == {
        str(column.label): [row.values[column.code] for row in report.rows] for column in report.columns
    }  # fmt: skip
    months = [f"{today.year}-{month:02}" for month in range(1, today.month + 1)]
    assert trend["xAxis"]["data"] == months
    labels = {str(column.label): column.code for column in report.columns}
    by_month = drawn(trend)
    assert set(by_month) == {"出现", "认定", "时限内安置"}
    for label, values in by_month.items():  # households of a period: the months add up
        assert sum(values) == report.total.values[labels[label]]
    assert report.total.values["zero_appeared"] > 0  # the demo data has some
    assert page.content.decode().count('class="chart-box"') == 2


def test_the_zeroing_page_runs_the_same_queries_at_every_level(approver, login):
    client, url = login(approver), reverse("assistance:zeroing")
    assert (
        queries(client, url)
        == queries(client, url, region=TOWNSHIP)
        == queries(client, url, region=VILLAGE_A)
    )


def test_the_dashboard_draws_its_sub_regions_and_shares(approver, login):
    board = login(approver).get(reverse("assistance:dashboard")).context["board"]
    persons, households, *shares = board["charts"]
    assert persons["xAxis"]["data"] == [region.name for region, _row in board["children"]]
    assert list(drawn(persons).values()) == [
        [row[code] for _region, row in board["children"]] for code in ("identified", "cards", "in_progress")
    ]  # fmt: skip
    assert list(drawn(households).values()) == [
        [row[code] for _region, row in board["children"]] for code in ("households", "households_over")
    ]  # fmt: skip
    (categories, *_exits) = shares
    assert {part["name"]: part["value"] for part in categories["series"][0]["data"]} == {
        category.name: n for category, n in board["categories"] if n
    }
