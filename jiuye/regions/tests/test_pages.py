import pytest

from jiuye.core import history
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db


def test_the_region_browser_starts_at_the_users_jurisdiction(login, reviewer):
    response = login(reviewer).get("/regions/")
    assert response.status_code == 302 and response["Location"] == "/regions/370102001000/"


def test_a_node_lists_its_children_with_counts_of_regions_organisations_and_staff(login, approver):
    page = login(approver).get("/regions/370102000000/")
    assert page.status_code == 200
    rows = dict((child.code, counts) for child, counts in page.context["children"])
    township = "370102001000"
    assert rows[township] == {
        "regions": Region.objects.filter(parent_id=township).count(),
        "orgs": ServiceOrg.objects.within("370102001").count(),
        "staff": User.objects.within("370102001").count(),
    }
    assert (
        rows[township]["regions"] == 5
        and rows[township]["orgs"] == 6
        and rows[township]["staff"] == 8  # five coordinators, two reviewers, finance
    )
    totals = page.context["totals"]
    assert totals["regions"] == Region.objects.within("370102").count() - 1
    assert totals["staff"] == User.objects.within("370102").count()
    assert "解放路街道" in page.content.decode()


def test_a_village_shows_its_organisation_and_no_children(login, coordinator):
    page = login(coordinator).get("/regions/370102001002/")
    assert page.status_code == 200
    assert page.context["children"] == [] and page.context["totals"]["regions"] == 0
    assert "解放桥社区劳动保障服务站" in page.content.decode()


def test_the_breadcrumb_links_only_to_regions_inside_the_jurisdiction(login, reviewer):
    page = login(reviewer).get("/regions/370102001002/").content.decode()
    assert 'href="/regions/370102001000/"' in page  # the reviewer's street
    assert 'href="/regions/370102000000/"' not in page  # the county is above the reviewer
    assert "历下区" in page  # but its name is shown


def test_an_inactive_organisations_staff_are_not_counted(login, approver):
    history.update(ServiceOrg.objects.filter(region_id="370102001002"), actor=None, is_active=False)
    history.update(
        User.objects.filter(username="coordinator-370102001002"), actor=None, is_active=False
    )
    page = login(approver).get("/regions/370102000000/")
    counts = dict((child.code, c) for child, c in page.context["children"])["370102001000"]
    assert counts["orgs"] == 5 and counts["staff"] == 7


@pytest.mark.parametrize("code", ["370103000000", "370000000000", "999999999999"])
def test_regions_outside_the_jurisdiction_or_unknown_are_404(login, approver, code):
    response = login(approver).get(f"/regions/{code}/")
    assert response.status_code == 404
    assert "不在您的管辖范围内" in response.content.decode()


@pytest.mark.parametrize("code", ["37010200000", "3701020000000", "abc"])
def test_malformed_codes_in_the_url_are_404(login, approver, code):
    assert login(approver).get(f"/regions/{code}/").status_code == 404


def test_the_browser_runs_a_fixed_number_of_queries_whatever_the_number_of_children(
    login, province_admin, django_assert_num_queries
):
    client = login(province_admin)
    client.get("/regions/370000000000/")  # warm the session
    with django_assert_num_queries(17):
        client.get("/regions/370000000000/")  # 16 cities
    with django_assert_num_queries(17):
        client.get("/regions/370102001000/")  # 5 communities


def test_the_organisation_list_filters_and_sorts(login, approver):
    client = login(approver)
    page = client.get("/regions/orgs/?region=370102001000&sort=-name")
    names = [org.name for org in page.context["object_list"]]
    assert len(names) == 6 and names == sorted(names, reverse=True)
    assert page.context["paginator"].count == 6
    assert client.get("/regions/orgs/?region=abc").context["filter"].errors["region"] == [
        "区划代码应为12位数字。"
    ]


@pytest.mark.parametrize(
    "region", ["370102001002", "370102000000"]
)  # 1 row, then a full page of 50
def test_the_organisation_list_runs_a_fixed_number_of_queries(
    login, approver, django_assert_num_queries, region
):
    client = login(approver)
    client.get("/regions/orgs/")
    with django_assert_num_queries(10):
        page = client.get(f"/regions/orgs/?region={region}")
    assert len(page.context["object_list"]) == (1 if region.endswith("002") else 50)


def test_a_page_past_the_end_shows_the_last_page(login, approver):
    page = login(approver).get("/regions/orgs/?page=999")
    assert (
        page.status_code == 200
        and page.context["page_obj"].number == page.context["paginator"].num_pages
    )


def test_a_county_approver_creates_and_edits_an_organisation_with_history(login, approver):
    client = login(approver)
    response = client.post(
        "/regions/orgs/new/",
        {
            "name": "解放桥社区就业驿站",
            "kind": "village_station",
            "region": "370102001002",
            "address": "解放路1号",
            "phone": "0531-86001234",
            "is_active": "on",
        },
    )
    org = ServiceOrg.objects.get(name="解放桥社区就业驿站")
    assert response.status_code == 302 and response["Location"] == f"/regions/orgs/{org.pk}/"
    response = client.post(
        f"/regions/orgs/{org.pk}/edit/",
        {
            "name": "解放桥社区就业服务驿站",
            "kind": "village_station",
            "region": "370102001002",
            "address": "解放路1号",
            "phone": "0531-86001235",
            "is_active": "on",
            "version": org.version,
        },
    )
    assert response.status_code == 302
    page = client.get(f"/regions/orgs/{org.pk}/").content.decode()
    assert "解放桥社区就业驿站" in page and "解放桥社区就业服务驿站" in page  # before and after
    assert approver.name in page and "修改" in page


def test_an_organisation_cannot_be_put_in_a_region_outside_the_jurisdiction(login, approver):
    response = login(approver).post(
        "/regions/orgs/new/",
        {
            "name": "越界站",
            "kind": "village_station",
            "region": "370103001001",
        },
    )
    assert response.status_code == 200
    assert "不在您的管辖范围内" in response.content.decode()
    assert not ServiceOrg.objects.filter(name="越界站").exists()


def test_an_organisation_kind_must_match_the_region_level(login, approver):
    response = login(approver).post(
        "/regions/orgs/new/",
        {
            "name": "错级站",
            "kind": "county_agency",
            "region": "370102001002",
        },
    )
    assert "应设在县级区划" in response.content.decode()
    assert not ServiceOrg.objects.filter(name="错级站").exists()


def test_a_stale_edit_is_refused_and_the_input_is_kept(login, approver):
    client = login(approver)
    org = ServiceOrg.objects.get(region_id="370102001002")
    form = {
        "name": org.name,
        "kind": org.kind,
        "region": org.region_id,
        "phone": "0531-1",
        "is_active": "on",
        "version": org.version,
    }
    assert client.post(f"/regions/orgs/{org.pk}/edit/", form).status_code == 302
    form["address"] = "我的修改"
    response = client.post(f"/regions/orgs/{org.pk}/edit/", form)  # still the old version
    assert response.status_code == 200
    text = response.content.decode()
    assert "已被他人修改" in text and "我的修改" in text
    org.refresh_from_db()
    assert org.address == "" and org.phone == "0531-1"


def test_roles_without_the_permission_cannot_create_organisations(login, coordinator, inspector):
    for user in (coordinator, inspector):
        assert login(user).get("/regions/orgs/new/").status_code == 403


def test_an_organisation_with_staff_keeps_its_region_and_kind(login, approver):
    org = ServiceOrg.objects.get(region_id="370102001002")
    form = {
        "name": org.name,
        "kind": "village_station",
        "region": "370102001003",
        "is_active": "on",
        "version": org.version,
    }
    response = login(approver).post(f"/regions/orgs/{org.pk}/edit/", form)
    assert response.status_code == 200 and "已有工作人员" in response.content.decode()
    assert ServiceOrg.objects.get(pk=org.pk).region_id == "370102001002"


def test_the_history_of_a_record_that_moved_in_does_not_show_where_it_was(
    login, city_officer, approver
):
    client = login(city_officer)
    client.post(
        "/regions/orgs/new/",
        {
            "name": "流动站",
            "kind": "village_station",
            "region": "370103002001",
            "address": "市中区内部地址88号",
            "is_active": "on",
        },
    )
    org = ServiceOrg.objects.get(name="流动站")
    client.post(
        f"/regions/orgs/{org.pk}/edit/",
        {
            "name": "流动站",
            "kind": "village_station",
            "region": "370102001009",
            "address": "历下区新址",
            "is_active": "on",
            "version": org.version,
        },
    )
    assert ServiceOrg.objects.get(pk=org.pk).region_id == "370102001009"
    assert (
        "市中区内部地址88号" in client.get(f"/regions/orgs/{org.pk}/").content.decode()
    )  # the city saw both
    page = login(approver).get(f"/regions/orgs/{org.pk}/").content.decode()
    assert "历下区新址" in page and "市中区内部地址88号" not in page and "370103002001" not in page


def test_full_width_digits_are_not_a_region_code(login, approver):
    page = login(approver).get("/regions/orgs/?region=３７０１０２０００００００")
    assert page.context["filter"].errors["region"]
