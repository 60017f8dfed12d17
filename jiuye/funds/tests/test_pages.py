import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.funds.choices import Category, Source
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending
from jiuye.funds.tests.helpers import YANSHAN, budget_with_lines, spend
from jiuye.staff.models import User
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def yanshan(db):
    """The finance office of 燕山街道, which records its platform's spending."""
    return User.objects.get(username="township_finance-370102010")


def test_the_county_sets_a_budget_and_the_township_spends_it(finance, yanshan, login):
    county = login(finance)
    assert county.get(reverse("funds:add")).status_code == 200
    answer = county.post(
        reverse("funds:add"), {"region": YANSHAN, "year": YEAR, "note": "页面预算"}
    )
    budget = PlatformBudget.objects.get(region_id=YANSHAN, year=YEAR)
    assert answer["Location"] == reverse("funds:detail", args=[budget.pk])
    again = county.post(reverse("funds:add"), {"region": YANSHAN, "year": YEAR, "note": "重复"})
    assert again.status_code == 200 and "已录入" in again.content.decode()
    add_line = reverse("funds:line-add", args=[budget.pk])
    county.post(
        add_line,
        {"category": "work", "source": "task_funds", "title": "下放事项经费", "amount": "5000"},
    )
    county.post(
        add_line, {"category": "project", "source": "reward", "title": "创建奖补", "amount": "3000"}
    )
    assert budget.lines.count() == 2

    township = login(yanshan)
    line = budget.lines.get(category=Category.WORK)
    spend_url = reverse("funds:spending-add", args=[line.pk])
    form = {
        "spent_on": f"{YEAR}-01-05",
        "amount": "5200",
        "purpose": "办公用品",
        "voucher": "记-01-001",
    }
    refused = township.post(spend_url, form)
    assert refused.status_code == 200 and "超预算理由" in refused.content.decode()
    assert 'value="办公用品"' in refused.content.decode()  # nothing typed is lost
    saved = township.post(spend_url, {**form, "over_reason": "追加窗口设备",
                                      "file": SimpleUploadedFile("v.pdf", b"%PDF-1.4")})  # fmt: skip
    assert saved.status_code == 302
    page = township.get(reverse("funds:detail", args=[budget.pk])).content.decode()
    assert "追加窗口设备" in page and "超预算" in page and "-200.00" in page
    assert "104.0%" in page  # the work category: 5,200 of 5,000
    assert "65.0%" in page  # in total: 5,200 of 8,000
    assert "以奖代补" in page and "费随事转" in page
    spending = Spending.objects.get(line=line)
    download = township.get(reverse("funds:spending-file", args=[spending.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4"
    edit = township.post(reverse("funds:spending-edit", args=[spending.pk]),
                         {**form, "amount": "4000", "version": 1})  # fmt: skip
    assert edit.status_code == 302 and Spending.objects.get(pk=spending.pk).over_reason == ""
    stale = township.post(
        reverse("funds:spending-edit", args=[spending.pk]), {**form, "amount": "1", "version": 1}
    )
    assert "已被他人修改" in stale.content.decode()


def test_readers_see_the_page_but_no_forms(
    finance, city_officer, province_admin, coordinator, login
):
    budget, _lines = budget_with_lines(finance, lines=[(Category.STAFF, Source.PURCHASE, "900")])
    for user in (city_officer, province_admin):
        page = login(user).get(reverse("funds:detail", args=[budget.pk]))
        assert page.status_code == 200 and "录入预算项目" not in page.content.decode()
        assert login(user).get(reverse("funds:line-add", args=[budget.pk])).status_code == 403
    # a community's coordinator does not see a street's budget
    assert login(coordinator).get(reverse("funds:detail", args=[budget.pk])).status_code == 404


def test_every_view_answers_a_sibling_county_or_street_404(
    finance, yanshan, sibling_approver, login
):
    budget, (line,) = budget_with_lines(finance, lines=[(Category.WORK, Source.OWN_BUDGET, "900")])
    spending = spend(yanshan, line, "10", file=SimpleUploadedFile("v.pdf", b"%PDF-1.4"))
    sibling_finance = User.objects.get(username="finance-370103")
    sibling_street = User.objects.get(username="township_finance-370102001")  # 解放路街道
    pages = [
        (sibling_approver, "funds:detail", budget.pk), (sibling_finance, "funds:edit", budget.pk),
        (sibling_finance, "funds:line-add", budget.pk), (sibling_finance, "funds:line-edit", line.pk),
        (sibling_street, "funds:spending-add", line.pk), (sibling_street, "funds:spending-edit", spending.pk),
        (sibling_street, "funds:spending-file", spending.pk), (sibling_street, "funds:detail", budget.pk),
    ]  # fmt: skip
    for user, name, pk in pages:
        assert login(user).get(reverse(name, args=[pk])).status_code == 404, name
        if name not in ("funds:detail", "funds:spending-file"):
            assert login(user).post(reverse(name, args=[pk]), {}).status_code == 404, name
    for name in ("funds:list", "funds:report"):
        page = login(sibling_approver).get(reverse(name) + f"?year={YEAR}").content.decode()
        assert "燕山街道" not in page
    export = login(sibling_approver).get(reverse("funds:export") + f"?year={YEAR}")
    assert "燕山" not in str(list(load_workbook(io.BytesIO(export.content)).active.values))


@pytest.mark.parametrize("user, queries", [("approver-370102", 15), ("city-3701", 15)])
def test_the_list_shows_a_years_platforms_with_totals_in_fixed_queries(
    user, queries, finance, login, django_assert_num_queries
):
    client = login(User.objects.get(username=user))
    url = reverse("funds:list") + f"?year={YEAR}"
    client.get(url)  # warm the session and the permissions
    with django_assert_num_queries(queries):
        before = client.get(url)
    budget_with_lines(finance, lines=[(Category.WORK, Source.OWN_BUDGET, "900")])
    with django_assert_num_queries(queries):
        after = client.get(url)
    assert rows_shown(after) == rows_shown(before) + 1
    assert "燕山街道" in after.content.decode()


def test_the_list_totals_add_up_the_rows_and_the_export_has_them(approver, login):
    client = login(approver)
    page = client.get(reverse("funds:list") + f"?year={YEAR}&region=370102000000")
    rows = page.context["rows"]
    parts, total = page.context["totals"]
    assert rows and total.budget == sum((row[2].budget for row in rows), Decimal(0))
    assert total.spent == sum((each.spent for each in parts), Decimal(0))
    lines = BudgetLine.objects.filter(
        budget__year=YEAR, budget__region_id__in=[row[0].region_id for row in rows]
    )
    assert total.budget == sum((line.amount for line in lines), Decimal(0))
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("funds:export") + f"?year={YEAR}").content)
    ).active
    values = list(sheet.values)
    assert values[1][:3] == ("区划代码", "平台", "年度") and values[-1][1] == "合计"
    assert Decimal(str(values[-1][9])) == total.budget and "解放路街道" in {
        row[1] for row in values
    }


def test_the_report_shows_the_indicators_by_sub_region(approver, login):
    page = login(approver).get(reverse("funds:report") + f"?year={YEAR}")
    content = page.content.decode()
    assert page.status_code == 200 and "解放路街道" in content and "平台经费执行率" in content
    table = page.context["report"]
    assert table.total.values["funds_budget"] > 0
    export = login(approver).get(reverse("funds:report-export") + f"?year={YEAR}")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_home_page_shows_this_years_funds_and_the_lines_over(
    finance, yanshan, coordinator, login
):
    _budget, (line,) = budget_with_lines(
        finance, lines=[(Category.PROJECT, Source.PURCHASE, "100")]
    )
    spend(yanshan, line, "150", reason="追加")
    page = login(yanshan).get(reverse("home")).content.decode()
    assert "年平台经费" in page and "测试项目0" in page and "150.00" in page
    assert "年平台经费" not in login(coordinator).get(reverse("home")).content.decode()


def test_the_report_draws_its_table_and_the_year_month_by_month(approver, login):
    page = login(approver).get(reverse("funds:report") + f"?year={YEAR}")
    table, (bars, *_shares, trend) = page.context["report"], page.context["charts"]
    assert bars["xAxis"]["data"][-1] == table.rows[-1].region.name  # a group per row
    budget, spent = bars["series"]
    assert budget["data"] == [float(row.values["funds_budget"]) for row in table.rows]
    assert spent["data"] == [float(row.values["funds_spent"]) for row in table.rows]
    months = trend["series"][0]["data"]
    assert trend["xAxis"]["data"][0] == f"{YEAR}-01" and len(months) == len(trend["xAxis"]["data"])
    assert sum(months) == pytest.approx(float(table.total.values["funds_spent"]))
    assert page.content.decode().count('class="chart-box"') == len(page.context["charts"])
    empty = login(approver).get(reverse("funds:report") + "?year=2001")
    assert empty.context["charts"] == [] and "本期在本辖区没有统计数据" in empty.content.decode()
