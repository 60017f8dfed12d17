"""Defects found in review: the extension to retirement at exactly the parameter's years, and
the number of queries of deciding many months (the registration's page, the API) or many
persons (the claim)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jiuye.conftest import SIBLING_COUNTY
from jiuye.core import workflow
from jiuye.flexible import services
from jiuye.flexible.models import FlexibleJob
from jiuye.flexible.subsidy import KIND, months_of
from jiuye.flexible.tests.helpers import identify, register
from jiuye.posts import services as posts
from jiuye.posts.tests.helpers import post, resident
from jiuye.subsidies.services import claim_prepare

pytestmark = pytest.mark.django_db
SINCE = datetime.date(2023, 1, 2)


def test_exactly_the_years_before_retirement_is_not_within_them(coordinator):
    # a man who turns 60 on 2031-11-01: his first subsidised month 2026-11 is exactly 5 years before
    exact = resident(coordinator, "整五年甲", born="19711101", sex=1, status_since=SINCE)
    within = resident(coordinator, "不足五年乙", born="19711031", sex=1, status_since=SINCE)
    for person in (exact, within):
        identify(person, datetime.date(2025, 1, 1))
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        rows = {
            person: months_of(
                register(coordinator, person, started_on=datetime.date(2026, 11, 2)),
                timezone.localdate(),
            )[0].decision.words
            for person in (exact, within)
        }
    assert "不足参数“灵活就业社会保险补贴延长至退休的年限”5年" not in rows[exact]
    assert "不超过参数“灵活就业社会保险补贴期限”36个月" in rows[exact]
    assert (
        "不足参数“灵活就业社会保险补贴延长至退休的年限”5年，补贴期限延长至退休（2031-10）"
        in rows[within]
    )


def _registered(actor, name, started_on=datetime.date(2024, 1, 2)):
    person = resident(actor, name, status_since=SINCE)
    identify(person, datetime.date(2023, 1, 1))
    registered_on = datetime.datetime.combine(started_on, datetime.time(10)) + datetime.timedelta(3)
    with time_machine.travel(registered_on, tick=False):
        return register(actor, person, started_on=started_on)


def test_the_months_of_a_registration_take_the_same_number_of_queries_for_a_few_or_many(
    coordinator, reviewer, login, django_assert_num_queries
):
    lately = timezone.localdate() - datetime.timedelta(days=100)
    recent = _registered(coordinator, "近期灵活甲", started_on=lately)  # some 4 months to decide
    long = _registered(coordinator, "长期灵活甲")  # some 35 months
    browser = login(reviewer)
    browser.get(reverse("flexible:detail", args=[recent.pk]))  # the first request of the session
    decided = []
    for job, started in ((recent, f"{lately:%Y-%m}"), (long, "2024-01")):
        with django_assert_num_queries(19):  # the identifications' categories: one query
            page = browser.get(reverse("flexible:detail", args=[job.pk]))
        assert page.status_code == 200 and started in page.content.decode()
        with django_assert_num_queries(14):
            months = browser.get(f"/api/v1/flexible-jobs/{job.pk}/months/")
        assert months.status_code == 200
        decided.append(len(months.json()))
    assert decided[0] <= 5 and decided[1] >= 34


def test_the_claim_takes_the_same_number_of_queries_for_one_person_or_many(
    coordinator, django_assert_num_queries
):
    _registered(coordinator, "申报灵活甲")
    with django_assert_num_queries(25):  # the identifications' categories: one query
        assert (
            claim_prepare(actor=coordinator, kind=KIND, month=datetime.date(2024, 2, 1)).count == 1
        )
    for n in range(6):
        _registered(coordinator, f"申报灵活{n}")
    with django_assert_num_queries(25):
        assert (
            claim_prepare(actor=coordinator, kind=KIND, month=datetime.date(2024, 3, 1)).count == 7
        )


def test_no_flexible_subsidy_once_the_ledger_shows_the_person_on_a_public_welfare_post(
    coordinator, login
):

    person = resident(coordinator, "转岗灵活甲", status_since=SINCE)
    identify(person, datetime.date(2025, 1, 1))
    with time_machine.travel(datetime.datetime(2026, 8, 5, 10, 0), tick=False):
        job = register(coordinator, person, started_on=datetime.date(2026, 8, 1))
    with time_machine.travel(datetime.datetime(2026, 10, 1, 10, 0), tick=False):
        posts.placement_create(contract_months=12, actor=coordinator, post=post(coordinator), person=person,
                               started_on=datetime.date(2026, 10, 1))  # fmt: skip
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        september = claim_prepare(actor=coordinator, kind=KIND, month=datetime.date(2026, 9, 1))
        october = claim_prepare(actor=coordinator, kind=KIND, month=datetime.date(2026, 10, 1))
        rows = {row.period: row for row in months_of(job, timezone.localdate())}
    assert september.count == 1 and october.count == 0  # the post's own subsidies pay from October
    assert not rows["2026-10"].decision.granted
    assert "台账中该人员的就业状态不是灵活就业" in rows["2026-10"].decision.words


def test_the_page_lists_only_the_persons_other_registrations_of_the_jurisdiction(
    coordinator, login
):

    person = resident(coordinator, "他县灵活甲", status_since=SINCE)
    FlexibleJob.objects.create(
        person=person, region_id=SIBLING_COUNTY, form="platform", work="他县的旧登记", place="市中区",
        started_on=datetime.date(2023, 3, 1), registered_by=coordinator,
        next_check_on=datetime.date(2023, 6, 1), ended_on=datetime.date(2023, 9, 1), end_reason="moved",
    )  # fmt: skip
    with time_machine.travel(datetime.datetime(2024, 1, 5, 10, 0), tick=False):
        earlier = register(
            coordinator, person, started_on=datetime.date(2024, 1, 2), work="本区的旧登记"
        )
    with time_machine.travel(datetime.datetime(2024, 6, 5, 10, 0), tick=False):
        services.flexible_end(actor=coordinator, job=earlier, expected_version=earlier.version,
                              ended_on=datetime.date(2024, 6, 1), reason="stopped")  # fmt: skip
        job = register(coordinator, person, started_on=datetime.date(2024, 6, 2))
    page = login(coordinator).get(reverse("flexible:detail", args=[job.pk])).content.decode()
    assert "本区的旧登记" in page and "他县的旧登记" not in page


def test_an_end_dated_before_a_submitted_month_is_refused(coordinator):
    person = resident(coordinator, "倒签终止甲", status_since=SINCE)
    identify(person, datetime.date(2025, 1, 1))
    with time_machine.travel(datetime.datetime(2026, 8, 5, 10, 0), tick=False):
        job = register(coordinator, person, started_on=datetime.date(2026, 8, 1))
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        september = claim_prepare(actor=coordinator, kind=KIND, month=datetime.date(2026, 9, 1))
        workflow.fire(september, "submit", actor=coordinator)
        with pytest.raises(ValidationError) as refused:
            services.flexible_end(actor=coordinator, job=job, expected_version=job.version,
                                  ended_on=datetime.date(2026, 8, 31), reason="stopped")  # fmt: skip
        assert "2026-09的补贴已提交申报" in str(refused.value.error_dict["ended_on"])
        with pytest.raises(ValidationError) as refused:
            services.check_record(actor=coordinator, job=job, checked_on=datetime.date(2026, 8, 20),
                                  still_working=False, still_insured=False)  # fmt: skip
        assert "checked_on" in refused.value.error_dict and not job.checks.exists()
        services.flexible_end(actor=coordinator, job=job, expected_version=job.version,
                              ended_on=datetime.date(2026, 9, 1), reason="stopped")  # fmt: skip
