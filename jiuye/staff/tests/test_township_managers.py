"""A street or township manages the coordinators of its communities and villages (guideline
六): their accounts, posts, duties and certificates, and the link to their own ledger entry;
nothing of another township, of its own level or above, and no role above coordinator."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiuye.conftest import VILLAGE_A, VILLAGE_B
from jiuye.posts.tests.helpers import resident
from jiuye.regions.models import ServiceOrg
from jiuye.staff import services
from jiuye.staff.models import Role, StaffCertificate, User

pytestmark = pytest.mark.django_db
PASSWORD = "Xie-Guan-2026!"


def org_of(code):
    return ServiceOrg.objects.get(region_id=code)


def new_account(**fields):
    return {"username": "xieguan-wang", "name": "王协管", "roles": ["coordinator"], "employment": "special_post",
            "is_active": "on", "password1": PASSWORD, "password2": PASSWORD, **fields}  # fmt: skip


@pytest.fixture
def other_township_coordinator(db):
    """The coordinator of a community of another street of the same county."""
    return (
        User.objects.filter(roles__code="coordinator", org__region_id__gt="370102002000",
                            org__region_id__lt="370102002999").order_by("pk").first()
    )  # fmt: skip


def test_the_township_adds_a_coordinator_to_its_community_with_history(login, reviewer):
    client = login(reviewer)
    form = client.get(f"/staff/new/{org_of(VILLAGE_B).pk}/").context["form"]
    assert {role.code for role in form.fields["roles"].queryset} == {"coordinator"}
    response = client.post(f"/staff/new/{org_of(VILLAGE_B).pk}/", new_account())
    member = User.objects.get(username="xieguan-wang")
    assert response.status_code == 302 and member.role_codes == {"coordinator"}
    assert {row.history_user for row in member.history.all()} == {reviewer}


def test_the_township_cannot_grant_a_role_above_coordinator(login, reviewer):
    client = login(reviewer)
    page = client.post(f"/staff/new/{org_of(VILLAGE_B).pk}/", new_account(roles=["inspector"]))
    assert page.status_code == 200 and not User.objects.filter(username="xieguan-wang").exists()
    with pytest.raises(ValidationError, match="您不能授予只读督查员角色"):
        services.staff_create(actor=reviewer, username="xieguan-zhao", name="赵协管",
                              org=org_of(VILLAGE_B), roles=Role.objects.filter(code__in=["coordinator", "inspector"]),
                              password=PASSWORD)  # fmt: skip
    coordinator = User.objects.get(username=f"coordinator-{VILLAGE_A}")
    with pytest.raises(ValidationError, match="您不能授予县级审批员角色"):
        services.staff_update(actor=reviewer, user=coordinator, expected_version=coordinator.version,
                              roles=Role.objects.filter(code="approver"))  # fmt: skip


def test_the_township_edits_deactivates_and_certifies_its_coordinator(login, reviewer, coordinator):
    client = login(reviewer)
    response = client.post(f"/staff/{coordinator.pk}/edit/", {
        "name": coordinator.name, "roles": ["coordinator"], "employment": "part_time",
        "phone": coordinator.phone, "version": coordinator.version,
    })  # fmt: skip
    assert response.status_code == 302
    coordinator = User.objects.get(pk=coordinator.pk)
    assert not coordinator.is_active and coordinator.employment == "part_time"
    assert coordinator.history.first().history_user == reviewer
    response = client.post(f"/staff/{coordinator.pk}/certificates/new/", {
        "name": "劳动保障协理员职业资格证书", "number": "XL2026001", "issued_on": "2026-01-05",
    })  # fmt: skip
    assert response.status_code == 302
    assert StaffCertificate.objects.get(number="XL2026001").history.get().history_user == reviewer


def test_the_township_manages_nothing_of_another_township_nor_of_its_own_level_or_above(
    login, reviewer, other_township_coordinator, approver
):
    client = login(reviewer)
    own_level = User.objects.get(username="reviewer-370102001-2")
    for member in (other_township_coordinator, own_level, approver):
        assert client.get(f"/staff/{member.pk}/edit/").status_code == 404
        assert client.post(f"/staff/{member.pk}/password/", {}).status_code == 404
        assert client.get(f"/staff/{member.pk}/certificates/new/").status_code == 404
    other_org = other_township_coordinator.org
    assert client.get(f"/staff/new/{other_org.pk}/").status_code == 404
    assert client.get(f"/staff/new/{reviewer.org_id}/").status_code == 404  # its own centre
    certificate = other_township_coordinator.certificates.first()
    assert client.get(f"/staff/certificates/{certificate.pk}/edit/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.staff_update(actor=reviewer, user=other_township_coordinator,
                              expected_version=other_township_coordinator.version, roles=[], employment="part_time")  # fmt: skip


def test_the_township_does_not_manage_an_inspector_the_county_placed_in_a_village(
    login, reviewer, approver
):
    inspector = services.staff_create(actor=approver, username="ducha-cun", name="村督查",
                                      org=org_of(VILLAGE_A), roles=Role.objects.filter(code="inspector"),
                                      password=PASSWORD)  # fmt: skip
    assert login(reviewer).get(f"/staff/{inspector.pk}/edit/").status_code == 404
    assert not User.objects.managed_by(reviewer).filter(pk=inspector.pk).exists()
    assert User.objects.managed_by(approver).filter(pk=inspector.pk).exists()


def test_the_account_is_linked_to_the_coordinators_own_ledger_entry(login, reviewer, coordinator):
    person = resident(reviewer, coordinator.name)
    client = login(reviewer)

    def edit(**fields):
        data = {"name": coordinator.name, "roles": ["coordinator"], "is_active": "on", "employment": "full_time",
                "version": User.objects.get(pk=coordinator.pk).version, **fields}  # fmt: skip
        return client.post(f"/staff/{coordinator.pk}/edit/", data)

    assert edit(id_number=person.id_number).status_code == 302
    assert User.objects.get(pk=coordinator.pk).person == person
    assert edit(employment="part_time").status_code == 302  # left blank: the link stays
    assert User.objects.get(pk=coordinator.pk).person == person
    page = edit(name="改名了")  # the ledger's name no longer agrees
    assert "与账号姓名“改名了”不一致" in page.content.decode()
    stranger = resident(reviewer, "别人")
    page = edit(id_number=stranger.id_number)
    assert "台账中该公民身份号码的人员姓名为“别人”" in page.content.decode()
    assert edit(unlink_person="on").status_code == 302
    assert User.objects.get(pk=coordinator.pk).person is None


def test_a_ledger_entry_is_linked_to_one_account_and_only_inside_the_jurisdiction(
    reviewer, coordinator, sibling_coordinator, other_township_coordinator
):
    person = resident(reviewer, "同名协管")
    for account in (coordinator, sibling_coordinator):
        services.staff_update(actor=reviewer, user=account, expected_version=account.version,
                              roles=list(account.roles.all()), name="同名协管")  # fmt: skip
    coordinator.refresh_from_db()
    sibling_coordinator.refresh_from_db()
    services.staff_update(actor=reviewer, user=coordinator, expected_version=coordinator.version,
                          roles=list(coordinator.roles.all()), person=person)  # fmt: skip
    with pytest.raises(ValidationError, match="该人员已关联账号"):
        services.staff_update(actor=reviewer, user=sibling_coordinator,
                              expected_version=sibling_coordinator.version,
                              roles=list(sibling_coordinator.roles.all()), person=person)  # fmt: skip
    far = resident(
        other_township_coordinator,
        "同名协管",  # another street's resident
        region_code=other_township_coordinator.org.region_id,
    )
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        services.staff_update(actor=reviewer, user=sibling_coordinator,
                              expected_version=sibling_coordinator.version,
                              roles=list(sibling_coordinator.roles.all()), person=far)  # fmt: skip
