import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.authtoken.models import Token

from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import Role as RoleRow
from jiuye.staff.models import StaffCertificate, User
from jiuye.staff.roles import RoleCode, permissions_of
from jiuye.staff.services import staff_create

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Xie-Guan-2026!"


def org_of(code):
    return ServiceOrg.objects.get(region_id=code)


def test_each_role_holds_the_permissions_declared_for_it(
    coordinator, approver, inspector, province_admin
):
    assert coordinator.has_perm("regions.view_region") and not coordinator.has_perm(
        "staff.add_user"
    )
    assert approver.has_perm("staff.add_user") and approver.has_perm("regions.change_serviceorg")
    assert inspector.has_perm("staff.view_user") and not inspector.has_perm("staff.change_user")
    assert province_admin.has_perm("core.add_calendarday") and not approver.has_perm(
        "core.add_calendarday"
    )
    inspector_perms = permissions_of([RoleCode.INSPECTOR])
    assert not any(
        name.split(".")[1].startswith(("add_", "change_", "delete_", "import_"))
        for name in inspector_perms
    )
    assert "ledger.view_person_identity" not in inspector_perms  # reads masked numbers only


def test_a_manager_adds_a_coordinator_to_a_community_station(login, approver):
    org = org_of("370102001003")
    response = login(approver).post(
        f"/staff/new/{org.pk}/",
        {
            "username": "xieguan-li",
            "name": "李协管",
            "roles": ["coordinator"],
            "employment": "special_post",
            "phone": "13800138000",
            "is_active": "on",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    member = User.objects.get(username="xieguan-li")
    assert response.status_code == 302 and response["Location"] == f"/staff/{member.pk}/"
    assert (
        member.org == org
        and member.role_codes == {"coordinator"}
        and member.check_password(NEW_PASSWORD)
    )
    assert member.jurisdiction_prefix == "370102001003"


def test_the_form_offers_only_the_roles_of_the_organisations_level(login, approver):
    form = login(approver).get(f"/staff/new/{org_of('370102001003').pk}/").context["form"]
    assert {role.code for role in form.fields["roles"].queryset} == {"coordinator", "inspector"}


def test_a_role_at_the_wrong_level_is_refused_by_the_service(approver):
    org = org_of("370102001003")
    with pytest.raises(ValidationError) as refusal:
        staff_create(
            actor=approver,
            username="wrong-level",
            name="错级",
            org=org,
            password=NEW_PASSWORD,
            roles=RoleRow.objects.filter(code="approver"),
        )
    assert refusal.value.message_dict["roles"] == ["县级审批员不能设在村级机构。"]


def test_a_role_at_the_wrong_level_is_refused_by_the_form(login, approver):
    org = org_of("370102001003")
    response = login(approver).post(
        f"/staff/new/{org.pk}/",
        {
            "username": "wrong-level",
            "name": "错级",
            "roles": ["approver"],
            "is_active": "on",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200 and "roles" in response.context["form"].errors
    assert not User.objects.filter(username="wrong-level").exists()


def test_a_weak_or_mismatched_password_is_refused(login, approver):
    org = org_of("370102001003")
    client = login(approver)
    for first, second in (("123", "123"), (NEW_PASSWORD, NEW_PASSWORD + "x")):
        response = client.post(
            f"/staff/new/{org.pk}/",
            {
                "username": "weak",
                "name": "弱密码",
                "roles": ["coordinator"],
                "password1": first,
                "password2": second,
            },
        )
        assert response.status_code == 200 and response.context["form"].errors
    assert not User.objects.filter(username="weak").exists()


def test_staff_cannot_be_added_to_an_organisation_of_another_county(login, approver):
    org = ServiceOrg.objects.within("370103002").first()  # 大观园街道, 市中区
    assert login(approver).get(f"/staff/new/{org.pk}/").status_code == 404


def test_a_manager_edits_roles_and_the_change_shows_in_the_history(login, approver, reviewer):
    client = login(approver)
    response = client.post(
        f"/staff/{reviewer.pk}/edit/",
        {
            "name": reviewer.name,
            "roles": ["reviewer", "inspector"],
            "employment": "part_time",
            "phone": reviewer.phone,
            "is_active": "on",
            "version": reviewer.version,
        },
    )
    assert response.status_code == 302
    reviewer = User.objects.get(pk=reviewer.pk)
    assert reviewer.role_codes == {"reviewer", "inspector"} and reviewer.employment == "part_time"
    page = client.get(f"/staff/{reviewer.pk}/").content.decode()
    assert "兼职" in page and "只读督查员" in page and "变更记录" in page


def test_nobody_edits_their_own_account_or_one_of_their_own_level(login, approver, finance):
    client = login(approver)
    own = {"name": approver.name, "roles": ["approver", "finance"], "is_active": "on", "version": 1}
    assert client.post(f"/staff/{approver.pk}/edit/", own).status_code == 404
    assert User.objects.get(pk=approver.pk).role_codes == {"approver"}
    # The county's finance reviewer works at the county's own level: the city manages them.
    assert client.get(f"/staff/{finance.pk}/edit/").status_code == 404
    assert client.post(f"/staff/{finance.pk}/password/", {}).status_code == 404
    finance_bureau = ServiceOrg.objects.get(region_id="370102000000", kind="county_finance")
    assert client.get(f"/staff/new/{finance_bureau.pk}/").status_code == 404
    assert client.get(f"/regions/orgs/{finance_bureau.pk}/edit/").status_code == 404


def test_the_city_manages_the_county_staff(login, city_officer, finance):
    page = login(city_officer).get(f"/staff/{finance.pk}/edit/")
    assert page.status_code == 200
    assert {r.code for r in page.context["form"].fields["roles"].queryset} >= {
        "finance",
        "approver",
    }


def test_a_superuser_account_is_never_managed_by_staff(login, province_admin, superuser):
    superuser.org = province_admin.org
    superuser.save()
    assert login(province_admin).post(f"/staff/{superuser.pk}/password/", {}).status_code == 404


def test_a_new_password_or_deactivation_ends_the_api_tokens(login, approver, coordinator):
    Token.objects.create(user=coordinator)
    client = login(approver)
    client.post(
        f"/staff/{coordinator.pk}/password/",
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert not Token.objects.filter(user=coordinator).exists()
    Token.objects.create(user=coordinator)
    coordinator.refresh_from_db()
    client.post(
        f"/staff/{coordinator.pk}/edit/",
        {
            "name": coordinator.name,
            "roles": ["coordinator"],
            "employment": "full_time",
            "version": coordinator.version,
        },
    )  # is_active left unticked
    assert not User.objects.get(pk=coordinator.pk).is_active
    assert not Token.objects.filter(user=coordinator).exists()


def test_a_manager_sets_a_new_password_for_a_staff_member(login, approver, coordinator):
    response = login(approver).post(
        f"/staff/{coordinator.pk}/password/",
        {
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password(NEW_PASSWORD)


def test_certificates_are_added_edited_and_deleted_with_history(login, approver, coordinator):
    client = login(approver)
    response = client.post(
        f"/staff/{coordinator.pk}/certificates/new/",
        {
            "name": "职业指导师",
            "number": "ZD-2026-001",
            "issuer": "济南市人社局",
            "issued_on": "2026-03-01",
            "expires_on": "2031-02-28",
        },
    )
    assert response.status_code == 302
    certificate = StaffCertificate.objects.get(number="ZD-2026-001")
    response = client.post(
        f"/staff/certificates/{certificate.pk}/edit/",
        {
            "name": "职业指导师（三级）",
            "number": "ZD-2026-001",
            "issuer": "济南市人社局",
            "issued_on": "2026-03-01",
            "expires_on": "2031-02-28",
            "version": certificate.version,
        },
    )
    assert response.status_code == 302
    page = client.get(f"/staff/{coordinator.pk}/").content.decode()
    assert "职业指导师（三级）" in page and "职业指导师" in page
    assert client.post(f"/staff/certificates/{certificate.pk}/delete/").status_code == 302
    assert not StaffCertificate.objects.filter(pk=certificate.pk).exists()
    assert "删除" in client.get(f"/staff/{coordinator.pk}/").content.decode()


def test_a_certificate_that_expires_before_it_was_issued_is_refused(login, approver, coordinator):
    response = login(approver).post(
        f"/staff/{coordinator.pk}/certificates/new/",
        {
            "name": "职业指导师",
            "number": "ZD-X",
            "issued_on": "2026-03-01",
            "expires_on": "2025-01-01",
        },
    )
    assert "有效期至不能早于发证日期" in response.content.decode()


def test_certificates_expiring_soon_are_on_the_managers_home_page(login, approver, coordinator):
    StaffCertificate.objects.create(
        user=coordinator,
        name="急救证",
        number="JJ-1",
        issued_on=datetime.date(2021, 1, 1),
        expires_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    assert "急救证" in login(approver).get("/").content.decode()


def test_a_read_only_inspector_cannot_change_anything(login, inspector, coordinator):
    client = login(inspector)
    assert client.get(f"/staff/{coordinator.pk}/").status_code == 200
    assert client.get(f"/staff/{coordinator.pk}/edit/").status_code == 403
    assert client.post(f"/staff/{coordinator.pk}/password/", {}).status_code == 403


def test_the_staff_list_searches_and_filters(login, approver):
    client = login(approver)
    page = client.get("/staff/?role=reviewer&region=370102001000")
    assert {m.username for m in page.context["object_list"]} == {
        "reviewer-370102001",
        "reviewer-370102001-2",
    }
    member = User.objects.get(username="coordinator-370102001002")
    page = client.get(f"/staff/?q={member.phone}")
    assert member in page.context["object_list"]


@pytest.mark.parametrize("region", ["370102001002", "370102000000"])
def test_the_staff_list_runs_a_fixed_number_of_queries(
    login, approver, django_assert_num_queries, region
):
    client = login(approver)
    client.get("/staff/")
    with django_assert_num_queries(11):
        page = client.get(f"/staff/?region={region}")
    assert len(page.context["object_list"]) == (1 if region.endswith("002") else 50)


def test_an_account_without_organisation_can_be_edited_by_a_superuser(login, superuser):
    orphan = User.objects.create_user("orphan", password=NEW_PASSWORD, name="无机构")
    client = login(superuser)
    assert client.get(f"/staff/{orphan.pk}/edit/").status_code == 200
    response = client.post(
        f"/staff/{orphan.pk}/edit/",
        {"name": "改名", "employment": "full_time", "version": orphan.version},
    )
    assert response.status_code == 302 and User.objects.get(pk=orphan.pk).name == "改名"


@pytest.mark.parametrize("value", ["99999999999999999999999", "abc", "-1"])
def test_a_bad_organisation_filter_is_a_form_error_not_a_crash(login, approver, value):
    client = login(approver)
    page = client.get(f"/staff/?org={value}")
    assert page.status_code == 200 and page.context["filter"].errors["org"]
    assert client.get(f"/api/v1/staff/?org={value}").status_code == 400


def test_the_organisation_filter_only_offers_visible_organisations(login, approver):
    other = ServiceOrg.objects.within("370103").first()
    page = login(approver).get(f"/staff/?org={other.pk}")
    assert page.context["filter"].errors["org"] and list(page.context["object_list"]) == []
