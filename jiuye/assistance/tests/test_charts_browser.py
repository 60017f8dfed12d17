"""The charts of the assistance dashboard in a real Chromium (Debian's, driven by Playwright):
drawn from the project's own ECharts, the same figures as the table under them, a PNG to
download, and printable."""

import pytest
from PIL import Image

from jiuye.tests.test_browser import log_in, pytestmark  # noqa: F401 (Chromium or skip)

PNG = b"\x89PNG\r\n\x1a\n"
SERIES = """el => echarts.getInstanceByDom(el).getOption().series.map(s => s.data)"""
CATEGORIES = """el => echarts.getInstanceByDom(el).getOption().xAxis[0].data"""


def number(text: str) -> int:
    return int(text.replace(",", "").strip() or 0)


def test_the_county_approver_sees_the_dashboard_drawn_as_its_table_says_and_downloads_it(
    transactional_world, live_server, page
):
    page.set_viewport_size({"width": 1280, "height": 800})
    errors = []  # a script the content security policy refused would say so here

    def record(message):
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            errors.append(message.text)

    page.on("console", record)
    log_in(page, live_server.url, "approver-370102")
    page.goto(f"{live_server.url}/assistance/dashboard/")
    boxes = page.locator(".chart-box")
    assert boxes.count() >= 2
    page.wait_for_function("n => document.querySelectorAll('.chart-box[data-drawn]').length === n", arg=boxes.count())  # fmt: skip

    chart = boxes.first.locator(".chart")
    assert "援助人员按下级区划" in chart.get_attribute("aria-label")
    canvas = chart.locator("canvas").first
    size = canvas.bounding_box()
    assert size["width"] > 300 and size["height"] == pytest.approx(320, abs=2)

    # the bars are the table's figures: regions in order, and its first three columns
    rows = page.locator("h2:has-text('下级区划') + .wide table tbody tr")
    names = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    columns = [
        [number(rows.nth(i).locator("td").nth(column).inner_text()) for i in range(rows.count())]
        for column in (1, 2, 3)
    ]
    assert chart.evaluate(CATEGORIES) == names
    assert chart.evaluate(SERIES) == columns
    assert sum(columns[0]) > 0  # something drawn

    with page.expect_download() as download:
        boxes.first.get_by_role("button", name="下载图片 (PNG)").click()
    assert download.value.suggested_filename == "援助人员按下级区划.png"
    with open(download.value.path(), "rb") as file:
        assert file.read(8) == PNG
    with Image.open(download.value.path()) as image:  # the chart at twice its size
        assert image.format == "PNG"
        assert image.size == (round(size["width"]) * 2, round(size["height"]) * 2)
        assert len(image.getcolors(maxcolors=100_000) or range(100_000)) > 10  # not blank

    assert errors == []

    # on paper: the charts fit the page and their buttons are gone
    page.emulate_media(media="print")
    assert not boxes.first.get_by_role("button").is_visible()
    printed = canvas.bounding_box()
    assert printed["width"] > 0 and printed["x"] + printed["width"] <= page.evaluate("document.documentElement.clientWidth") + 1  # fmt: skip

    # on a phone the bars keep room for every region's name and scroll inside their frame
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 800})
    frame = boxes.first.locator(".chart-frame")
    page.wait_for_function("el => el.scrollWidth > el.clientWidth", arg=frame.element_handle())
