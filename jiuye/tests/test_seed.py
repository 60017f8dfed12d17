import io

import pytest
from django.core.management import call_command

from jiuye.core import seeding
from jiuye.core.seeding import SCALES, SeedContext
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User
from jiuye.staff.seeding import person_name

pytestmark = pytest.mark.django_db
DEMO_ACCOUNTS = {
    "coordinator-370102001002": ("coordinator", "370102001002"),
    "reviewer-370102001": ("reviewer", "370102001000"),
    "approver-370102": ("approver", "370102000000"),
    "finance-370102": ("finance", "370102000000"),
    "city-3701": ("city", "370100000000"),
    "province-37": ("province", "370000000000"),
}


def counts():
    return Region.objects.count(), ServiceOrg.objects.count(), User.objects.count()


def test_the_demo_accounts_exist_with_their_roles_and_regions():
    for username, (role, region) in DEMO_ACCOUNTS.items():
        user = User.objects.select_related("org").get(username=username)
        assert user.role_codes == {role} and user.org.region_id == region
        assert user.check_password("jiuye-demo")


@pytest.mark.parametrize("prefix", SCALES["tiny"].prefixes)
def test_every_region_of_the_tiny_scale_has_an_organisation_with_staff(prefix):
    regions = set(Region.objects.within(prefix).values_list("code", flat=True))
    with_org = set(ServiceOrg.objects.within(prefix).values_list("region_id", flat=True))
    staffed = set(User.objects.within(prefix).values_list("org__region_id", flat=True))
    assert regions == with_org == staffed
    assert len(regions) > 150


def test_seeding_again_changes_nothing():
    before = counts()
    out = io.StringIO()
    call_command("seed", scale="tiny", stdout=out)
    assert counts() == before
    assert "Created 0 staff accounts" in out.getvalue()


def test_the_same_seed_gives_the_same_people():
    context = SeedContext(scale=SCALES["tiny"], seed=1, log=print)
    for username in DEMO_ACCOUNTS:
        assert User.objects.get(username=username).name == person_name(
            context.rng("staff", username)
        )


def test_the_small_scale_covers_the_whole_city():
    seeding.run(scale="small", log=lambda text: None, only=["regions", "staff"])
    regions = Region.objects.within("3701").count()
    assert ServiceOrg.objects.within("3701").values("region_id").distinct().count() == regions
    assert User.objects.within("3701").values("org__region_id").distinct().count() == regions
