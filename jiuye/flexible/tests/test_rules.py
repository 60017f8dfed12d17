import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jiuye.conftest import COUNTY, VILLAGE_A
from jiuye.core.indicators import Query
from jiuye.core.models import PolicyParameter
from jiuye.core.parameters import PARAMETERS
from jiuye.flexible import services
from jiuye.flexible.choices import EndReason
from jiuye.flexible.indicators import collect
from jiuye.flexible.models import FlexibleJob
from jiuye.flexible.selectors import checks_due, home_panel
from jiuye.flexible.subsidy import KIND, months_of
from jiuye.flexible.tests.helpers import identify, register
from jiuye.jobs.tests.helpers import resident
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person
from jiuye.subsidies.kinds import month_bounds
from jiuye.subsidies.models import ClaimLine
from jiuye.subsidies.services import claim_prepare

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
LABELS = ["灵活就业核实周期", "灵活就业核实宽限期", "灵活就业社会保险补贴比例", "灵活就业社会保险补贴月上限",
          "灵活就业社会保险补贴期限", "灵活就业社会保险补贴延长至退休的年限", "男性法定退休年龄"]  # fmt: skip


def month(n_back: int) -> datetime.date:
    """The first day of the month ``n_back`` months before this one."""
    first = TODAY().replace(day=1)
    for _ in range(n_back):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first


def set_parameter(key, value):
    PolicyParameter.objects.create(key=key, value=value, region_id=COUNTY,
                                   effective_from=datetime.date(2000, 1, 1), source="测试")  # fmt: skip


def lines_for(person):
    return list(ClaimLine.objects.filter(kind=KIND, person=person, void=False).order_by("period"))


def claim_months(actor, n):
    """The office claims the last ``n`` months before this one, oldest first."""
    for back in range(n, 0, -1):
        claim_prepare(actor=actor, kind=KIND, month=month(back))


# Registration and the ledger ---------------------------------------------------------------


def test_registering_sets_the_labour_status_and_ending_puts_it_back(coordinator):
    person = resident(coordinator, "灵活甲")
    job = register(coordinator, person, started_on=month(2))
    person.refresh_from_db()
    assert person.status == LabourStatus.FLEXIBLE and person.status_since == month(2)
    assert person.status_records.get(until__isnull=True).occupation == "外卖配送"
    services.flexible_end(actor=coordinator, job=job, expected_version=job.version, ended_on=TODAY(),
                          reason=EndReason.STOPPED)  # fmt: skip
    person.refresh_from_db()
    assert person.status == LabourStatus.UNEMPLOYED and person.status_since == TODAY()
    assert FlexibleJob.objects.get(pk=job.pk).ended_on == TODAY()


def test_ending_into_employment_needs_the_employer_at_its_field(coordinator):
    job = register(coordinator, resident(coordinator, "灵活乙"), started_on=month(1))
    with pytest.raises(ValidationError) as refused:
        services.flexible_end(actor=coordinator, job=job, expected_version=job.version, ended_on=TODAY(),
                              reason=EndReason.EMPLOYED, status=LabourStatus.EMPLOYED_UNIT)  # fmt: skip
    assert "employer" in refused.value.error_dict
    assert Person.objects.get(pk=job.person_id).status == LabourStatus.FLEXIBLE


def test_a_person_has_one_open_registration(coordinator):
    person = resident(coordinator, "灵活丙")
    job = register(coordinator, person, started_on=month(1))
    with pytest.raises(ValidationError) as refused:
        register(coordinator, person, started_on=TODAY())
    assert "已有未终止的灵活就业登记" in str(refused.value.error_dict["person"])
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says so too
        FlexibleJob.objects.create(person=person, region_id=VILLAGE_A, form="platform", work="x", place="y",
                                   started_on=TODAY(), registered_by=coordinator, next_check_on=TODAY())  # fmt: skip
    services.flexible_end(actor=coordinator, job=job, expected_version=job.version, ended_on=TODAY(),
                          reason=EndReason.STOPPED)  # fmt: skip
    again = register(coordinator, person, started_on=TODAY())
    assert again.pk != job.pk and Person.objects.get(pk=person.pk).status == LabourStatus.FLEXIBLE


def test_registration_refuses_bad_input_at_the_field(coordinator, sibling_coordinator):
    person = resident(coordinator, "灵活丁")
    with pytest.raises(ValidationError) as refused:
        register(coordinator, person, started_on=TODAY() + datetime.timedelta(days=1))
    assert "started_on" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        register(
            coordinator, person, started_on=datetime.date(2024, 1, 1)
        )  # before the ledger's status
    assert "2025-03-02" in str(refused.value.error_dict["started_on"])
    with pytest.raises(ValidationError) as refused:
        services.flexible_register(actor=coordinator, person=person, started_on=TODAY(), form="platform",
                                   work="外卖", place="历下", insured=True)  # fmt: skip
    assert {"insured_since", "contribution"} <= set(refused.value.error_dict)
    with pytest.raises(ValidationError) as refused:
        register(sibling_coordinator, person, started_on=TODAY())
    assert "不在您的管辖范围内" in str(refused.value.error_dict["person"])


def test_an_edit_needs_the_version_read(coordinator):
    job = register(coordinator, resident(coordinator, "灵活戊"), started_on=month(1))
    services.flexible_update(
        actor=coordinator, job=job, expected_version=job.version, work="网约车"
    )
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.flexible_update(actor=coordinator, job=FlexibleJob.objects.get(pk=job.pk),
                                 expected_version=job.version - 1, work="家政")  # fmt: skip
    assert FlexibleJob.objects.get(pk=job.pk).work == "网约车"


# Periodic checks ---------------------------------------------------------------------------


def test_a_check_is_due_after_the_period_and_a_check_moves_it_on(coordinator, reviewer):
    person = resident(coordinator, "核实甲")
    with time_machine.travel(TODAY() - datetime.timedelta(days=100), tick=False):
        job = register(coordinator, person, started_on=TODAY())
    assert job.next_check_on <= TODAY()
    assert job in checks_due(reviewer, TODAY())
    template, panel = home_panel(coordinator, TODAY())
    assert template == "flexible/home_panel.html" and job in panel["jobs"]
    services.check_record(actor=coordinator, job=job, checked_on=TODAY(), still_working=True,
                          still_insured=True)  # fmt: skip
    job.refresh_from_db()
    assert job.next_check_on > TODAY() and job not in checks_due(reviewer, TODAY())
    assert job.version == 2


def test_a_check_saying_no_longer_working_ends_the_registration(coordinator):
    person = resident(coordinator, "核实乙")
    job = register(coordinator, person, started_on=month(2))
    services.check_record(actor=coordinator, job=job, checked_on=TODAY(), still_working=False,
                          still_insured=False, note="已回老家")  # fmt: skip
    job.refresh_from_db()
    assert (
        job.ended_on == TODAY()
        and job.end_reason == EndReason.CHECK
        and job.insured_until == TODAY()
    )
    assert Person.objects.get(pk=person.pk).status == LabourStatus.UNEMPLOYED
    with pytest.raises(ValidationError, match="已终止"):
        services.check_record(actor=coordinator, job=job, checked_on=TODAY(), still_working=True,
                              still_insured=True)  # fmt: skip


# The social-insurance subsidy -------------------------------------------------------------


def test_the_subsidy_pays_exactly_the_allowed_months_then_none(coordinator):
    set_parameter("flexible.subsidy_months", "3")
    person = resident(coordinator, "补贴灵活甲")
    identify(person, month(8))
    job = register(coordinator, person, started_on=month(6), contribution="600")
    claim_months(coordinator, 6)
    lines = lines_for(person)
    assert [line.period for line in lines] == [f"{month(n):%Y-%m}" for n in (6, 5, 4)]
    assert all(line.amount == Decimal("400.00") for line in lines)  # 2/3 of 600
    assert "本月为累计第3个月，不超过参数“灵活就业社会保险补贴期限”3个月" in lines[2].explanation
    claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    assert len(lines_for(person)) == 3
    refused = {row.period: row.decision for row in months_of(job, TODAY()) if row.line is None}
    assert set(refused) == {f"{month(n):%Y-%m}" for n in (3, 2, 1, 0)}
    assert all(
        "已累计享受3个月，达到参数“灵活就业社会保险补贴期限”3个月的上限" in d.words
        for d in refused.values()
    )


def test_the_limit_counts_every_registration_of_the_person(coordinator):
    set_parameter("flexible.subsidy_months", "2")
    person = resident(coordinator, "补贴灵活乙")
    identify(person, month(8))
    first = register(coordinator, person, started_on=month(5))
    claim_months(coordinator, 1)  # only last month … then register again
    services.flexible_end(actor=coordinator, job=first, expected_version=first.version, ended_on=TODAY(),
                          reason=EndReason.STOPPED)  # fmt: skip
    second = register(coordinator, person, started_on=TODAY())
    claim_prepare(actor=coordinator, kind=KIND, month=month(3))
    claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    assert [line.period for line in lines_for(person)] == [f"{month(3):%Y-%m}", f"{month(1):%Y-%m}"]
    assert "已累计享受2个月" in months_of(second, TODAY())[0].decision.words


def test_a_person_near_retirement_is_paid_to_retirement(coordinator):
    set_parameter("flexible.subsidy_months", "2")
    person = resident(
        coordinator, "补贴灵活丙", born="19680307", sex=1
    )  # 58 years old: within 5 of 60
    identify(person, month(8))
    register(coordinator, person, started_on=month(4), contribution="1200")
    claim_months(coordinator, 4)
    lines = lines_for(person)
    assert len(lines) == 4
    assert all(line.amount == Decimal("600") for line in lines)  # 800 capped at 600
    assert (
        "距参数“男性法定退休年龄”60周岁不足参数“灵活就业社会保险补贴延长至退休的年限”5年"
        in lines[3].explanation
    )
    assert "补贴期限延长至退休（2028-03），本月为第4个月" in lines[3].explanation
    assert "超过参数“灵活就业社会保险补贴月上限”600元，按上限补贴" in lines[0].explanation


def test_the_share_and_the_cap_are_parameters(coordinator):
    set_parameter("flexible.subsidy_share", "1/2")
    set_parameter("flexible.subsidy_cap", "500")
    low, high = resident(coordinator, "补贴灵活丁"), resident(coordinator, "补贴灵活戊")
    for person, paid in ((low, "700"), (high, "1500")):
        identify(person, month(8))
        register(coordinator, person, started_on=month(1), contribution=paid)
    claim_months(coordinator, 1)
    assert lines_for(low)[0].amount == Decimal("350.00") and lines_for(high)[0].amount == Decimal(
        "500"
    )
    assert "按参数“灵活就业社会保险补贴比例”1/2计350.00元" in lines_for(low)[0].explanation


def test_every_explanation_names_the_parameters_and_their_values(coordinator):
    person = resident(coordinator, "补贴灵活己")
    identify(person, month(8))
    register(coordinator, person, started_on=month(1), contribution="900")
    claim_months(coordinator, 1)
    words = lines_for(person)[0].explanation
    for label in LABELS:
        assert f"参数“{label}”" in words, label
    for shown in (
        "3个月",
        "1个月",
        "2/3",
        "600元",
        "36个月",
        "5年",
        "60周岁",
        "月缴费900.00元",
        "已认定为就业困难人员",
    ):
        assert shown in words, shown
    assert all(str(PARAMETERS[key].label) in words for key in PARAMETERS if key.startswith("flexible.subsidy_")
               and key != "flexible.subsidy_groups")  # fmt: skip


def test_unverified_months_are_refused_with_the_reason(coordinator):
    person = resident(coordinator, "补贴灵活庚")
    identify(person, month(10))
    with time_machine.travel(month(7) + datetime.timedelta(days=2), tick=False):
        job = register(coordinator, person, started_on=TODAY())
    claim_months(coordinator, 7)
    paid = [line.period for line in lines_for(person)]
    # registered on the 3rd of month 7: a month is paid while that is within the period (3)
    # plus the grace (1) before the month's first day
    assert paid == [f"{month(n):%Y-%m}" for n in (7, 6, 5, 4, 3)]
    row = next(row for row in months_of(job, TODAY()) if row.period == f"{month(2):%Y-%m}")
    assert not row.decision.granted
    assert (
        "本月未按期核实" in row.decision.words and "灵活就业核实宽限期”1个月" in row.decision.words
    )
    # a late check does not pay the months that went unverified, only those after it
    services.check_record(actor=coordinator, job=job, checked_on=TODAY(), still_working=True,
                          still_insured=True)  # fmt: skip
    claim_months(coordinator, 2)
    claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    assert [line.period for line in lines_for(person)][5:] == [f"{TODAY():%Y-%m}"]


def test_not_for_a_person_who_is_not_an_assistance_target(coordinator):
    person = resident(coordinator, "补贴灵活辛")
    job = register(coordinator, person, started_on=month(1))
    claim_months(coordinator, 1)
    assert lines_for(person) == []
    assert "灵活就业社会保险补贴对象" in months_of(job, TODAY())[0].decision.words


def test_not_for_months_without_social_insurance(coordinator):
    person = resident(coordinator, "补贴灵活壬")
    identify(person, month(8))
    job = register(coordinator, person, started_on=month(1), insured=False)
    claim_months(coordinator, 1)
    assert lines_for(person) == []
    assert "未以灵活就业人员身份缴纳社会保险" in months_of(job, TODAY())[0].decision.words


def test_a_second_line_for_the_same_person_kind_and_month_is_refused(coordinator, reviewer):
    person = resident(coordinator, "补贴灵活癸")
    identify(person, month(8))
    register(coordinator, person, started_on=month(1))
    claim = claim_prepare(actor=coordinator, kind=KIND, month=month(1))
    assert claim.lines.filter(person=person).count() == 1
    township = claim_prepare(actor=reviewer, kind=KIND, month=month(1))  # the township's office
    assert not township.lines.filter(person=person).exists()
    line = claim.lines.get(person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(claim=township, kind=KIND, person=person, region_id=line.region_id,
                                 period=line.period, amount=line.amount, explanation="重复",
                                 source_type=line.source_type, source_id=line.source_id)  # fmt: skip


def test_the_report_counts_registrations_and_overdue_checks(coordinator, approver):
    with time_machine.travel(TODAY() - datetime.timedelta(days=120), tick=False):
        late = register(coordinator, resident(coordinator, "报表甲"), started_on=TODAY())
    register(coordinator, resident(coordinator, "报表乙"), started_on=TODAY())
    before = collect(Query(approver, "370102", 9, *_month_bounds()))
    assert before["370102001"]["flexible_registered"] >= 2
    overdue = before["370102001"]["flexible_overdue"]
    services.check_record(actor=coordinator, job=late, checked_on=TODAY(), still_working=True,
                          still_insured=True)  # fmt: skip
    after = collect(Query(approver, "370102", 9, *_month_bounds()))
    assert after["370102001"]["flexible_overdue"] == overdue - 1


def _month_bounds():
    return month_bounds(TODAY())
