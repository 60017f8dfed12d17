"""The programmes report in a real Chromium (Debian's, driven by Playwright): a wide table
scrolls inside its box with the regions' column fixed, names never break inside a word, the
report opens at the latest month with figures, and its charts download as PNG; printed from
the browser, it fits an A4 landscape page."""

import io
import os

import pytest
from django.conf import settings
from pypdf import PdfReader

from jiuye.tests.test_browser import log_in

PNG = b"\x89PNG\r\n\x1a\n"
CHROMIUM = os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]


def test_the_programmes_report_fits_the_screen_and_keeps_the_regions_in_view(
    transactional_world, live_server, page
):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, live_server.url, "city-3701")
    page.goto(f"{live_server.url}/subsidies/report/")
    assert page.locator("#id_month").input_value() != ""  # the latest month with figures
    assert page.get_by_text("本期在本辖区没有统计数据").count() == 0

    viewport = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport  # no page-wide scroll
    box = page.locator(".wide").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # the table scrolls inside

    name = page.locator("table.report tbody td.region").first
    assert name.evaluate("el => getComputedStyle(el).position") == "sticky"
    heights = page.locator("table.report td.region").evaluate_all(
        "cells => cells.map(el => el.getBoundingClientRect().height)"
    )
    line = name.evaluate("el => parseFloat(getComputedStyle(el).lineHeight) || 20")
    assert max(heights) < 2 * line + 16  # no name broken character by character
    left = name.evaluate("el => el.getBoundingClientRect().left")
    box.evaluate("el => { el.scrollLeft = 600; }")
    assert name.evaluate("el => el.getBoundingClientRect().left") == pytest.approx(left, abs=1)
    last = page.locator("table.report tbody tr").first.locator("td").last
    assert last.evaluate("el => getComputedStyle(el).textAlign") == "right"

    # the charts are drawn and each downloads as a PNG named by its translated title
    boxes = page.locator(".chart-box")
    assert boxes.count() >= 2
    page.wait_for_function("n => document.querySelectorAll('.chart-box[data-drawn]').length === n", arg=boxes.count())  # fmt: skip
    with page.expect_download() as download:
        boxes.first.get_by_role("button", name="下载图片 (PNG)").click()
    assert download.value.suggested_filename == "补贴金额按下级区划（元）.png"
    with open(download.value.path(), "rb") as file:
        assert file.read(8) == PNG


# A4 landscape (297 mm) less the print stylesheet's margins (12 mm each side), in CSS pixels
# (96 an inch): the width a browser lays a printed page out in.
PRINTABLE = int((297 - 2 * 12) / 25.4 * 96)


def test_the_programmes_report_prints_from_the_browser_within_an_a4_landscape_page(
    transactional_world, live_server, page
):
    page.set_viewport_size({"width": PRINTABLE, "height": 800})
    log_in(page, live_server.url, "city-3701")
    page.goto(f"{live_server.url}/subsidies/report/")
    table = page.locator("table.report").first
    box = page.locator(".wide").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # on screen it scrolls

    page.emulate_media(media="print")
    assert page.locator(".topbar").is_hidden() and page.locator(".menu").is_hidden()
    assert page.locator(".breadcrumbs").is_hidden() and page.locator("form.filters").is_hidden()
    assert box.evaluate("el => getComputedStyle(el).overflowX") == "visible"
    assert table.evaluate("el => el.getBoundingClientRect().right") <= PRINTABLE
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINTABLE
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en",
                               "url": live_server.url}])  # fmt: skip
    page.reload()  # the English heads, longer words, fit too
    assert page.locator("html").get_attribute("lang") == "en"
    assert table.evaluate("el => el.getBoundingClientRect().right") <= PRINTABLE

    # no region name broken, on one line each; no sticky column on paper
    names = page.locator("table.report td.region")
    assert names.first.evaluate("el => getComputedStyle(el).position") == "static"
    line = names.first.evaluate("el => parseFloat(getComputedStyle(el).lineHeight) || 12")
    heights = names.evaluate_all("cells => cells.map(el => el.getBoundingClientRect().height)")
    assert max(heights) < 1.5 * line + 8
    heads = page.locator("table.report th.num").evaluate_all(
        "cells => cells.map(el => el.getBoundingClientRect().height)"
    )
    assert max(heads) > 2 * line  # the figures' heads wrap instead

    # the printed paper is A4 landscape
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    size = pdf.pages[0].mediabox
    assert (round(size.width), round(size.height)) == (842, 595)
