"""Placing assistance targets on public-welfare posts: who may be placed, how many, and the
labour status in the ledger."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from jiuye.conftest import COUNTY, TOWNSHIP
from jiuye.ledger.choices import LabourStatus
from jiuye.posts import services
from jiuye.posts.models import Placement
from jiuye.posts.tests.helpers import identified, post, resident

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 10, 8)


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


def place(actor, post_, person, day=DAY):
    return services.placement_create(actor=actor, post=post_, person=person, started_on=day,
                                     contract_months=6)  # fmt: skip


def test_only_assistance_targets_can_be_placed(coordinator):
    ordinary = resident(coordinator, "非援助对象")
    with pytest.raises(ValidationError) as refused:
        place(coordinator, post(coordinator), ordinary)
    assert "公益性岗位只安置就业援助对象" in refused.value.message_dict["person"][0]
    assert not Placement.objects.filter(person=ordinary).exists()


def test_placing_records_the_public_welfare_post_in_the_ledger(coordinator):
    person = identified(coordinator, "上岗甲")
    placement = place(coordinator, post(coordinator), person)
    person.refresh_from_db()
    assert placement.region_id == placement.post.region_id
    assert person.status == LabourStatus.PUBLIC_WELFARE_POST and person.status_since == DAY
    assert person.employer == "解放桥社区居委会" and person.occupation == "社区保洁员"


def test_a_post_is_not_over_filled(coordinator):
    small = post(coordinator, posts=2)
    place(coordinator, small, identified(coordinator, "满岗甲"))
    place(coordinator, small, identified(coordinator, "满岗乙"))
    with pytest.raises(ValidationError) as refused:
        place(coordinator, small, identified(coordinator, "满岗丙"))
    assert "该岗位2个岗位已满" in refused.value.message_dict["post"][0]
    with pytest.raises(ValidationError, match="现有2人在岗"):
        services.post_update(actor=coordinator, post=small, expected_version=small.version, posts=1)


def test_a_person_has_one_open_placement_and_the_database_enforces_it(coordinator):
    person = identified(coordinator, "一岗甲")
    first = place(coordinator, post(coordinator), person)
    other = post(coordinator, title="绿化养护员")
    with pytest.raises(ValidationError, match="已在公益性岗位上岗"):
        place(coordinator, other, person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(
            person=person, post=other, region_id=other.region_id, started_on=DAY
        )
    assert first.is_open


@pytest.mark.parametrize(
    ("reason", "employer", "status"),
    [("contract_ended", "", LabourStatus.UNEMPLOYED), ("other_work", "泉城物业公司", LabourStatus.EMPLOYED_UNIT),
     ("retired", "", LabourStatus.RETIRED), ("dismissed", "", LabourStatus.UNEMPLOYED)],
)  # fmt: skip
def test_ending_a_placement_puts_the_status_that_follows_in_the_ledger(
    coordinator, reason, employer, status
):
    person = identified(coordinator, "离岗甲")
    placement = place(coordinator, post(coordinator), person)
    ended = datetime.date(2026, 11, 2)
    services.placement_end(actor=coordinator, placement=placement, ended_on=ended, reason=reason,
                           employer=employer)  # fmt: skip
    person.refresh_from_db()
    placement.refresh_from_db()
    assert placement.ended_on == ended and placement.leave_reason == reason
    assert person.status == status and person.status_since == ended
    assert person.employer == employer


def test_ending_checks_the_dates_the_reason_and_the_new_employer(coordinator):
    placement = place(coordinator, post(coordinator), identified(coordinator, "离岗乙"))
    with pytest.raises(ValidationError, match="离岗日期应晚于上岗日期"):
        services.placement_end(
            actor=coordinator, placement=placement, ended_on=DAY, reason="resigned"
        )
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.placement_end(actor=coordinator, placement=placement,
                               ended_on=datetime.date(2026, 12, 1), reason="resigned")  # fmt: skip
    with pytest.raises(ValidationError, match="请填写新的就业单位"):
        services.placement_end(actor=coordinator, placement=placement,
                               ended_on=datetime.date(2026, 11, 1), reason="other_work")  # fmt: skip
    services.placement_end(actor=coordinator, placement=placement,
                           ended_on=datetime.date(2026, 11, 1), reason="resigned")  # fmt: skip
    with pytest.raises(ValidationError, match="已于2026-11-01离岗"):
        services.placement_end(actor=coordinator, placement=placement,
                               ended_on=datetime.date(2026, 11, 2), reason="resigned")  # fmt: skip


def test_a_placement_starts_within_the_post_period_and_after_the_last_leaving(coordinator):
    person = identified(coordinator, "期限甲")
    short = post(
        coordinator, starts_on=datetime.date(2026, 6, 1), ends_on=datetime.date(2026, 12, 31)
    )
    with pytest.raises(ValidationError, match="应在岗位期限"):
        place(coordinator, short, person, datetime.date(2026, 5, 20))
    late = post(
        coordinator, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 11, 10)
    )
    with pytest.raises(ValidationError, match="没有可计发补贴的整月"):
        place(coordinator, late, person, datetime.date(2026, 10, 20))
    first = place(coordinator, short, person, datetime.date(2026, 6, 1))
    services.placement_end(actor=coordinator, placement=first, ended_on=datetime.date(2026, 9, 1),
                           reason="resigned")  # fmt: skip
    with pytest.raises(ValidationError, match="不能早于该人员上次离岗日期"):
        place(coordinator, short, person, datetime.date(2026, 8, 1))


def test_posts_are_developed_inside_the_jurisdiction_by_those_allowed(
    coordinator, sibling_coordinator, reviewer, approver, superuser
):
    with pytest.raises(PermissionDenied):
        post(approver)  # the county approves the claims; townships and communities develop posts
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):
        post(sibling_coordinator)
    with pytest.raises(ValidationError, match="应选到街道（乡镇）或社区（村）"):
        post(superuser, region_code=COUNTY)
    township = post(reviewer, region_code=TOWNSHIP)
    assert township.region_id == TOWNSHIP
    with pytest.raises(PermissionDenied):
        services.post_update(actor=sibling_coordinator, post=township, expected_version=1, posts=5)
    with pytest.raises(PermissionDenied):  # the township's post is above the community
        services.post_update(actor=coordinator, post=township, expected_version=1, posts=5)


def test_edits_are_refused_when_someone_saved_meanwhile(coordinator, reviewer):
    mine = post(coordinator)
    services.post_update(actor=reviewer, post=mine, expected_version=mine.version, posts=4)
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.post_update(actor=coordinator, post=mine, expected_version=mine.version, posts=5)
