"""The demo data of public-welfare posts (seeded once per test session at the tiny scale)."""

import pytest

from jiuye.assistance.models import Identification
from jiuye.ledger.choices import LabourStatus
from jiuye.posts.choices import PostKind
from jiuye.posts.models import Placement, Post
from jiuye.regions.codes import Level
from jiuye.regions.models import Region
from jiuye.subsidies.models import Claim

pytestmark = pytest.mark.django_db


def test_every_township_of_the_demo_counties_has_posts_with_assistance_targets_placed():
    townships = set(
        Region.objects.filter(level=Level.TOWNSHIP, code__regex=r"^37010[23]").values_list(
            "code", flat=True
        )
    )
    with_posts = {code[:9] + "000" for code in Post.objects.values_list("region_id", flat=True)}
    assert townships and townships <= with_posts
    placements = Placement.objects.filter(post__kind=PostKind.ORDINARY).select_related(
        "person", "post"
    )
    assert placements.count() >= 10  # as many as there are identified persons out of work
    identified = set(Identification.objects.identified().values_list("person_id", flat=True))
    for placement in placements:
        assert placement.person_id in identified
        assert placement.started_on >= placement.post.starts_on
        record = placement.person.status_records.get(since=placement.started_on)
        assert record.status == LabourStatus.PUBLIC_WELFARE_POST
        assert record.employer == placement.post.unit_name
        if not placement.is_open:
            assert record.until == placement.ended_on
            assert placement.person.status != LabourStatus.PUBLIC_WELFARE_POST
    for post in Post.objects.with_filled():
        assert post.filled <= post.posts
    assert Placement.objects.filter(ended_on__isnull=False).exists()
    assert Claim.objects.filter(kind="post_subsidy", count__gt=0).exists()


def test_some_demo_coordinators_hold_their_communitys_special_post():
    special = Placement.objects.filter(post__kind=PostKind.SPECIAL).select_related("person", "post")
    assert special.count() == 4
    for placement in special:
        account = placement.person.staff_account
        assert "coordinator" in account.role_codes and account.org.region_id == placement.region_id
        assert account.name == placement.person.name and placement.contract_months == 24
    assert not Placement.objects.filter(contract_months__isnull=True).exists()
