"""The pages of public-welfare posts: lists with a fixed number of queries, developing a post,
placing and ending through the forms, and the jurisdiction."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from jiuye.conftest import VILLAGE_A
from jiuye.jobs import services as jobs
from jiuye.jobs.tests.helpers import employer, seeker, vacancy
from jiuye.ledger.choices import LabourStatus
from jiuye.posts import services
from jiuye.posts.models import Placement, Post
from jiuye.posts.tests.helpers import identified, post, resident
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


@pytest.mark.parametrize(("name", "queries"), [("posts:posts", 10), ("posts:placements", 10)])
def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_a_page(
    name, queries, coordinator, reviewer, login, django_assert_num_queries
):
    def add(numbers):  # a post with a placement, each
        for n in numbers:
            services.placement_create(contract_months=12, actor=coordinator, post=post(coordinator, title=f"列表岗{n}"),
                                      person=identified(coordinator, f"列表{n}"),
                                      started_on=datetime.date(2026, 10, 1))  # fmt: skip

    add(range(2))
    browser = login(reviewer)
    browser.get(reverse(name))  # the first request of the session
    with django_assert_num_queries(queries):
        few = browser.get(reverse(name))
    add(range(2, 30))
    with django_assert_num_queries(queries):
        response = browser.get(reverse(name))
    marker = "列表岗0" if name == "posts:posts" else "列表0"
    assert response.status_code == 200 and marker in response.content.decode()
    assert rows_shown(few) < rows_shown(response)
    filters = "?active=true&vacant=true&q=列表岗" if name == "posts:posts" else "?open=true&q=列表3"
    with django_assert_num_queries(queries):
        filtered = browser.get(reverse(name) + filters).content.decode()
    assert ("列表岗5" if name == "posts:posts" else "列表3") in filtered


def test_the_employers_list_takes_the_same_number_of_queries_for_a_few_hires_or_many(
    coordinator, reviewer, login, django_assert_num_queries
):
    job = vacancy(coordinator, employer(coordinator), posts=30)

    def hire(numbers):
        for n in numbers:
            found = seeker(coordinator, identified(coordinator, f"吸纳列表{n}"))
            referral = jobs.referral_create(actor=coordinator, vacancy=job, seeker=found)
            jobs.referral_hire(actor=coordinator, referral=referral, social_insurance=True,
                               hired_on=datetime.date(2026, 11, 20), contract_months=12)  # fmt: skip

    hire(range(1))
    browser = login(reviewer)
    browser.get(reverse("posts:employers"))  # the first request of the session
    with django_assert_num_queries(10):
        few = browser.get(reverse("posts:employers"))
    hire(range(1, 12))
    with django_assert_num_queries(10):
        page = browser.get(reverse("posts:employers")).content.decode()
    assert few.content.decode().count("历下样本物业有限公司") < page.count("历下样本物业有限公司")
    assert page.count("历下样本物业有限公司") >= 12 and "吸纳列表11" in page


def test_a_township_develops_a_post_through_the_form(reviewer, login):
    browser = login(reviewer)
    form = browser.get(reverse("posts:post-add"))
    assert form.status_code == 200 and 'name="post_subsidy" value="2200"' in form.content.decode()
    data = {"unit_name": "解放路街道办事处", "title": "页面开发的协管岗", "posts": 2, "region": VILLAGE_A,
            "starts_on": "2026-11-01", "ends_on": "2027-10-31", "post_subsidy": "2500",
            "insurance_subsidy": ""}  # fmt: skip
    refused = browser.post(reverse("posts:post-add"), data)
    assert refused.status_code == 200
    assert "不能高于参数“公益性岗位岗位补贴标准”2200元/月" in refused.content.decode()
    response = browser.post(reverse("posts:post-add"), {**data, "post_subsidy": ""})
    created = Post.objects.get(title="页面开发的协管岗")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert str(created.post_subsidy) == "2200.00" and str(created.insurance_subsidy) == "1028.00"
    page = browser.get(created.get_absolute_url()).content.decode()
    assert "安置上岗" in page and "页面开发的协管岗" in page


def test_a_person_is_placed_and_leaves_through_the_pages(coordinator, login):
    browser = login(coordinator)
    mine = post(coordinator)
    target, ordinary = identified(coordinator, "页面援助对象"), resident(coordinator, "页面普通人")
    form = browser.get(reverse("posts:place", args=[mine.pk])).content.decode()
    assert (
        "页面援助对象" in form and "页面普通人" not in form
    )  # only assistance targets are offered
    refused = browser.post(reverse("posts:place", args=[mine.pk]),
                           {"person": ordinary.pk, "started_on": "2026-11-02", "contract_months": 12})  # fmt: skip
    assert "只能安置本辖区已认定、尚未上岗的就业困难人员" in refused.content.decode()
    response = browser.post(reverse("posts:place", args=[mine.pk]),
                            {"person": target.pk, "started_on": "2026-11-02", "contract_months": 12})  # fmt: skip
    placement = Placement.objects.get(person=target)
    assert response["Location"] == placement.get_absolute_url()
    page = browser.get(placement.get_absolute_url()).content.decode()
    assert "办理离岗" in page and "页面援助对象" in page
    assert "页面援助对象" in browser.get(reverse("posts:post", args=[mine.pk])).content.decode()
    browser.post(reverse("posts:placement-end", args=[placement.pk]),
                 {"ended_on": "2026-11-10", "reason": "other_work", "employer": ""})  # fmt: skip
    placement.refresh_from_db()
    assert placement.is_open  # the new employer is missing: refused, shown as a message
    browser.post(reverse("posts:placement-end", args=[placement.pk]),
                 {"ended_on": "2026-11-10", "reason": "other_work", "employer": "泉城物业公司"})  # fmt: skip
    placement.refresh_from_db()
    target.refresh_from_db()
    assert placement.ended_on == datetime.date(2026, 11, 10)
    assert target.status == LabourStatus.EMPLOYED_UNIT and target.employer == "泉城物业公司"


def test_a_sibling_gets_404_for_posts_and_placements(coordinator, sibling_coordinator, login):
    mine = post(coordinator)
    placement = services.placement_create(contract_months=12, actor=coordinator, post=mine, person=identified(coordinator, "兄弟甲"),
                                          started_on=datetime.date(2026, 11, 2))  # fmt: skip
    browser = login(sibling_coordinator)
    for url in (reverse("posts:post", args=[mine.pk]), reverse("posts:post-edit", args=[mine.pk]),
                reverse("posts:place", args=[mine.pk]), reverse("posts:placement", args=[placement.pk])):  # fmt: skip
        assert browser.get(url).status_code == 404, url
    assert browser.post(reverse("posts:placement-end", args=[placement.pk]),
                        {"ended_on": "2026-11-10", "reason": "resigned"}).status_code == 404  # fmt: skip
    assert "兄弟甲" not in browser.get(reverse("posts:placements")).content.decode()


def test_an_edit_keeps_the_form_when_someone_saved_meanwhile(coordinator, reviewer, login):
    mine = post(coordinator)
    services.post_update(actor=reviewer, post=mine, expected_version=mine.version, posts=5)
    browser = login(coordinator)
    response = browser.post(reverse("posts:post-edit", args=[mine.pk]), {
        "unit_name": mine.unit_name, "title": "改后的岗位名", "posts": 4, "region": VILLAGE_A,
        "starts_on": "2026-01-01", "ends_on": "2028-12-31", "version": 1,
    })  # fmt: skip
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    assert 'value="改后的岗位名"' in response.content.decode()
