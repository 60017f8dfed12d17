"""In a real Chromium (Debian's, driven by Playwright): logging in, drilling down the region
browser, the cascading region picker and the language switch."""

import os
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from jiuye.assistance.models import Identification
from jiuye.ledger.excel import COLUMNS
from jiuye.ledger.identity import check_character
from jiuye.regions.models import ServiceOrg
from jiuye.registration.models import Registration

CHROMIUM = os.environ.get("JIUYE_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]
PASSWORD = "jiuye-demo"


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}/")


def test_a_township_reviewer_drills_down_to_a_community_and_switches_language(
    transactional_world, live_server, page
):
    log_in(page, live_server.url, "reviewer-370102001")
    assert page.get_by_role("heading", name="我的待办").is_visible()

    page.get_by_role("link", name="区划浏览").click()
    page.wait_for_url(re.compile(r"/regions/370102001000/$"))
    assert page.get_by_role("heading", name=re.compile("解放路街道")).is_visible()
    assert page.locator("table.list tbody tr").count() == 5  # its five communities

    page.get_by_role("link", name="解放桥社区居民委员会").click()
    page.wait_for_url(re.compile(r"/regions/370102001002/$"))
    assert page.get_by_role("link", name="解放桥社区劳动保障服务站").is_visible()
    page.get_by_role("navigation", name="位置").get_by_role(
        "link", name="解放路街道"
    ).click()  # back up
    page.wait_for_url(re.compile(r"/regions/370102001000/$"))

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Regions").is_visible()
    assert page.get_by_role(
        "heading", name=re.compile("解放路街道")
    ).is_visible()  # data stays Chinese
    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="区划浏览").is_visible()


def test_a_county_approver_picks_a_region_through_the_cascading_selects(
    transactional_world, live_server, page
):
    log_in(page, live_server.url, "approver-370102")
    page.goto(f"{live_server.url}/regions/orgs/new/")
    page.get_by_label("机构名称").fill("解放桥社区就业驿站")
    page.get_by_label("机构类别").select_option("village_station")
    township = page.locator(".region-picker select[data-level='4']")
    township.select_option(label="解放路街道")
    village = page.locator(".region-picker select[data-level='5']")
    village.select_option(label="解放桥社区居民委员会")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/regions/orgs/\d+/$"))
    assert ServiceOrg.objects.get(name="解放桥社区就业驿站").region_id == "370102001002"


def _ledger_file(tmp_path, *, broken: bool):
    body = "37010219900307123"
    number = body + check_character(body)
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    row = dict.fromkeys(COLUMNS, "")
    row.update({"姓名": "浏览器导入", "公民身份号码": number, "居住地区划代码": "370102001002", "就业状态": "失业",
                "失业日期": "2026/3/2"})  # fmt: skip
    if broken:
        row["失业日期"] = "2026-02-30"
    sheet.append([row[name] for name in COLUMNS])
    path = tmp_path / ("broken.xlsx" if broken else "ledger.xlsx")
    book.save(path)
    return path


def test_a_coordinator_imports_a_ledger_file_after_fixing_its_errors(
    transactional_world, live_server, page, tmp_path
):
    log_in(page, live_server.url, "coordinator-370102001002")
    menu = page.get_by_role("complementary", name="菜单")
    menu.get_by_role("link", name="导入台账").click()
    page.get_by_label("台账文件").set_input_files(_ledger_file(tmp_path, broken=True))
    page.get_by_role("button", name="上传并校验").click()
    page.get_by_text("没有写入任何数据").wait_for()
    assert page.locator("table.list tbody tr").first.inner_text().split("\t")[:2] == [
        "2",
        "P 失业日期",  # the column letter and its name
    ]

    menu.get_by_role("link", name="导入台账").click()
    page.get_by_label("台账文件").set_input_files(_ledger_file(tmp_path, broken=False))
    page.get_by_role("button", name="上传并校验").click()
    page.get_by_role("button", name="确认导入").click()
    page.get_by_text("导入完成").wait_for()

    menu.get_by_role("link", name="人员台账").click()
    page.get_by_label("身份证号、姓名、拼音首字母或电话").fill("llqdr")
    page.get_by_role("button", name="查询").click()
    page.get_by_role("link", name="浏览器导入").click()
    expect(page.get_by_role("heading", name=re.compile("浏览器导入"))).to_be_visible()
    assert "3701**********" in page.content()


def test_a_county_approver_approves_a_registration_and_gets_the_certificate(
    transactional_world, live_server, page
):

    log_in(page, live_server.url, "approver-370102")
    page.get_by_role("link", name="就业失业登记").click()
    page.get_by_label("环节").select_option("county_approval")
    page.get_by_role("button", name="查询").click()
    page.locator("table.list tbody tr a").first.click()
    page.wait_for_url(re.compile(r"/registration/\d+/$"))
    pk = int(page.url.rstrip("/").rsplit("/", 1)[1])
    page.get_by_role("button", name="审批登记").click()
    page.get_by_text("已办理：审批登记。").wait_for()
    registration = Registration.objects.get(pk=pk)
    assert registration.state == "approved" and registration.certificate is not None
    assert page.get_by_text(registration.certificate.number).is_visible()
    assert page.get_by_role("link", name="打印证书（PDF）").is_visible()


def test_a_county_approver_identifies_a_hard_to_employ_person_and_the_card_verifies(
    transactional_world, live_server, page, browser
):

    log_in(page, live_server.url, "approver-370102")
    page.get_by_role("link", name="就业困难人员认定").click()
    page.get_by_label("环节").select_option("county_identification")
    page.get_by_role("button", name="查询").click()
    page.locator("table.list tbody tr a").first.click()
    page.wait_for_url(re.compile(r"/assistance/\d+/$"))
    pk = int(page.url.rstrip("/").rsplit("/", 1)[1])
    page.get_by_role("button", name="认定", exact=True).click()
    page.get_by_text("已办理：认定。").wait_for()
    case = Identification.objects.select_related("card", "person").get(pk=pk)
    assert case.state == "identified"
    assert page.get_by_text(case.card.number).is_visible()
    assert page.get_by_role("link", name="打印援助卡（PDF）").is_visible()

    stranger = browser.new_page()  # another office scans the QR code: no account, no personal data
    stranger.goto(f"{live_server.url}/assistance/verify/{case.card.token}/")
    assert stranger.get_by_text("该就业援助卡有效。").is_visible()
    assert case.person.name not in stranger.content() and case.card.number not in stranger.content()
    stranger.close()
