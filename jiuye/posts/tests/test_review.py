"""Defects found in review: a moved post takes its placements along, amounts are paid in fen,
and a placement filter beyond the database's integers is a form error."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiuye.conftest import VILLAGE_A, VILLAGE_B
from jiuye.core import workflow
from jiuye.jobs import services as jobs
from jiuye.jobs.tests.helpers import employer, region, seeker, vacancy
from jiuye.posts import services
from jiuye.posts.subsidy import EMPLOYER_INSURANCE, POST_SUBSIDY
from jiuye.posts.tests.helpers import identified, override, post
from jiuye.subsidies.services import claim_prepare

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


def test_a_post_moved_to_another_community_takes_its_placements_along(
    reviewer, coordinator, sibling_coordinator, login
):
    moved = post(reviewer)
    placement = services.placement_create(contract_months=12, actor=reviewer, post=moved, person=identified(reviewer, "迁岗甲"),
                                          started_on=datetime.date(2026, 10, 1))  # fmt: skip
    services.post_update(actor=reviewer, post=moved, expected_version=moved.version,
                         region=region(VILLAGE_B))  # fmt: skip
    placement.refresh_from_db()
    assert placement.region_id == VILLAGE_B
    url = reverse("posts:placement", args=[placement.pk])
    assert login(coordinator).get(url).status_code == 404  # the old community no longer keeps it
    assert login(sibling_coordinator).get(url).status_code == 200
    assert claim_prepare(actor=sibling_coordinator, kind=POST_SUBSIDY,
                         month=datetime.date(2026, 10, 1)).count == 1  # fmt: skip
    assert claim_prepare(actor=coordinator, kind=POST_SUBSIDY,
                         month=datetime.date(2026, 11, 1)).count == 0  # fmt: skip


def test_the_amounts_keep_their_fen_in_the_line_the_total_and_the_words(coordinator):
    place = post(coordinator)
    override("posts.post_subsidy", "1999.99")  # set after the post kept its 2200.00
    for name in ("分位甲", "分位乙"):
        services.placement_create(contract_months=12, actor=coordinator, post=place, person=identified(coordinator, name),
                                  started_on=datetime.date(2026, 10, 1))  # fmt: skip
    claim = claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=datetime.date(2026, 10, 1))
    lines = list(claim.lines.all())
    assert [line.amount for line in lines] == [Decimal("1999.99")] * 2
    assert all("计发1999.99元" in line.explanation for line in lines)
    assert claim.total == sum(line.amount for line in lines) == Decimal("3999.98")


def test_the_employers_subsidy_keeps_its_fen(coordinator):
    override(
        "posts.employer_insurance", "1028.13"
    )  # more decimals are refused (core.parameters.yuan)
    job = vacancy(coordinator, employer(coordinator), posts=3)
    for name in ("吸纳分甲", "吸纳分乙"):
        with time_machine.travel(datetime.datetime(2026, 10, 8, 10, 0), tick=False):
            referral = jobs.referral_create(actor=coordinator, vacancy=job,
                                            seeker=seeker(coordinator, identified(coordinator, name)))  # fmt: skip
        jobs.referral_hire(actor=coordinator, referral=referral, hired_on=datetime.date(2026, 10, 8),
                           contract_months=12, social_insurance=True)  # fmt: skip
    claim = claim_prepare(
        actor=coordinator, kind=EMPLOYER_INSURANCE, month=datetime.date(2026, 10, 1)
    )
    lines = list(claim.lines.all())
    assert len(lines) == 2 and all(line.amount == Decimal("1028.13") for line in lines)
    assert (
        "参数“企业吸纳就业困难人员社会保险补贴标准”1028.13元/月计发1028.13元"
        in lines[0].explanation
    )
    assert claim.total == Decimal("2056.26")


def test_a_post_number_beyond_the_databases_integers_is_refused_not_a_server_error(reviewer, login):
    browser = login(reviewer)
    huge = "?post=99999999999999999999999"
    assert browser.get(reverse("posts:placements") + huge).status_code == 200
    assert browser.get("/api/v1/placements/" + huge).status_code == 400


def test_the_claim_takes_the_same_number_of_queries_for_one_person_or_many(
    coordinator, django_assert_num_queries
):
    place = post(coordinator, posts=10)
    services.placement_create(contract_months=12, actor=coordinator, post=place, person=identified(coordinator, "量甲"),
                              started_on=datetime.date(2026, 9, 1))  # fmt: skip
    with django_assert_num_queries(24):
        assert (
            claim_prepare(
                actor=coordinator, kind=POST_SUBSIDY, month=datetime.date(2026, 9, 1)
            ).count
            == 1
        )
    for n in range(7):
        services.placement_create(contract_months=12, actor=coordinator, post=place, person=identified(coordinator, f"量{n}"),
                                  started_on=datetime.date(2026, 9, 1))  # fmt: skip
    with django_assert_num_queries(24):
        assert (
            claim_prepare(
                actor=coordinator, kind=POST_SUBSIDY, month=datetime.date(2026, 10, 1)
            ).count
            == 8
        )


def test_a_placements_page_shows_the_subsidies_of_that_placement_only(coordinator, login):
    person = identified(coordinator, "两次安置甲")
    first = services.placement_create(contract_months=12, actor=coordinator, post=post(coordinator), person=person,
                                      started_on=datetime.date(2026, 9, 1))  # fmt: skip
    services.placement_end(actor=coordinator, placement=first, ended_on=datetime.date(2026, 10, 1),
                           reason="contract_ended")  # fmt: skip
    second = services.placement_create(contract_months=12, actor=coordinator, post=post(coordinator, title="治安巡逻员"),
                                       person=person, started_on=datetime.date(2026, 10, 2))  # fmt: skip
    for month in (9, 10):
        claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=datetime.date(2026, month, 1))
    browser = login(coordinator)
    first_page = browser.get(reverse("posts:placement", args=[first.pk])).content.decode()
    second_page = browser.get(reverse("posts:placement", args=[second.pk])).content.decode()
    assert "2026-09-01上岗" in first_page and "2026-10-02上岗" not in first_page
    assert "2026-10-02上岗" in second_page and "2026-09-01上岗" not in second_page


def test_a_post_cannot_end_before_someone_was_placed_on_it(coordinator):
    place = post(coordinator)
    services.placement_create(contract_months=12, actor=coordinator, post=place, person=identified(coordinator, "期限甲"),
                              started_on=datetime.date(2026, 10, 1))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.post_update(actor=coordinator, post=place, expected_version=place.version,
                             ends_on=datetime.date(2026, 9, 30))  # fmt: skip
    assert "岗位期限不能早于该日结束" in str(refused.value.error_dict["ends_on"])
    services.post_update(actor=coordinator, post=place, expected_version=place.version,
                         ends_on=datetime.date(2026, 10, 1))  # fmt: skip


def test_a_leaving_dated_before_a_submitted_month_is_refused(coordinator):
    place = post(coordinator)
    person = identified(coordinator, "倒签离岗甲")
    placement = services.placement_create(contract_months=12, actor=coordinator, post=place, person=person,
                                          started_on=datetime.date(2026, 8, 3))  # fmt: skip
    september = claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=datetime.date(2026, 9, 1))
    workflow.fire(september, "submit", actor=coordinator)
    claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=datetime.date(2026, 10, 1))  # a draft
    for day in (datetime.date(2026, 8, 20), datetime.date(2026, 9, 15)):
        with pytest.raises(ValidationError) as refused:
            services.placement_end(actor=coordinator, placement=placement, ended_on=day,
                                   reason="resigned")  # fmt: skip
        assert "2026-09的补贴已提交申报" in str(refused.value.error_dict["ended_on"])
    # after the 15th of September: only the October draft holds a later month, and it is prepared again
    services.placement_end(actor=coordinator, placement=placement, ended_on=datetime.date(2026, 9, 16),
                           reason="resigned")  # fmt: skip
    october = claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=datetime.date(2026, 10, 1))
    assert october.count == 0


def test_the_api_does_not_tell_that_another_jurisdictions_employer_exists(
    coordinator, sibling_coordinator, login
):
    theirs = employer(sibling_coordinator, region_code=VILLAGE_B)
    response = login(coordinator).post("/api/v1/posts/", {
        "title": "他处单位的岗", "posts": 1, "region": VILLAGE_A, "employer": theirs.pk,
        "starts_on": "2026-01-01", "ends_on": "2026-12-31",
    }, content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert "不在您的管辖范围内" not in response.content.decode()
    assert str(theirs.pk) in response.json()["employer"][0]  # “无效主键 … 对象不存在”
