"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

import datetime

from django.utils import timezone

from jiuye.assistance.models import Category, Identification
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.services import person_create
from jiuye.posts import services
from jiuye.posts.models import Placement, Post


def build(samples):
    """A post of village A developed by its coordinator, with an assistance target of its own
    placed on it this month (not ``samples.person``, whose zero-employment household the
    other samples need as it is)."""
    today = timezone.localdate()
    body = "37010219850611" + "985"
    person, _warnings = person_create(
        actor=samples.user, id_number=body + check_character(body), name="甲村岗位样本员",
        region=samples.region, status=LabourStatus.UNEMPLOYED, status_since=datetime.date(2026, 1, 5),
    )  # fmt: skip
    case = Identification.objects.create(
        person=person, region_id=person.region_id, state="identified", origin="application",
        applied_on=today,
    )  # fmt: skip
    case.categories.add(Category.objects.get(province="37", code="long_term"))
    post = services.post_create(
        actor=samples.user, region=samples.region, unit_name="甲村样本用岗单位", title="甲村样本公益岗",
        duties="社区保洁", posts=2, starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=700),
    )  # fmt: skip
    placement = services.placement_create(
        actor=samples.user, post=post, person=person, started_on=today, contract_months=12
    )
    return {Post: (post, post.title), Placement: (placement, person.name)}, {"post": post.pk}
