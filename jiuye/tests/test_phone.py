"""Every page on a phone (390 × 844, Debian's Chromium driven by Playwright, as a coordinator
works at a door): the menu folds into a button, lists are one card per record, forms take the
full width with inputs a thumb can hit, nothing scrolls sideways but a report's table inside
its frame. And on a desktop the menu is where it always was."""

import os
import re

import pytest
from playwright.sync_api import expect

from jiuye.conftest import PHONE
from jiuye.ledger.models import Person
from jiuye.tests.test_browser import log_in

CHROMIUM = os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]
COORDINATOR = "coordinator-370102001002"
CARD_ROWS = "table.list:not(.report) tbody tr"


def assert_no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def assert_the_menu_folds(page):
    button = page.get_by_role("button", name="菜单")
    menu = page.locator("aside.menu")
    expect(menu).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert button.bounding_box()["height"] >= 44
    button.click()
    expect(menu).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("complementary", name="菜单").get_by_role("link", name="人员台账")).to_be_visible()  # fmt: skip
    assert_no_sideways_scroll(page)
    button.click()
    expect(menu).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")


def assert_cards(page, *labels):
    """Each row of the page's lists is a card as wide as the screen allows, each of its cells
    on a line of its own with the column's heading before it."""
    rows = page.locator(CARD_ROWS)
    assert rows.count() > 0
    for row in rows.all()[:5]:
        assert row.evaluate("el => getComputedStyle(el).display") == "block"
        assert row.bounding_box()["width"] > 300
        cells = row.locator("> td").all()
        lefts = {round(cell.bounding_box()["x"]) for cell in cells if cell.is_visible()}
        assert len(lefts) == 1  # one under another, not side by side
        shown = [cell.evaluate("el => getComputedStyle(el, '::before').content") for cell in cells]
        for label in labels:
            assert f'"{label}"' in shown
    assert page.locator("table.list:not(.report) thead th:not(:has(a))").first.is_hidden()


def test_a_coordinator_works_on_a_phone(transactional_world, live_server, phone):
    page = phone
    log_in(page, live_server.url, COORDINATOR)

    # the home page: the to-do list as cards, no word broken character by character
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_the_menu_folds(page)
    assert_cards(page, "事项", "区划", "当前环节", "办理时限")
    item = page.locator(CARD_ROWS).first.locator("td").first
    line = item.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
    assert item.bounding_box()["width"] > 300
    assert item.bounding_box()["height"] < 3 * line + 8

    # the ledger: filters one above another, full width; each person a card
    page.locator(".menu-toggle").click()
    page.get_by_role("complementary", name="菜单").get_by_role("link", name="人员台账").click()
    page.wait_for_url(re.compile(r"/ledger/$"))
    expect(page.get_by_role("heading", name="人员台账")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_the_menu_folds(page)
    assert_cards(page, "姓名", "公民身份号码", "居住地", "就业状态", "联系电话")
    assert "**" in page.locator(CARD_ROWS).first.inner_text()  # masked, as in the table
    search = page.get_by_label("身份证号、姓名、拼音首字母或电话")
    assert search.bounding_box()["width"] > 330 and search.bounding_box()["height"] >= 44
    more = page.get_by_role("button", name="更多筛选")  # the other filters fold away
    expect(page.get_by_label("就业状态")).to_be_hidden()
    more.click()
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("就业状态")).to_be_visible()
    assert page.get_by_label("就业状态").bounding_box()["width"] > 330
    assert page.get_by_role("link", name=re.compile("姓名")).is_visible()  # still sortable

    # a person's page
    page.locator(CARD_ROWS).first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/ledger/\d+/$"))
    pk = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect(page.get_by_role("heading", name=re.compile(Person.objects.get(pk=pk).name))).to_be_visible()  # fmt: skip
    assert_no_sideways_scroll(page)
    assert_the_menu_folds(page)

    # a form: full width, thumb-sized, 16 px (no zoom on focus)
    page.goto(f"{live_server.url}/ledger/new/")
    expect(page.get_by_label("姓名")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_the_menu_folds(page)
    form = page.locator("form.stacked").evaluate(
        "el => el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft)"
        " - parseFloat(getComputedStyle(el).paddingRight)"
    )
    fields = page.locator(
        "form.stacked :is(input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea)"
    )
    assert fields.count() >= 5
    for field in fields.all():
        if not field.is_visible():
            continue
        box = field.bounding_box()
        assert box["height"] >= 44, field.evaluate("el => el.outerHTML")
        assert box["width"] >= form - 1 and box["width"] > 320, field.evaluate("el => el.outerHTML")
        assert field.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 16
    save = page.get_by_role("button", name="保存")
    assert save.bounding_box()["height"] >= 44


def test_a_report_on_a_phone_scrolls_inside_its_frame_only(transactional_world, live_server, phone):
    page = phone
    log_in(page, live_server.url, "reviewer-370102001")  # a village has no sub-regions to report
    page.goto(f"{live_server.url}/statistics/")
    expect(page.locator("table.report").first).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_the_menu_folds(page)
    box = page.locator(".wide").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # the table scrolls inside
    assert box.bounding_box()["width"] <= PHONE["width"]
    region = box.locator("tbody .region").first
    assert region.evaluate("el => getComputedStyle(el).position") == "sticky"
    left = region.bounding_box()["x"]
    box.evaluate("el => { el.scrollLeft = 300; }")
    assert region.bounding_box()["x"] == pytest.approx(left, abs=1)  # the regions stay in view
    assert box.evaluate("el => el.scrollLeft") > 0
    assert page.evaluate("window.scrollX") == 0
    assert_no_sideways_scroll(page)


def test_on_a_desktop_the_menu_stays_beside_the_page(transactional_world, live_server, page):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, COORDINATOR)
    page.goto(f"{live_server.url}/ledger/")
    menu = page.get_by_role("complementary", name="菜单")
    expect(menu).to_be_visible()
    assert page.locator(".menu-toggle").is_hidden()
    assert menu.bounding_box()["width"] == pytest.approx(180, abs=1)
    assert menu.bounding_box()["x"] == 0
    main = page.locator("main").bounding_box()
    assert main["x"] >= 180 and main["y"] < 100  # beside the menu, not under it
    row = page.locator("table.list tbody tr").first
    assert row.evaluate("el => getComputedStyle(el).display") == "table-row"
    assert page.locator("table.list thead th").first.is_visible()


def test_every_page_of_the_coordinators_menu_fits_a_phone(transactional_world, live_server, phone):
    """Each page of the menu, and the first record each of its lists opens."""
    page = phone
    log_in(page, live_server.url, COORDINATOR)
    pages = page.locator("aside.menu a").evaluate_all("links => links.map(link => link.href)")
    assert len(pages) > 30
    seen, wide = set(), []
    for address in pages:
        page.goto(address)
        records = page.locator("table.list tbody tr a[href]:not([href*='.'])").evaluate_all(
            "links => links.slice(0, 1).map(link => link.href)"
        )  # the first record, not a download
        for url in [address, *records]:
            if url in seen:
                continue
            seen.add(url)
            if url != address:
                page.goto(url)
            if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
                wide.append(url)
    assert len(seen) > 60
    assert wide == []
