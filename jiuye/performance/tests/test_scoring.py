"""Scores against hand-computed values, the ranking and its movement."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jiuye.conftest import COUNTY
from jiuye.jobs.models import Referral, Vacancy
from jiuye.performance import services
from jiuye.performance.choices import Method, OfficeLevel
from jiuye.performance.models import Item
from jiuye.performance.periods import Period, ended_before, last_ended
from jiuye.performance.scoring import (
    Reading,
    Score,
    figure,
    points,
    ranked,
    ranking,
    scheme_of,
    schemes_for,
)
from jiuye.regions.codes import township
from jiuye.regions.models import Region

Q3 = Period(2026, 3)


def item(**fields):
    return Item(**{"weight": Decimal("15"), "method": Method.TARGET, "per": "", **fields})


def test_a_target_earns_its_share_of_the_weight_and_says_how():
    posts = item(indicator="posts_developed", target=Decimal("20"))
    part = points(posts, figure(posts, {"posts_developed": 12}))
    assert part.points == Decimal("9.0")
    assert part.words == "开发公益性岗位数 12个，目标 20个，得分 15 × 60% = 9.0"


def test_a_figure_beyond_the_target_earns_the_weight_and_no_more():
    posts = item(indicator="posts_developed", target=Decimal("20"))
    assert points(posts, figure(posts, {"posts_developed": 31})).points == Decimal("15.0")


def test_a_figure_per_coordinator_divides_by_the_coordinators():
    per = item(
        indicator="posts_developed", per="coordinators", target=Decimal("4"), weight=Decimal("10")
    )
    part = points(per, figure(per, {"posts_developed": 12, "coordinators": 4}))
    assert part.value == 3 and part.points == Decimal("7.5")
    assert "÷ 在岗协管员 4人 = 3个/人" in part.words and "10 × 75% = 7.5" in part.words


def test_without_coordinators_a_figure_per_coordinator_earns_nothing():
    per = item(indicator="posts_developed", per="coordinators", target=Decimal("4"))
    part = points(per, figure(per, {"posts_developed": 12, "coordinators": 0}))
    assert part.value is None and part.points == 0 and part.words.endswith("得分 0")


def test_the_best_sibling_sets_the_target_of_a_best_item():
    best = item(indicator="referral_hires", method=Method.BEST, weight=Decimal("10"))
    part = points(best, Reading(Decimal(6), lambda: "推荐成功人数 6人", lambda: "人"), Decimal(8))
    assert part.points == Decimal("7.5")
    assert part.words == "推荐成功人数 6人，同级最高 8人，得分 10 × 75% = 7.5"
    assert points(best, Reading(Decimal(0), str, lambda: "人"), None).points == 0


def test_a_deduction_takes_points_per_unit_not_below_zero():
    over = item(
        indicator="zero_over", method=Method.DEDUCT, target=Decimal("5"), weight=Decimal("10")
    )
    part = points(over, figure(over, {"zero_over": 1}))
    assert part.points == Decimal("5.0")
    assert part.words == "超过时限 1户，每户扣 5 分，得分 10 − 5 = 5.0"
    assert points(over, figure(over, {"zero_over": 3})).points == 0


def test_an_item_needs_a_registered_indicator_and_a_target_where_its_method_needs_one():
    with pytest.raises(ValidationError) as refused:
        item(indicator="no_such_figure", target=Decimal("1")).clean()
    assert "indicator" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        item(indicator="posts_developed", target=None).clean()
    assert "target" in refused.value.error_dict


def test_equal_scores_share_a_rank_and_the_movement_is_against_the_previous_rank():
    def score(code, total, previous):
        found = Score(Region(code=code, name=code), None, previous=previous)
        found.parts = [points(item(indicator="posts_developed", weight=Decimal(total), target=Decimal(1)),
                              Reading(Decimal(1), str))]  # fmt: skip
        return found

    order = ranked([score("b", 10, 1), score("a", 20, 3), score("c", 10, None), score("d", 5, 4)])
    assert [(each.region.code, each.rank) for each in order] == [
        ("a", 1),
        ("b", 2),
        ("c", 2),
        ("d", 4),
    ]
    assert [each.movement for each in order] == ["↑2", "↓1", "新", "—"]


def test_periods_read_and_follow_each_other():
    assert Period.parse("2026-Q1").previous == Period(2025, 4)
    assert (Q3.first, Q3.last) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert Period.parse("2026").last == datetime.date(2026, 12, 31)
    assert last_ended(datetime.date(2026, 11, 1)) == Q3
    assert ended_before(datetime.date(2026, 10, 1), "quarter") == Q3
    assert ended_before(datetime.date(2026, 11, 1), "quarter") is None
    assert ended_before(datetime.date(2027, 1, 1), "year") == Period(2026)
    with pytest.raises(ValidationError):
        Period.parse("2026-Q5")


def hired_by_township(period):
    hires = Referral.objects.filter(state="hired", hired_on__range=(period.first, period.last))
    return Counter(township(region) for region in hires.values_list("org__region_id", flat=True))


def gathered_by_township(period):
    gathered = Vacancy.objects.filter(registered_on__range=(period.first, period.last))
    return Counter(township(region) for region in gathered.values_list("region_id", flat=True))


@pytest.fixture
def county_scheme(approver):
    """历下区's own scheme of 2026 for its streets: hires through referral against a target of
    2, vacancies gathered against the best street of the county."""
    scheme = services.scheme_create(
        actor=approver, name="历下区测试方案", year=2026, level=OfficeLevel.TOWNSHIP
    )
    services.item_add(actor=approver, scheme=scheme, indicator="referral_hires", weight=10,
                      method=Method.TARGET, target=2)  # fmt: skip
    services.item_add(actor=approver, scheme=scheme, indicator="vacancies_gathered", weight=20,
                      method=Method.BEST)  # fmt: skip
    return scheme


@pytest.mark.parametrize("period", [Q3, Period(2026)])
def test_the_scores_of_历下区_streets_are_the_hand_computed_ones(approver, county_scheme, period):
    county = Region.objects.get(code=COUNTY)
    found = ranking(approver, county, OfficeLevel.TOWNSHIP, period)
    hired, gathered = hired_by_township(period), gathered_by_township(period)
    assert sum(gathered.values()), "the demo data has vacancies in the period"
    best = max(gathered[score.region.code] for score in found.scores)
    assert len(found.scores) == Region.objects.filter(parent=county).count()
    for score in found.scores:
        code = score.region.code
        assert score.scheme == county_scheme
        expected = (
            Decimal(10) * min(Decimal(hired[code]) / 2, 1) + Decimal(20) * gathered[code] / best
        )
        assert score.total == expected.quantize(Decimal("0.1")) or abs(
            score.total - expected
        ) <= Decimal("0.1")
        assert score.parts[0].words.startswith(f"推荐成功人数 {hired[code]}人，目标 2人")
    totals = [score.total for score in found.scores]
    assert totals == sorted(totals, reverse=True) and found.scores[0].rank == 1


def test_the_movement_is_the_rank_of_the_previous_quarter(approver, county_scheme):
    county = Region.objects.get(code=COUNTY)
    now = ranking(approver, county, OfficeLevel.TOWNSHIP, Q3)
    before = {
        score.region.code: score.rank
        for score in ranking(approver, county, OfficeLevel.TOWNSHIP, Q3.previous).scores
    }
    for score in now.scores:
        assert score.previous == before[score.region.code]


def test_a_county_scheme_overrides_the_province_scheme_for_its_offices_only(sibling_approver):
    schemes = schemes_for("37", OfficeLevel.TOWNSHIP, 2026)
    assert scheme_of("370103001000", schemes).region_id == "370103000000"  # 市中区's own
    assert scheme_of("370102001000", schemes).region_id == "370000000000"  # the province's
    county = Region.objects.get(code="370103000000")
    for score in ranking(sibling_approver, county, OfficeLevel.TOWNSHIP, Q3).scores:
        assert score.scheme.region_id == "370103000000"


def test_a_scheme_applies_until_a_later_year_replaces_it(db):
    assert scheme_of("370102001000", schemes_for("37", OfficeLevel.TOWNSHIP, 2027)).year == 2026
    assert scheme_of("370102001000", schemes_for("37", OfficeLevel.TOWNSHIP, 2025)) is None


def test_a_ranking_needs_a_region_above_the_offices(approver):
    with pytest.raises(ValidationError):
        ranking(approver, Region.objects.get(code="370102001000"), OfficeLevel.TOWNSHIP, Q3)
