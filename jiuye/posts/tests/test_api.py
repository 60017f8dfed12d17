"""The API of public-welfare posts: the same rules and jurisdiction as the pages."""

import datetime

import pytest
import time_machine

from jiuye.conftest import TOWNSHIP, VILLAGE_A
from jiuye.ledger.models import Person
from jiuye.posts.tests.helpers import identified, resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


def test_posts_and_placements_through_the_api(reviewer, sibling_approver, login, client):
    api = login(reviewer)

    def send(method, url, data, status):
        response = getattr(api, method)(url, data, content_type="application/json")
        assert response.status_code == status, response.content.decode()
        return response.json()

    created = send("post", "/api/v1/posts/", {
        "unit_name": "解放路街道办事处", "title": "接口协管员", "posts": 1, "region": TOWNSHIP,
        "starts_on": "2026-01-01", "ends_on": "2027-12-31",
    }, 201)  # fmt: skip
    assert created["post_subsidy"] == "2200.00" and created["filled"] == 0
    assert "区划应选到" not in str(created)
    changed = send("patch", f"/api/v1/posts/{created['id']}/", {"posts": 2, "version": 1}, 200)
    assert changed["posts"] == 2 and changed["version"] == 2
    stale = send("patch", f"/api/v1/posts/{created['id']}/", {"posts": 3, "version": 1}, 400)
    assert "已被他人修改" in str(stale)

    ordinary = resident(reviewer, "接口普通人", region_code=VILLAGE_A)
    refused = send("post", "/api/v1/placements/",
                   {"person": ordinary.pk, "post": created["id"], "started_on": "2026-11-02", "contract_months": 12}, 400)  # fmt: skip
    assert "就业援助对象" in refused["person"][0]
    target = identified(reviewer, "接口援助对象")
    placed = send("post", "/api/v1/placements/",
                  {"person": target.pk, "post": created["id"], "started_on": "2026-11-02", "contract_months": 12}, 201)  # fmt: skip
    assert placed["region"] == TOWNSHIP and placed["ended_on"] is None
    assert Person.objects.get(pk=target.pk).status == "public_welfare_post"
    assert [row["id"] for row in api.get("/api/v1/placements/?open=true").json()["results"]] == [
        placed["id"]
    ]

    sibling = login(sibling_approver)
    assert sibling.get(f"/api/v1/posts/{created['id']}/").status_code == 404
    assert sibling.get(f"/api/v1/placements/{placed['id']}/").status_code == 404
    assert sibling.post(f"/api/v1/placements/{placed['id']}/end/",
                        {"ended_on": "2026-11-10", "leave_reason": "resigned"}, content_type="application/json").status_code == 404  # fmt: skip
    assert sibling.get("/api/v1/posts/").json()["count"] > 0  # the sibling county's own
    assert sibling.get(f"/api/v1/posts/?region={TOWNSHIP}").json()["count"] == 0
    assert sibling.get(f"/api/v1/placements/?region={TOWNSHIP}").json()["count"] == 0

    api = login(reviewer)
    ended = send("post", f"/api/v1/placements/{placed['id']}/end/",
                 {"ended_on": "2026-11-10", "leave_reason": "resigned"}, 200)  # fmt: skip
    assert ended["ended_on"] == "2026-11-10" and ended["leave_reason"] == "resigned"
    assert Person.objects.get(pk=target.pk).status == "unemployed"
