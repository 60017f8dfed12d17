import datetime

import pytest
from django.core.exceptions import ValidationError

from jiuye.core import parameters
from jiuye.core.models import PolicyParameter

pytestmark = pytest.mark.django_db
D = datetime.date
KEY = "ledger.retirement_age_male"


def row(region, value, since, source="测试"):
    return PolicyParameter.objects.create(
        key=KEY, region_id=region, value=value, effective_from=since, source=source
    )


def test_without_rows_the_registered_default_applies():
    assert parameters.value(KEY, "370102001002", D(2026, 1, 1)) == 60


def test_a_province_row_applies_from_its_date():
    row("370000000000", "61", D(2026, 1, 1))
    assert parameters.value(KEY, "370102001002", D(2025, 12, 31)) == 60
    assert parameters.value(KEY, "370102001002", D(2026, 1, 1)) == 61


def test_a_county_row_overrides_the_city_and_the_province_for_its_subtree_only():
    row("370000000000", "61", D(2025, 1, 1))
    row("370100000000", "62", D(2025, 1, 1))
    row("370102000000", "63", D(2025, 6, 1))
    row(
        "370000000000", "64", D(2026, 1, 1)
    )  # a later province value does not beat the county's own
    assert parameters.value(KEY, "370102001002", D(2026, 2, 1)) == 63
    assert parameters.value(KEY, "370103002001", D(2026, 2, 1)) == 62
    assert parameters.value(KEY, "370202000000", D(2026, 2, 1)) == 64
    assert parameters.value(KEY, "370102001002", D(2025, 3, 1)) == 62  # before the county's row


def test_a_value_that_is_not_of_the_parameters_type_is_refused():
    with pytest.raises(ValidationError):
        parameters.PARAMETERS[KEY].parse("六十")


def test_the_province_administrator_sets_a_county_value_on_the_page(login, province_admin):
    response = login(province_admin).post(
        "/system/parameters/",
        {
            "key": KEY,
            "region": "370102000000",
            "value": "62",
            "effective_from": "2026-01-01",
            "source": "测试文件",
        },
    )
    assert response.status_code == 302
    assert parameters.value(KEY, "370102001002", D(2026, 6, 1)) == 62


def test_a_wrong_value_is_refused_at_the_field(login, province_admin):
    response = login(province_admin).post(
        "/system/parameters/",
        {
            "key": KEY,
            "region": "370000000000",
            "value": "六十二",
            "effective_from": "2026-01-01",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["value"]
    assert not PolicyParameter.objects.filter(key=KEY).exists()


def test_other_roles_read_the_parameters_but_cannot_set_them(login, approver):
    client = login(approver)
    assert "男性法定退休年龄" in client.get("/system/parameters/").content.decode()
    response = client.post(
        "/system/parameters/",
        {"key": KEY, "region": "370102000000", "value": "62", "effective_from": "2026-01-01"},
    )
    assert response.status_code == 403 and not PolicyParameter.objects.filter(key=KEY).exists()
