import pytest
from django.contrib.auth.models import AnonymousUser

from jiuye.conftest import COUNTY, SIBLING_COUNTY, TOWNSHIP, VILLAGE_A, VILLAGE_B
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


def test_a_coordinator_sees_only_their_community(coordinator):
    assert codes(Region.objects.visible_to(coordinator)) == {VILLAGE_A}
    orgs = ServiceOrg.objects.visible_to(coordinator)
    assert {org.region_id for org in orgs} == {VILLAGE_A}


def test_a_township_reviewer_sees_the_township_and_its_communities(reviewer):
    visible = codes(Region.objects.visible_to(reviewer))
    assert TOWNSHIP in visible and VILLAGE_A in visible and VILLAGE_B in visible
    assert all(code.startswith("370102001") for code in visible)
    assert len(visible) == Region.objects.filter(code__startswith="370102001").count()


def test_a_county_approver_sees_the_county_and_nothing_of_the_sibling_county(approver):
    visible = codes(Region.objects.visible_to(approver))
    assert COUNTY in visible and SIBLING_COUNTY not in visible
    assert not any(code.startswith("370103") for code in visible)
    staff = User.objects.visible_to(approver)
    assert staff.filter(username="coordinator-370102001002").exists()
    assert not staff.filter(username__endswith="370103").exists()
    assert not staff.filter(username="city-3701").exists()  # above the county: not visible


def test_the_province_administrator_sees_the_province(province_admin):
    assert Region.objects.visible_to(province_admin).count() == Region.objects.count()


def test_a_superuser_sees_everything(superuser):
    assert User.objects.visible_to(superuser).count() == User.objects.count()


def test_it_fails_closed_for_anonymous_users_and_users_without_organisation(approver):
    assert not Region.objects.visible_to(AnonymousUser()).exists()
    assert not Region.objects.visible_to(None).exists()
    orphan = User.objects.create_user("orphan", password="x", name="无机构")
    assert not Region.objects.visible_to(orphan).exists()
    assert not User.objects.visible_to(orphan).exists()


def test_it_fails_closed_for_an_inactive_organisation_or_user(approver):
    approver.org.is_active = False
    approver.org.save()
    approver = User.objects.get(pk=approver.pk)
    assert not Region.objects.visible_to(approver).exists()
    approver.org.is_active = True
    approver.org.save()
    approver = User.objects.get(pk=approver.pk)
    approver.is_active = False
    assert not Region.objects.visible_to(approver).exists()


def test_scoping_is_a_range_on_the_code_column(approver):
    sql = str(Region.objects.visible_to(approver).query)
    assert "370102000000" in sql and "370102999999" in sql
    assert "LIKE" not in sql.upper()
