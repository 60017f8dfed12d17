"""The ledger's statistics in a real Chromium (Debian's, driven by Playwright): the county
approver of 历下区 opens its statistics for a past date, each chart draws what its table holds,
drills down to 解放路街道 keeping the date, and downloads the same figures as Excel."""

import datetime
import os
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.tests.test_browser import log_in

CHROMIUM = os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]
DRAWN = """box => {
  const option = echarts.getInstanceByDom(box.querySelector('.chart')).getOption();
  return {regions: option.xAxis[0].data, series: option.series.map(s => [s.name, s.data])};
}"""


def number(text: str):
    text = text.strip().replace(",", "")
    return None if text == "—" else float(text.rstrip("%"))


def table_of(section) -> dict:
    """``{region name: {column head: value}}`` of a block's table (the total as 合计)."""
    heads = [
        head.strip() for head in section.locator("thead tr").last.locator("th").all_inner_texts()
    ]
    found = {}
    for row in section.locator("tbody tr").all():
        cells = row.locator("td, th").all_inner_texts()
        found[cells[0].strip()] = dict(
            zip(heads, (number(cell) for cell in cells[1:]), strict=True)
        )
    return found


def assert_charts_draw_the_tables(page):
    blocks = page.locator("section[data-block]")
    assert blocks.count() >= 10
    page.wait_for_function("document.querySelectorAll('.chart-box[data-drawn]').length >= 10")
    for index in range(blocks.count()):
        section = blocks.nth(index)
        drawn = section.locator(".chart-box").evaluate(DRAWN)
        table = table_of(section)
        assert drawn["regions"] == [name for name in table if name != "合计"]
        for label, data in drawn["series"]:
            assert data == [table[name][label] for name in drawn["regions"]], label


def test_a_county_approver_reads_the_statistics_of_a_past_day_drills_down_and_exports(
    transactional_world, live_server, page, tmp_path
):
    day = f"{timezone.localdate() - datetime.timedelta(days=60):%Y-%m-%d}"
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, "approver-370102")
    page.get_by_role("link", name="台账统计").click()
    page.wait_for_url(re.compile(r"/statistics/$"))
    page.get_by_label("统计日期").fill(day)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(rf"on={day}"))
    assert page.get_by_role("heading", name=f"台账统计：历下区 {day}").is_visible()
    assert_charts_draw_the_tables(page)
    county = table_of(page.locator("section[data-block='1']"))
    assert county["合计"]["台账人员合计"] > 0

    page.locator("section[data-block='1']").get_by_role("link", name="解放路街道").click()
    page.wait_for_url(re.compile(rf"region=370102001000&on={day}"))
    assert page.get_by_role("heading", name=f"台账统计：解放路街道 {day}").is_visible()
    assert_charts_draw_the_tables(page)
    street = table_of(page.locator("section[data-block='1']"))
    assert street["合计"] == county["解放路街道"]  # the street's total is its row in the county

    with page.expect_download() as download:
        page.get_by_role("link", name="导出Excel").click()
    path = tmp_path / "statistics.xlsx"
    download.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    heads, by_name = rows[1], {row[1]: row for row in rows[2:]}
    for index in range(page.locator("section[data-block]").count()):
        section = page.locator("section[data-block]").nth(index)
        title = section.locator("h2").inner_text().strip()
        for name, values in table_of(section).items():
            row = by_name[name]
            for label, value in values.items():
                cell = row[heads.index(f"{title}：{label}")]
                assert (None if cell is None else float(cell)) == value, (name, title, label)
