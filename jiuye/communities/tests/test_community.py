"""A community against the standards: the figures from the ledger, each criterion met or missed
and why, the persons behind a figure, and the page that shows them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jiuye.communities import evaluation
from jiuye.communities.choices import Comparison, StandardKind
from jiuye.communities.models import CommunityMonth, Criterion, Standard
from jiuye.conftest import VILLAGE_A
from jiuye.core.workdays import months_before
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.services import person_create, person_set_status
from jiuye.regions.models import Region

pytestmark = pytest.mark.django_db


def resident(
    coordinator, suffix: str, *, since: datetime.date, status=LabourStatus.UNEMPLOYED, **fields
):
    body = f"37010219850101{suffix}"
    person, _warnings = person_create(
        actor=coordinator, id_number=body + check_character(body), name=f"测试居民{suffix}",
        region=Region.objects.get(code=VILLAGE_A), status=status, status_since=since, **fields,
    )  # fmt: skip
    return person


def standard_with(criterion_code: str, comparison: str, threshold) -> Standard:
    """A standard of the province with one criterion on an indicator (criteria are data)."""
    standard = Standard.objects.create(
        region=Region.objects.get(code="370000000000"), name="测试标准", kind=StandardKind.FULL_EMPLOYMENT,
        edition=2026, rank=9,
    )  # fmt: skip
    Criterion.objects.create(standard=standard, label="测试条件", indicator=criterion_code,
                             comparison=comparison, threshold=Decimal(threshold))  # fmt: skip
    return standard


def judgement_of(user, standard, day):
    region = Region.objects.get(code=VILLAGE_A)
    figures, judgements = evaluation.evaluate(user, region, day)
    return figures, next(each for each in judgements if each.standard == standard)


def test_a_resident_unemployed_past_six_months_fails_the_criterion_the_next_day(coordinator, login):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    region = Region.objects.get(code=VILLAGE_A)
    before, _ = evaluation.evaluate(coordinator, region, today)
    before_yesterday, _ = evaluation.evaluate(coordinator, region, yesterday)
    standard = standard_with("long_unemployed", Comparison.AT_MOST, before["long_unemployed"])
    since = months_before(today, 6) - datetime.timedelta(days=1)  # six months ago yesterday
    person = resident(coordinator, "311", since=since)

    figures, judgement = judgement_of(coordinator, standard, yesterday)
    assert figures["long_unemployed"] == before_yesterday["long_unemployed"]  # not counted yet

    figures, judgement = judgement_of(coordinator, standard, today)
    assert figures["long_unemployed"] == before["long_unemployed"] + 1
    assert not judgement.met
    assert "未达到" in judgement.missed[0].explanation

    client = login(coordinator)
    page = client.get(reverse("communities:community", args=[VILLAGE_A]))
    assert "测试标准" in page.content.decode()
    behind = client.get(reverse("ledger:behind", args=["long_unemployed", VILLAGE_A]))
    assert person.name in behind.content.decode()
    yesterdays = client.get(reverse("ledger:behind", args=["long_unemployed", VILLAGE_A]),
                            {"on": yesterday.isoformat()})  # fmt: skip
    assert person.name not in yesterdays.content.decode()

    person_set_status(actor=coordinator, person=person, status=LabourStatus.EMPLOYED_UNIT, since=today,
                      employer="测试单位")  # fmt: skip
    figures, judgement = judgement_of(coordinator, standard, today)
    assert figures["long_unemployed"] == before["long_unemployed"]
    assert judgement.met
    behind = client.get(reverse("ledger:behind", args=["long_unemployed", VILLAGE_A]))
    assert person.name not in behind.content.decode()


def test_the_employment_rate_counts_the_employed_among_those_able_and_willing(coordinator):
    today = timezone.localdate()
    region = Region.objects.get(code=VILLAGE_A)
    before, _ = evaluation.evaluate(coordinator, region, today)
    resident(
        coordinator, "411", since=today, status=LabourStatus.EMPLOYED_UNIT, employer="测试单位"
    )
    resident(coordinator, "511", since=today)
    after, _ = evaluation.evaluate(coordinator, region, today)
    assert after["labour_force"] == before["labour_force"] + 2
    assert after["labour_employed"] == before["labour_employed"] + 1
    rate = Decimal(after["labour_employed"] * 100) / after["labour_force"]
    assert after["labour_rate"] == rate.quantize(Decimal("0.1"))


def test_a_rate_with_nobody_to_count_is_met_and_says_so():
    criterion = Criterion(
        indicator="hard_rate", comparison=Comparison.AT_LEAST, threshold=Decimal(95)
    )
    assert criterion.met_by(None)
    days = Criterion(indicator="ledger_days", comparison=Comparison.AT_MOST, threshold=Decimal(30))
    assert not days.met_by(None)  # a ledger never updated is not current


def test_a_criterion_names_a_registered_indicator_or_the_evidence_it_needs():
    from django.core.exceptions import ValidationError

    standard = Standard.objects.get(is_target=True)
    with pytest.raises(ValidationError) as raised:
        Criterion(
            standard=standard, label="x", indicator="no_such_figure", threshold=1
        ).full_clean()
    assert "indicator" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        Criterion(standard=standard, label="x").full_clean()
    assert "evidence" in raised.value.message_dict


def test_the_monthly_figures_keep_what_the_page_computes(approver):
    today = timezone.localdate()
    evaluation.snapshot(today)
    kept = CommunityMonth.objects.get(region_id=VILLAGE_A, month=today.replace(day=1))
    figures, judgements = evaluation.evaluate(approver, Region.objects.get(code=VILLAGE_A), today)
    assert evaluation.from_json(kept.values) == figures
    assert kept.met == [judgement.standard.pk for judgement in judgements if judgement.met]
    target = Standard.objects.get(is_target=True)
    assert kept.at_target == (target.pk in kept.met)


def test_the_share_at_the_standard_adds_up_by_region(approver, login):
    today = timezone.localdate()
    evaluation.snapshot(today)
    months = CommunityMonth.objects.filter(
        month=today.replace(day=1), region__parent__parent_id="370102000000"
    )
    page = login(approver).get(reverse("communities:overview"), {"region": "370102000000"})
    total = page.context["report"].total.values
    assert total["communities"] == months.count() > 0
    assert total["communities_at_target"] == months.filter(at_target=True).count()
    share = Decimal(total["communities_at_target"] * 100) / total["communities"]
    assert total["communities_share"] == share.quantize(Decimal("0.1"))
    assert page.context["target"] == Decimal(80)
    assert page.context["trend"][-1]["total"] == months.count()


def test_the_overview_exports_the_figures_it_shows(approver, login):
    from io import BytesIO

    from openpyxl import load_workbook

    client = login(approver)
    page = client.get(reverse("communities:overview"), {"region": "370102000000"})
    export = client.get(reverse("communities:overview-export"), {"region": "370102000000"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    total = next(row for row in rows if row[1] == "合计")
    report = page.context["report"]
    shown = tuple(report.total.values[column.code] for column in report.columns[:3])
    assert tuple(Decimal(str(cell)) for cell in total[2:5]) == shown


def test_a_sibling_county_gets_404_for_the_community_and_its_persons(sibling_approver, login):
    client = login(sibling_approver)
    assert client.get(reverse("communities:community", args=[VILLAGE_A])).status_code == 404
    assert client.get(reverse("communities:overview"), {"region": VILLAGE_A}).status_code == 404
    assert (
        client.get(reverse("ledger:behind", args=["long_unemployed", VILLAGE_A])).status_code == 404
    )


def test_the_lists_take_a_fixed_number_of_queries(approver, login, django_assert_max_num_queries):
    client = login(approver)
    for name in ("communities:applications", "communities:titles", "communities:standards",
                 "communities:rounds", "communities:rechecks"):  # fmt: skip
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200


def test_the_community_s_home_page_shows_its_standing(coordinator, login):
    evaluation.snapshot(timezone.localdate())
    kept = CommunityMonth.objects.get(
        region_id=VILLAGE_A, month=timezone.localdate().replace(day=1)
    )
    page = login(coordinator).get(reverse("home")).content.decode()
    assert reverse("communities:community", args=[VILLAGE_A]) in page
    assert ("未达到充分就业标准" in page) != kept.at_target


def test_the_province_sets_a_criterion_and_a_county_may_not(province_admin, approver, login):
    standard = Standard.objects.get(is_target=True)
    url = reverse("communities:criterion-add", args=[standard.pk])
    data = {"position": 9, "label": "就业困难人员就业率", "indicator": "hard_rate",
            "comparison": Comparison.AT_LEAST, "threshold": "85", "evidence": ""}  # fmt: skip
    assert login(approver).post(url, data).status_code == 403
    response = login(province_admin).post(url, data)
    assert response.status_code == 302
    criterion = standard.criteria.get(position=9)
    assert (criterion.indicator, criterion.threshold) == ("hard_rate", Decimal(85))
    refused = login(province_admin).post(url, {**data, "indicator": "", "position": 10})
    assert (
        "需提供的证明材料" in refused.content.decode()
        and not standard.criteria.filter(position=10).exists()
    )


def test_the_overview_opens_at_the_latest_month_computed_and_says_when_a_month_has_none(
    approver, login
):
    earlier = months_before(timezone.localdate().replace(day=1), 3)
    evaluation.snapshot(evaluation.month_end(earlier))
    CommunityMonth.objects.filter(month__gt=earlier).delete()  # the nightly run stopped then
    client = login(approver)
    page = client.get(reverse("communities:overview"), {"region": "370102000000"})
    assert page.context["report"].month == earlier and not page.context["report"].is_empty
    assert "本期在本辖区没有统计数据" not in page.content.decode()
    empty = client.get(
        reverse("communities:overview"), {"region": "370102000000", "month": "2001-01"}
    )
    assert empty.context["report"].is_empty
    assert "本期在本辖区没有统计数据" in empty.content.decode()
