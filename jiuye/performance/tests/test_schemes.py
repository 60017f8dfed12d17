"""Schemes entered as data, and commendations on record."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiuye.conftest import COUNTY, TOWNSHIP, VILLAGE_A
from jiuye.performance import services
from jiuye.performance.choices import Honoree, Method, OfficeLevel
from jiuye.performance.models import Commendation, Item, Scheme
from jiuye.performance.periods import Period
from jiuye.regions.models import Region, ServiceOrg


def test_the_province_and_a_county_make_schemes_and_only_their_own_change(province_admin, approver):
    mine = services.scheme_create(
        actor=approver, name="历下区2027年街道方案", year=2027, level=OfficeLevel.TOWNSHIP
    )
    assert mine.region_id == COUNTY
    province = Scheme.objects.get(region_id="370000000000", year=2026, level=OfficeLevel.TOWNSHIP)
    with pytest.raises(PermissionDenied):  # the province's is read by the county, not changed
        services.item_add(actor=approver, scheme=province, indicator="posts_developed", weight=5,
                          method=Method.TARGET, target=3)  # fmt: skip
    item = services.item_add(actor=approver, scheme=mine, indicator="referral_hires", weight=5,
                             method=Method.BEST)  # fmt: skip
    with pytest.raises(ValidationError):
        services.item_add(
            actor=approver, scheme=mine, indicator="referral_hires", weight=5, method=Method.BEST
        )
    with pytest.raises(ValidationError):
        services.item_add(actor=approver, scheme=mine, indicator="no_such_figure", weight=5,
                          method=Method.TARGET, target=1)  # fmt: skip
    services.item_remove(actor=approver, item=item)
    assert not Item.objects.filter(scheme=mine).exists()
    with pytest.raises(ValidationError):  # one scheme per level, year and region
        services.scheme_create(actor=approver, name="again", year=2027, level=OfficeLevel.TOWNSHIP)


def test_a_township_makes_no_scheme(reviewer, finance):
    with pytest.raises(PermissionDenied):
        services.scheme_create(actor=reviewer, name="x", year=2027, level=OfficeLevel.VILLAGE)
    with pytest.raises(PermissionDenied):
        services.scheme_create(actor=finance, name="x", year=2027, level=OfficeLevel.VILLAGE)


def test_items_are_added_on_the_scheme_page(login, approver):
    scheme = services.scheme_create(
        actor=approver, name="历下区社区方案", year=2027, level=OfficeLevel.VILLAGE
    )
    client = login(approver)
    page = client.get(scheme.get_absolute_url()).content.decode()
    assert "添加指标" in page and "推荐成功人数（referral_hires）" in page
    client.post(f"/performance/schemes/{scheme.pk}/items/add/", {
        "indicator": "services_recorded", "per": "coordinators", "weight": "20", "method": "target",
        "target": "30", "order": "1"})  # fmt: skip
    item = Item.objects.get(scheme=scheme)
    assert item.label == "就业援助服务记录（每在岗协管员）"
    assert (
        "就业援助服务记录（每在岗协管员）" in client.get(scheme.get_absolute_url()).content.decode()
    )


def test_the_top_share_is_commended_once(approver):
    county = Region.objects.get(code=COUNTY)
    before = Commendation.objects.count()
    assert (
        services.commend_top(
            actor=approver, region=county, level=OfficeLevel.TOWNSHIP, period=Period(2026, 3)
        )
        == []
    )
    made = services.commend_top(
        actor=approver, region=county, level=OfficeLevel.TOWNSHIP, period=Period(2026, 2)
    )
    assert len(made) >= 2 and Commendation.objects.count() == before + len(made)
    assert all(
        each.honoree == Honoree.OFFICE and "2026年第二季度绩效考核得分" in each.reason
        for each in made
    )


def test_a_worker_is_commended_on_the_office_page(login, approver, coordinator, sibling_approver):
    client = login(approver)
    response = client.post(f"/performance/office/{VILLAGE_A}/commend/", {
        "honoree": "worker", "worker": coordinator.pk, "period": "2026-Q3", "reason": "入户走访及时"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/performance/office/{VILLAGE_A}/?period=2026-Q3").content.decode()
    assert "入户走访及时" in page and coordinator.name in page
    with pytest.raises(ValidationError):  # a worker of another office
        services.commendation_create(actor=approver, honoree=Honoree.WORKER, office=ServiceOrg.objects.get(
            region_id=TOWNSHIP), worker=coordinator, period="2026-Q3", reason="x")  # fmt: skip
    with pytest.raises(PermissionDenied):  # out of the jurisdiction
        services.commendation_create(actor=sibling_approver, honoree=Honoree.OFFICE,
                                     office=coordinator.org, period="2026-Q3", reason="x")  # fmt: skip


def test_communities_are_ranked_within_a_city_at_most(province_admin):
    from jiuye.performance.scoring import ranking

    with pytest.raises(ValidationError):
        ranking(
            province_admin,
            Region.objects.get(code="370000000000"),
            OfficeLevel.VILLAGE,
            Period(2026, 3),
        )
    found = ranking(
        province_admin, Region.objects.get(code=TOWNSHIP), OfficeLevel.VILLAGE, Period(2026, 3)
    )
    assert found.of_office(VILLAGE_A).scheme.level == OfficeLevel.VILLAGE
