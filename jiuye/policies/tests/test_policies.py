"""Who reads and keeps which policies, and what a policy must be."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jiuye.core.models import PolicyParameter
from jiuye.core.services import parameter_set
from jiuye.policies.models import Policy
from jiuye.policies.services import policy_update
from jiuye.policies.tests.helpers import COUNTY, JINAN, QINGDAO, SIBLING_COUNTY, make
from jiuye.regions.models import Region
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def sibling_county_policy(db):
    return make(User.objects.get(username="approver-370103"), region=SIBLING_COUNTY,
                title="市中区样本政策")  # fmt: skip


def test_a_countys_policy_applies_to_its_subtree_only(approver, sibling_approver, coordinator,
                                                      city_officer, login, sibling_county_policy):  # fmt: skip
    own = make(approver, region=COUNTY, title="历下区样本政策")
    for user in (approver, coordinator, city_officer):
        assert Policy.objects.visible_to(user).filter(pk=own.pk).exists(), user
    assert not Policy.objects.visible_to(sibling_approver).filter(pk=own.pk).exists()
    assert login(sibling_approver).get(reverse("policies:detail", args=[own.pk])).status_code == 404
    assert login(coordinator).get(reverse("policies:detail", args=[own.pk])).status_code == 200
    assert (
        login(coordinator)
        .get(reverse("policies:detail", args=[sibling_county_policy.pk]))
        .status_code
        == 404
    )


def test_a_provincial_policy_for_chosen_cities_reaches_them_only(province_admin, approver,
                                                                 coordinator, city_officer):  # fmt: skip
    jinan_pilot = make(province_admin, title="济南试点", areas=[JINAN])
    qingdao_pilot = make(province_admin, title="青岛试点", areas=[QINGDAO])
    everywhere = make(province_admin, title="全省政策")
    for user in (approver, coordinator, city_officer):
        seen = set(Policy.objects.visible_to(user).filter(
            pk__in=[jinan_pilot.pk, qingdao_pilot.pk, everywhere.pk]))  # fmt: skip
        assert seen == {jinan_pilot, everywhere}, user
    assert set(Policy.objects.applies_within("3702").filter(title__endswith="试点")) >= {
        qingdao_pilot
    }
    assert jinan_pilot not in Policy.objects.applies_within("3702")


def test_a_city_reads_a_policy_of_the_province_for_one_of_its_counties(province_admin, city_officer,
                                                                       sibling_approver):  # fmt: skip
    for_lixia = make(province_admin, title="历下试点", areas=[COUNTY])
    assert Policy.objects.visible_to(city_officer).filter(pk=for_lixia.pk).exists()
    assert not Policy.objects.visible_to(sibling_approver).filter(pk=for_lixia.pk).exists()


def test_a_policy_is_kept_by_its_region_and_those_above(province_admin, approver, city_officer,
                                                        login):  # fmt: skip
    provincial = make(province_admin)
    own = make(approver, region=COUNTY)
    assert login(approver).get(reverse("policies:edit", args=[provincial.pk])).status_code == 404
    assert login(approver).get(reverse("policies:edit", args=[own.pk])).status_code == 200
    policy_update(actor=city_officer, policy=own, expected_version=own.version, title="市级更正")
    with pytest.raises(PermissionDenied):
        policy_update(actor=approver, policy=provincial, expected_version=provincial.version,
                      title="越权")  # fmt: skip


def test_coordinators_read_policies_but_do_not_keep_them(coordinator, login):
    client = login(coordinator)
    assert client.get(reverse("policies:list")).status_code == 200
    assert client.get(reverse("policies:add")).status_code == 403


@pytest.mark.parametrize(
    ("region", "fields", "field"),
    [
        (COUNTY, {"level": "province"}, "level"),
        ("370102001000", {"level": "county"}, "region"),
        (COUNTY, {"areas": ["370102001000"]}, "areas"),
        (JINAN, {"areas": [QINGDAO]}, "areas"),
        (COUNTY, {"status": "repealed"}, "effective_until"),
        (COUNTY, {"effective_until": datetime.date(2020, 1, 1)}, "effective_until"),
    ],
)
def test_it_refuses_a_policy_that_does_not_hold_together(province_admin, region, fields, field):
    fields = dict(fields)
    areas = fields.pop("areas", ())
    with pytest.raises(ValidationError) as refused:
        make(province_admin, region=region, areas=areas, **fields)
    assert field in refused.value.message_dict


def test_a_repeal_keeps_the_policy_and_its_history(approver, login):
    policy = make(approver, region=COUNTY, title="将废止的政策")
    client = login(approver)
    form = {
        "version": policy.version, "level": "county", "title": policy.title,
        "issuer": policy.issuer, "number": "", "issued_on": "2025-01-10",
        "effective_from": "2025-02-01", "effective_until": "", "status": "repealed",
        "text": policy.text,
    }  # fmt: skip
    refused = client.post(reverse("policies:edit", args=[policy.pk]), form)
    assert (
        refused.status_code == 200
        and "已修订或废止的政策须填写停止执行日期" in refused.content.decode()
    )
    form["effective_until"] = "2026-06-30"
    assert client.post(reverse("policies:edit", args=[policy.pk]), form).status_code == 302
    policy.refresh_from_db()
    assert policy.status == "repealed" and not policy.in_force_on(datetime.date(2026, 7, 1))
    page = client.get(reverse("policies:detail", args=[policy.pk])).content.decode()
    assert "已废止" in page and "现行有效" in page  # the change, before and after


def test_the_county_enters_a_policy_on_its_page(approver, login):
    client = login(approver)
    assert client.get(reverse("policies:add")).status_code == 200
    answer = client.post(reverse("policies:add"), {
        "region": COUNTY, "level": "county", "title": "历下区灵活就业社会保险补贴经办规程",
        "issuer": "历下区人力资源和社会保障局", "number": "历人社发〔2026〕3号",
        "issued_on": "2026-03-01", "effective_from": "2026-03-01", "status": "valid",
        "text": "灵活就业人员社会保险补贴按季度申报。",
    })  # fmt: skip
    policy = Policy.objects.get(title="历下区灵活就业社会保险补贴经办规程")
    assert answer["Location"] == reverse("policies:detail", args=[policy.pk])
    assert policy in Policy.objects.search("社会保险补贴")


def test_a_parameter_names_the_policy_that_sets_it(province_admin, approver, login,
                                                   sibling_county_policy):  # fmt: skip
    policy = make(province_admin, title="设定参数的政策")
    province = Region.objects.get(code="370000000000")
    parameter_set(actor=province_admin, key="posts.post_subsidy", region=province, value="2300",
                  effective_from=datetime.date(2031, 1, 1), policy=policy)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        parameter_set(actor=province_admin, key="posts.post_subsidy", region=province,
                      value="2300", effective_from=datetime.date(2031, 2, 1),
                      policy=sibling_county_policy)  # fmt: skip
    assert "policy" in refused.value.message_dict
    detail = login(approver).get(reverse("policies:detail", args=[policy.pk])).content.decode()
    assert "公益性岗位岗位补贴标准" in detail and "2300" in detail
    page = login(province_admin).get(reverse("core:parameters")).content.decode()
    assert reverse("policies:detail", args=[policy.pk]) in page
    client = login(province_admin)
    answer = client.post(reverse("core:parameters"), {
        "key": "posts.insurance_subsidy", "region": "370000000000", "value": "1100",
        "effective_from": "2031-01-01", "source": "", "policy": policy.pk,
    })  # fmt: skip
    assert answer.status_code == 302
    assert (
        PolicyParameter.objects.get(
            key="posts.insurance_subsidy", effective_from="2031-01-01"
        ).policy
        == policy
    )


def test_the_list_reads_a_fixed_number_of_queries(approver, login, django_assert_max_num_queries,
                                                  province_admin):  # fmt: skip
    for index in range(5):
        make(province_admin, title=f"查询数政策{index}", text="公益性岗位补贴标准", areas=[JINAN])
    client = login(approver)
    client.get(reverse("policies:list"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("policies:list"), {"q": "岗位补贴"}).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("policies:export"), {"q": "岗位补贴"}).status_code == 200


def test_the_demo_has_policies_of_every_level_and_standing():
    levels = set(Policy.objects.values_list("level", flat=True))
    assert levels == {"national", "province", "city", "county"}
    assert set(Policy.objects.values_list("status", flat=True)) >= {"valid", "amended"}
    assert PolicyParameter.objects.filter(policy__isnull=False).count() >= 2
    assert Policy.objects.search("公益性岗位补贴标准").exists()
