"""The programmes report's figures of public-welfare posts."""

import datetime

import pytest
import time_machine

from jiuye.core.indicators import Query
from jiuye.core.registry import registry
from jiuye.posts import services
from jiuye.posts.indicators import INDICATORS, figures
from jiuye.posts.tests.helpers import identified, post

pytestmark = pytest.mark.django_db


def october(user, prefix):
    """October 2026 under ``prefix``, grouped by the whole region code."""
    return Query(user, prefix, 12, datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))


def test_the_report_counts_posts_developed_filled_and_placed_by_sub_region(
    coordinator, approver, sibling_approver
):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        before = figures(october(approver, "370102001002")).get("370102001002", {})
        four, two = post(coordinator, posts=4), post(coordinator, posts=2)
        post(coordinator, posts=9, starts_on=datetime.date(2026, 11, 1))  # not yet in October
        placed = [identified(coordinator, f"统计{n}") for n in range(3)]
        services.placement_create(contract_months=12, actor=coordinator, post=four, person=placed[0],
                                  started_on=datetime.date(2026, 9, 1))  # fmt: skip
        services.placement_create(contract_months=12, actor=coordinator, post=four, person=placed[1],
                                  started_on=datetime.date(2026, 10, 5))  # fmt: skip
        left = services.placement_create(contract_months=12, actor=coordinator, post=two, person=placed[2],
                                         started_on=datetime.date(2026, 10, 6))  # fmt: skip
        services.placement_end(actor=coordinator, placement=left, ended_on=datetime.date(2026, 10, 20),
                               reason="resigned")  # fmt: skip
    assert all(registry["indicators"][each.code] is each for each in INDICATORS)
    found = figures(october(approver, "370102001002"))["370102001002"]
    added = {code: found.get(code, 0) - before.get(code, 0) for code in found}
    assert added == {"posts_developed": 6, "posts_filled": 1 + 1, "posts_placed": 2}
    assert figures(october(sibling_approver, "370102")) == {}
