"""The pages and API of office performance: what 历下区 sees, what a sibling county does not,
and a fixed number of queries whatever the number of offices."""

import io

import pytest
from openpyxl import load_workbook

from jiuye.conftest import COUNTY, TOWNSHIP, VILLAGE_A
from jiuye.performance.models import Scheme
from jiuye.performance.reward import KIND
from jiuye.subsidies.models import Claim

RANKING = f"/performance/?region={COUNTY}&level=4&period=2026-Q3"
OFFICE = f"/performance/office/{TOWNSHIP}/?period=2026-Q3"


def test_历下区_ranks_its_streets_and_explains_each_score(login, approver):
    page = login(approver).get(RANKING).content.decode()
    assert "解放路街道" in page and "较上期" in page and "表彰排名靠前的机构" in page
    office = login(approver).get(OFFICE).content.decode()
    assert "逐项得分" in office and "开发公益性岗位数" in office and "得分 15 ×" in office
    assert "以奖代补" in office and "2026-Q3" in office  # its reward and commendation


def test_the_ranking_exports_every_office_with_its_explanation(login, approver):
    response = login(approver).get(
        f"/performance/export.xlsx?region={COUNTY}&level=4&period=2026-Q3"
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][:5] == ("名次", "较上期", "区划代码", "服务机构所在区划", "得分")
    assert {row[3] for row in rows[2:]} >= {"解放路街道"} and "目标" in rows[2][6]


@pytest.mark.parametrize(
    "url",
    [RANKING, OFFICE, f"/performance/export.xlsx?region={COUNTY}", f"/performance/rewards/?region={COUNTY}",
     f"/performance/office/{VILLAGE_A}/commend/", f"/api/v1/performance/ranking/?region={COUNTY}",
     f"/api/v1/performance/offices/{TOWNSHIP}/"],
)  # fmt: skip
def test_a_sibling_county_gets_404_on_all_of_it(login, sibling_approver, url):
    assert login(sibling_approver).get(url).status_code == 404


def test_a_sibling_county_cannot_open_the_proposal_or_a_county_scheme(
    login, sibling_approver, approver
):
    claim = Claim.objects.get(kind=KIND, region_id=COUNTY)
    assert login(sibling_approver).get(claim.get_absolute_url()).status_code == 404
    own = Scheme.objects.get(region_id="370103000000")
    assert login(approver).get(own.get_absolute_url()).status_code == 404
    province = Scheme.objects.filter(region_id="370000000000").first()
    assert login(sibling_approver).get(province.get_absolute_url()).status_code == 200  # policy


def test_a_community_does_not_read_scores(login, coordinator, reviewer):
    assert login(coordinator).get(OFFICE).status_code == 403
    assert login(reviewer).get(RANKING).status_code == 403


def test_the_reward_page_shows_the_county_its_proposal_and_the_computed_rewards(login, approver):
    page = login(approver).get("/performance/rewards/").content.decode()
    assert "奖补测算" in page and "基础奖励" in page and "待财政部门审核" in page


def test_the_api_ranks_and_explains(login, approver):
    found = (
        login(approver).get(f"/api/v1/performance/ranking/?region={COUNTY}&period=2026-Q3").json()
    )
    assert found["period"] == "2026-Q3" and found["offices"][0]["rank"] == 1
    assert found["offices"][0]["items"][0]["words"]
    office = login(approver).get(f"/api/v1/performance/offices/{TOWNSHIP}/?period=2026-Q3").json()
    assert office["region"] == TOWNSHIP and office["movement"]


def test_the_province_ranks_every_street_and_township(login, province_admin):
    page = login(province_admin).get("/performance/?region=370000000000&level=4&period=2026-Q3")
    assert page.status_code == 200 and "解放路街道" in page.content.decode()


@pytest.mark.parametrize(
    ("url", "queries"),
    [(RANKING, 39), ("/performance/?region=370100000000&level=4&period=2026-Q3", 39),
     (OFFICE, 42), ("/performance/schemes/", 11), (f"/performance/rewards/?region={COUNTY}", 50)],
)  # fmt: skip
def test_pages_take_a_fixed_number_of_queries(
    login, province_admin, url, queries, django_assert_num_queries
):
    """The same for a county's 13 streets as for a city's (each figure is one grouped query
    for all the offices, for the period and the one before)."""
    client = login(province_admin)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
