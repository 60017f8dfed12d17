"""The monthly subsidies of public-welfare posts: the allowed months, the retirement
extension, once per person, kind and month, the explanation, approval; and the subsidy of
employers that hire assistance targets."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jiuye.core import workflow
from jiuye.jobs import services as jobs
from jiuye.jobs.tests.helpers import employer, seeker, vacancy
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.posts import services
from jiuye.posts.models import Placement
from jiuye.posts.subsidy import EMPLOYER_INSURANCE, POST_INSURANCE, POST_SUBSIDY
from jiuye.posts.tests.helpers import identified, override, post
from jiuye.subsidies.kinds import KINDS, month_bounds
from jiuye.subsidies.models import Claim, ClaimLine
from jiuye.subsidies.services import claim_prepare

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)
LIMIT = "posts.subsidy_max_months"


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0), tick=False):
        yield


def month(m: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, m, 1)


def paid_months(actor, person, kind=POST_SUBSIDY, months=range(1, 12)) -> list[int]:
    """Prepare the office's claim of each month; the months that hold a line for the person."""
    paid = []
    for m in months:
        claim = claim_prepare(actor=actor, kind=kind, month=month(m))
        if claim.lines.filter(person=person).exists():
            paid.append(m)
    return paid


def line_of(person, period, kind=POST_SUBSIDY) -> ClaimLine:
    return ClaimLine.objects.get(person=person, period=period, kind=kind, void=False)


def test_the_subsidies_are_paid_for_the_allowed_months_and_then_stop(coordinator):
    override(LIMIT, 3)
    place = post(coordinator)
    person = identified(coordinator, "补贴期限甲")
    services.placement_create(contract_months=12, actor=coordinator, post=place, person=person,
                              started_on=datetime.date(2026, 5, 10))  # fmt: skip
    assert paid_months(coordinator, person) == [5, 6, 7]
    assert paid_months(coordinator, person, POST_INSURANCE) == [5, 6, 7]
    first, last = line_of(person, "2026-05"), line_of(person, "2026-07")
    assert first.amount == Decimal("2200") and isinstance(first.source, Placement)
    assert "第1个月，共3个月（参数“公益性岗位补贴最长期限”3个月）" in first.explanation
    assert "第3个月，共3个月" in last.explanation
    for words in ("“社区保洁员”公益性岗位", "2026-05-10上岗", "参数“公益性岗位补贴计月基准日”15日",
                  "参数“公益性岗位岗位补贴标准”2200元/月", "计发2200.00元"):  # fmt: skip
        assert words in first.explanation
    insurance = line_of(person, "2026-05", POST_INSURANCE)
    assert insurance.amount == Decimal("1028")
    assert "参数“公益性岗位社会保险补贴标准”1028元/月" in insurance.explanation
    assert "第1个月，共3个月" in insurance.explanation


def test_the_default_limit_is_36_months_counted_in_whole_months(coordinator):
    place = post(coordinator, starts_on=datetime.date(2023, 1, 1))
    person = identified(coordinator, "补贴期限乙", status_since=datetime.date(2023, 1, 2))
    services.placement_create(contract_months=12, actor=coordinator, post=place, person=person,
                              started_on=datetime.date(2023, 8, 16))  # fmt: skip
    # started after the 15th: August 2023 does not count; September 2023 is the first month
    assert claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=month(8, 2023)).count == 0
    assert "第1个月，共36个月" in claim_prepare(
        actor=coordinator, kind=POST_SUBSIDY, month=month(9, 2023)).lines.get().explanation  # fmt: skip
    assert "第36个月，共36个月" in claim_prepare(
        actor=coordinator, kind=POST_SUBSIDY, month=month(8, 2026)).lines.get().explanation  # fmt: skip
    assert claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=month(9, 2026)).count == 0


def test_a_person_near_retirement_at_the_first_placement_is_paid_until_retirement(coordinator):
    override(LIMIT, 3)
    place = post(coordinator)
    near = identified(coordinator, "临退甲", born="19660820", sex=1)  # 60 on 2026-08-20
    retired = identified(coordinator, "临退乙", born="19610820", sex=2)  # a woman: 55 in 2016
    services.placement_create(contract_months=12, actor=coordinator, post=place, person=near,
                              started_on=datetime.date(2026, 3, 2))  # fmt: skip
    assert paid_months(coordinator, near) == [3, 4, 5, 6, 7, 8]
    extended = line_of(near, "2026-06").explanation
    assert "第4个月，已超过参数“公益性岗位补贴最长期限”3个月" in extended
    assert "距法定退休年龄不足参数“距法定退休年龄不足年限”5年，延长补贴至退休" in extended
    assert "参数“男性法定退休年龄”60周岁，2026-08-20到龄" in extended
    assert not ClaimLine.objects.filter(
        person=near, period__in=["2026-09", "2026-10", "2026-11"]
    ).exists()
    # a woman past the retirement age is not of working age: she cannot be placed
    with pytest.raises(ValidationError, match="法定劳动年龄"):
        services.placement_create(contract_months=12, actor=coordinator, post=place, person=retired,
                                  started_on=datetime.date(2026, 3, 2))  # fmt: skip


def test_the_months_of_all_placements_add_up_and_no_placement_gets_no_paid_month(coordinator):
    override(LIMIT, 3)
    first_post, second_post = post(coordinator), post(coordinator, title="治安巡逻员")
    person = identified(coordinator, "累计甲")
    first = services.placement_create(contract_months=12, actor=coordinator, post=first_post, person=person,
                                      started_on=datetime.date(2026, 3, 1))  # fmt: skip
    services.placement_end(actor=coordinator, placement=first, ended_on=datetime.date(2026, 5, 1),
                           reason="contract_ended")  # fmt: skip
    second = services.placement_create(contract_months=12, actor=coordinator, post=second_post, person=person,
                                       started_on=datetime.date(2026, 7, 1))  # fmt: skip
    assert paid_months(coordinator, person) == [3, 4, 7]
    assert "第3个月，共3个月" in line_of(person, "2026-07").explanation
    services.placement_end(actor=coordinator, placement=second, ended_on=datetime.date(2026, 9, 1),
                           reason="resigned")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.placement_create(contract_months=12, actor=coordinator, post=first_post, person=person,
                                  started_on=datetime.date(2026, 10, 1))  # fmt: skip
    assert "在公益性岗位已累计4个月，已满参数“公益性岗位补贴最长期限”3个月" in str(
        refused.value.message_dict["person"]
    )


def test_no_subsidy_is_paid_for_months_the_ledger_shows_other_work(coordinator):
    person = identified(coordinator, "台账甲")
    services.placement_create(contract_months=12, actor=coordinator, post=post(coordinator), person=person,
                              started_on=datetime.date(2026, 8, 3))  # fmt: skip
    person.refresh_from_db()
    ledger.person_set_status(actor=coordinator, person=person, status=LabourStatus.EMPLOYED_UNIT,
                             since=datetime.date(2026, 10, 8), employer="泉城物业公司")  # fmt: skip
    assert paid_months(coordinator, person, months=range(7, 12)) == [8, 9]


def test_a_person_is_claimed_once_per_kind_and_month_and_the_database_enforces_it(
    coordinator, reviewer
):
    place = post(coordinator)
    person = identified(coordinator, "一次甲")
    placement = services.placement_create(contract_months=12, actor=coordinator, post=place, person=person,
                                          started_on=datetime.date(2026, 10, 1))  # fmt: skip
    claim = claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=month(10))
    again = claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=month(10))
    assert again.pk == claim.pk and again.lines.count() == 1
    # the township office, whose jurisdiction holds the post too, finds nothing left to claim
    first, last = month_bounds(month(10))
    assert person.pk not in {
        line.person_id for line in KINDS[POST_SUBSIDY].rule(reviewer.org, first, last)
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(claim=claim, kind=POST_SUBSIDY, person=person, region_id=person.region_id,
                                 period="2026-10", amount=Decimal("2200"), explanation="重复",
                                 source_type=ContentType.objects.get_for_model(Placement), source_id=placement.pk)  # fmt: skip
    # the other kind of the same month is a different subsidy
    assert claim_prepare(actor=coordinator, kind=POST_INSURANCE, month=month(10)).count == 1


def test_a_claim_of_the_new_kinds_goes_through_hr_and_finance_approval(
    coordinator, approver, finance
):
    person = identified(coordinator, "审批甲")
    services.placement_create(contract_months=12, actor=coordinator, post=post(coordinator), person=person,
                              started_on=datetime.date(2026, 9, 1))  # fmt: skip
    for kind in (POST_SUBSIDY, POST_INSURANCE):
        claim = claim_prepare(actor=coordinator, kind=kind, month=month(9))
        assert claim.count == 1
        workflow.fire(claim, "submit", actor=coordinator)
        workflow.fire(claim, "hr_approve", actor=approver)
        workflow.fire(claim, "finance_approve", actor=finance)
        assert Claim.objects.get(pk=claim.pk).state == "approved"
    assert Claim.objects.get(
        kind=POST_SUBSIDY, month=month(9), org=coordinator.org
    ).total == Decimal("2200")


def test_a_lower_standard_of_the_post_is_paid_and_a_county_may_set_its_own_parameter(coordinator):
    override("posts.post_subsidy", 2300)
    place = post(coordinator, post_subsidy=Decimal("1800"))
    assert place.insurance_subsidy == Decimal("1028")
    with pytest.raises(ValidationError, match="不能高于参数“公益性岗位岗位补贴标准”2300"):
        post(coordinator, post_subsidy=Decimal("2500"))
    person = identified(coordinator, "标准甲")
    services.placement_create(contract_months=12, actor=coordinator, post=place, person=person,
                              started_on=datetime.date(2026, 10, 1))  # fmt: skip
    line = claim_prepare(actor=coordinator, kind=POST_SUBSIDY, month=month(10)).lines.get()
    assert line.amount == Decimal("1800")
    assert (
        "按本岗位岗位补贴标准1800.00元/月，不高于参数“公益性岗位岗位补贴标准”2300元/月"
        in line.explanation
    )


def test_employers_that_hire_assistance_targets_are_subsidised_for_the_allowed_months(
    coordinator, login
):
    override(LIMIT, 3)
    with time_machine.travel(datetime.datetime(2026, 6, 10, 10, 0), tick=False):
        person = identified(coordinator, "吸纳甲")
        ordinary = identified(coordinator, "吸纳乙")
        job = vacancy(coordinator, employer(coordinator), posts=5)
        helped = seeker(coordinator, person)
        assert helped.hard_to_employ
        referral = jobs.referral_create(actor=coordinator, seeker=helped, vacancy=job)
        jobs.referral_hire(actor=coordinator, referral=referral, hired_on=datetime.date(2026, 6, 10),
                           contract_months=12, social_insurance=True)  # fmt: skip
        other = jobs.referral_create(
            actor=coordinator, seeker=seeker(coordinator, ordinary), vacancy=job
        )
        jobs.referral_hire(actor=coordinator, referral=other, hired_on=datetime.date(2026, 6, 10),
                           contract_months=12, social_insurance=False)  # fmt: skip
    assert paid_months(coordinator, person, EMPLOYER_INSURANCE, range(5, 12)) == [6, 7, 8]
    assert not ClaimLine.objects.filter(person=ordinary, kind=EMPLOYER_INSURANCE).exists()
    line = line_of(person, "2026-06", EMPLOYER_INSURANCE)
    assert line.amount == Decimal("1028")
    for words in ("历下样本物业有限公司", "第1个月，共3个月", "参数“企业吸纳就业困难人员社会保险补贴标准”1028元/月",
                  "参数“公益性岗位补贴最长期限”3个月"):  # fmt: skip
        assert words in line.explanation
    page = login(coordinator).get("/posts/employers/").content.decode()
    assert "历下样本物业有限公司" in page and "吸纳甲" in page and "2026-06 — 2026-08" in page
    assert "吸纳乙" not in page
