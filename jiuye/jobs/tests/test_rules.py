import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jiuye.assistance.choices import HouseholdState
from jiuye.assistance.models import ZeroHousehold
from jiuye.conftest import VILLAGE_B
from jiuye.core import history, workflow
from jiuye.jobs import matching, services
from jiuye.jobs.choices import SeekerStatus, VacancyState
from jiuye.jobs.models import Referral, Seeker, Vacancy
from jiuye.jobs.tests.helpers import (
    SIBLING_VILLAGE,
    employer,
    occupation,
    region,
    resident,
    seeker,
    user,
    vacancy,
)
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import Education, LabourStatus
from jiuye.ledger.models import Person, StatusRecord

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


# Employers -------------------------------------------------------------------------------


def test_an_invalid_credit_code_is_refused_at_its_field(coordinator):
    with pytest.raises(ValidationError) as refused:
        employer(coordinator, code="91370102MA3C4XKE6X")  # wrong check character
    assert "统一社会信用代码" in refused.value.message_dict["credit_code"][0]
    with pytest.raises(ValidationError) as refused:
        employer(coordinator, code="91370102MA3C4XKE")  # too short
    assert "credit_code" in refused.value.message_dict


def test_an_employer_is_registered_once_per_code(coordinator, sibling_coordinator):
    first = employer(coordinator, code="91370102ma3c4xke6q")  # lower case is the same code
    assert first.credit_code == "91370102MA3C4XKE6Q"
    with pytest.raises(ValidationError) as refused:
        employer(sibling_coordinator, name="别的名字", region_code=VILLAGE_B)
    assert "历下样本物业有限公司" in refused.value.message_dict["credit_code"][0]


def test_an_employer_is_registered_only_inside_the_jurisdiction(coordinator):
    with pytest.raises(ValidationError) as refused:
        employer(coordinator, region_code=VILLAGE_B)
    assert "region" in refused.value.message_dict


# Matching --------------------------------------------------------------------------------


@pytest.fixture
def county_b():
    """The coordinator of a community of the sibling county."""
    return user(f"coordinator-{SIBLING_VILLAGE}")


@pytest.fixture
def offers(coordinator, county_b):
    """Vacancies for a security guard of 解放桥社区 (village A): the same occupation here, the
    same small class in the sibling county, the same major group here, nothing alike there."""
    mine = employer(coordinator)
    other = employer(
        county_b, name="市中样本公司", code="91370103MA3C4XKE67", region_code=SIBLING_VILLAGE
    )
    return {
        "exact": vacancy(coordinator, mine, code="4-07-05-01", wage_min=3000, wage_max=4000),
        "small": vacancy(county_b, other, code="4-07-05-02", region_code=SIBLING_VILLAGE,
                         wage_min=2500, wage_max=3300),
        "major": vacancy(coordinator, mine, code="4-02-01-01", education=Education.BACHELOR, wage_min=2000,
                         wage_max=2500),
        "none": vacancy(county_b, other, code="2-02-10-01", region_code=SIBLING_VILLAGE),
    }  # fmt: skip


def test_vacancies_are_ranked_for_a_seeker_and_every_point_is_explained(coordinator, offers):
    person = resident(coordinator, "匹配甲", education=Education.HIGH_SCHOOL)
    guard = seeker(coordinator, person, "4-07-05-01", wage_expected=3500)
    matches = matching.vacancies_for(guard, limit=1000)
    mine = {offer.pk for offer in offers.values()}
    ranked = [match.item.pk for match in matches if match.item.pk in mine]
    assert ranked == [offers["exact"].pk, offers["small"].pk, offers["major"].pk, offers["none"].pk]
    scores = {match.item.pk: match for match in matches}

    exact = scores[offers["exact"].pk]
    assert exact.score == 40 + 25 + 15 + 10  # occupation, same community, wage, education
    assert [points for points, _words in exact.reasons] == [40, 25, 15, 10]
    assert "职业相同：4-07-05-01 保安员" in exact.reasons[0][1]
    assert "同一社区" in exact.reasons[1][1]
    assert "达到期望的3500" in exact.reasons[2][1]
    assert "不限学历" in exact.reasons[3][1]

    small = scores[offers["small"].pk]  # 3300 is within a fifth below 3500
    assert small.score == 30 + 10 + 5 + 10
    assert "同属职业小类：4-07-05 安全保护服务人员" in small.reasons[0][1]
    assert "同一市" in small.reasons[1][1] and "略低于期望" in small.reasons[2][1]

    major = scores[offers["major"].pk]  # bachelor wanted, high school given, wage too low
    assert major.score == 10 + 25 + 0 + 0
    assert "岗位要求大学本科，求职者为普通高中" in major.reasons[3][1]
    assert scores[offers["none"].pk].score == 0 + 10 + 15 + 10
    assert sum(points for points, _ in exact.reasons) == exact.score


def test_a_wished_place_counts_as_the_same_county(coordinator, offers):
    guard = seeker(
        coordinator, resident(coordinator, "匹配乙"), "4-07-05-01", places=[region("370103000000")]
    )
    small = next(m for m in matching.vacancies_for(guard) if m.item.pk == offers["small"].pk)
    assert (15, "工作地点在期望工作地点（市中区）内") in small.reasons


def test_withdrawn_filled_and_expired_vacancies_are_not_offered(coordinator, offers):
    guard = seeker(coordinator, resident(coordinator, "匹配丙"), "4-07-05-01")
    services.vacancy_withdraw(actor=coordinator, vacancy=offers["exact"])
    history.update(
        Vacancy.objects.filter(pk=offers["major"].pk),
        actor=None,
        valid_until=TODAY() - datetime.timedelta(days=1),
    )
    offered = {match.item.pk for match in matching.vacancies_for(guard)}
    assert offers["exact"].pk not in offered and offers["major"].pk not in offered
    assert offers["small"].pk in offered
    assert services.vacancies_expire() >= 1
    assert Vacancy.objects.get(pk=offers["major"].pk).state == VacancyState.EXPIRED


def test_seekers_are_ranked_for_a_vacancy_within_the_users_jurisdiction_only(
    coordinator, sibling_coordinator, reviewer, county_b, offers
):
    here = seeker(coordinator, resident(coordinator, "本社区人"), "4-07-05-01")
    street = seeker(
        sibling_coordinator,
        resident(sibling_coordinator, "本街道人", region_code=VILLAGE_B),
        "4-07-05",
    )
    there = seeker(
        county_b, resident(county_b, "邻县人", region_code=SIBLING_VILLAGE), "4-07-05-01"
    )
    ranked = [match.item.pk for match in matching.seekers_for(offers["exact"], reviewer)]
    assert ranked.index(here.pk) < ranked.index(street.pk)
    assert there.pk not in ranked  # another county's resident is not the township's to see
    match = next(
        m for m in matching.seekers_for(offers["exact"], reviewer) if m.item.pk == street.pk
    )
    assert match.score == 30 + 20 + 15 + 10
    assert "同属职业小类" in match.reasons[0][1] and "同一街道" in match.reasons[1][1]


def test_sex_and_ethnicity_never_change_a_score_and_age_only_bounds_who_is_matched(
    coordinator, reviewer, offers
):
    man = seeker(
        coordinator, resident(coordinator, "男求职者", sex=1, born="19800101"), "4-07-05-01"
    )
    woman = seeker(coordinator, resident(coordinator, "女求职者", sex=2, born="19980101", ethnicity="03"),
                   "4-07-05-01")  # fmt: skip
    scores = {m.item.pk: m.score for m in matching.seekers_for(offers["exact"], reviewer)}
    assert scores[man.pk] == scores[woman.pk]
    # twenty years on, the man is past the retirement age: no longer matched at all
    later = TODAY() + datetime.timedelta(days=365 * 20)
    history.update(Vacancy.objects.filter(pk=offers["exact"].pk), actor=None, valid_until=later)
    ranked = {m.item.pk for m in matching.seekers_for(offers["exact"], reviewer, today=later)}
    assert woman.pk in ranked and man.pk not in ranked


def test_priority_groups_come_first_among_equals(coordinator, reviewer, offers):
    plain = seeker(coordinator, resident(coordinator, "普通求职者"), "4-07-05-01")
    needy = seeker(coordinator, resident(coordinator, "困难求职者", household=True), "4-07-05-01")
    assert needy.zero_household and not plain.is_priority  # alone and unemployed: a zero household
    ranked = matching.seekers_for(offers["exact"], reviewer)
    scores = {m.item.pk: m for m in ranked}
    assert scores[needy.pk].score == scores[plain.pk].score + 10
    assert (10, "零就业家庭成员，优先推荐") in scores[needy.pk].reasons


def test_a_person_outside_working_age_or_employed_cannot_register(coordinator):
    with pytest.raises(ValidationError, match="法定劳动年龄"):
        seeker(coordinator, resident(coordinator, "老人", born="19500101"))
    worker = resident(coordinator, "在职者", status=LabourStatus.EMPLOYED_UNIT, employer="某公司")
    with pytest.raises(ValidationError, match="单位就业"):
        seeker(coordinator, worker)
    farmer = resident(coordinator, "务农者", status=LabourStatus.FARMING)
    assert (
        seeker(coordinator, farmer).status == SeekerStatus.ACTIVE
    )  # rural labour seeking non-farm work
    person = resident(coordinator, "两次登记")
    seeker(coordinator, person)
    with pytest.raises(ValidationError, match="已有有效的求职登记"):
        seeker(coordinator, person)


# Referrals -------------------------------------------------------------------------------


def test_one_open_referral_per_seeker_and_vacancy(coordinator, offers):
    guard = seeker(coordinator, resident(coordinator, "推荐甲"))
    first = services.referral_create(actor=coordinator, seeker=guard, vacancy=offers["exact"])
    assert first.state == "referred" and first.due_on is not None
    with pytest.raises(ValidationError, match="不能重复推荐"):
        services.referral_create(actor=coordinator, seeker=guard, vacancy=offers["exact"])
    # the database refuses it too, whatever the code does
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(seeker=guard, vacancy=offers["exact"], org=first.org, region_id=guard.region_id,
                                referred_by=coordinator, state="interviewed")  # fmt: skip
    workflow.fire(first, "cancel", actor=coordinator, comment="求职者放弃")
    again = services.referral_create(actor=coordinator, seeker=guard, vacancy=offers["exact"])
    assert again.pk != first.pk


def test_a_hire_employs_the_person_in_the_ledger_and_steadies_the_zero_household(
    coordinator, offers
):
    person = resident(coordinator, "录用甲", household=True)
    case = ZeroHousehold.objects.get(household=person.household)
    guard = seeker(coordinator, person)
    elsewhere = services.referral_create(actor=coordinator, seeker=guard, vacancy=offers["small"])
    referral = services.referral_create(actor=coordinator, seeker=guard, vacancy=offers["exact"])
    services.referral_hire(actor=coordinator, referral=referral, hired_on=TODAY(), contract_months=12,
                           social_insurance=True)  # fmt: skip

    person.refresh_from_db()
    assert person.status == LabourStatus.EMPLOYED_UNIT and person.employer == "历下样本物业有限公司"
    assert person.occupation == "保安员" and person.status_since == TODAY()
    records = list(StatusRecord.objects.filter(person=person).order_by("since"))
    assert [r.status for r in records] == [LabourStatus.UNEMPLOYED, LabourStatus.EMPLOYED_UNIT]
    assert records[0].until == TODAY() and referral.number in records[1].note
    case.refresh_from_db()
    assert case.state == HouseholdState.STABLE and case.stable_since == TODAY()
    assert Seeker.objects.get(pk=guard.pk).status == SeekerStatus.EMPLOYED
    assert Vacancy.objects.get(pk=offers["exact"].pk).hired == 1
    assert Referral.objects.get(pk=elsewhere.pk).state == "cancelled"


def test_a_short_contract_only_clears_the_zero_household(coordinator, offers):
    person = resident(coordinator, "录用乙", household=True)
    referral = services.referral_create(
        actor=coordinator, seeker=seeker(coordinator, person), vacancy=offers["exact"]
    )
    services.referral_hire(actor=coordinator, referral=referral, hired_on=TODAY(), contract_months=6,
                           social_insurance=False)  # fmt: skip
    assert ZeroHousehold.objects.get(household=person.household).state == HouseholdState.CLEARED


def test_a_vacancy_is_filled_when_all_its_posts_are_and_then_takes_no_referral(coordinator, offers):
    one_post = offers["exact"]
    history.update(Vacancy.objects.filter(pk=one_post.pk), actor=None, posts=1)
    first = seeker(coordinator, resident(coordinator, "录用丙"))
    second = seeker(coordinator, resident(coordinator, "录用丁"))
    referral = services.referral_create(actor=coordinator, seeker=first, vacancy=one_post)
    services.referral_hire(actor=coordinator, referral=referral, hired_on=TODAY(), contract_months=12,
                           social_insurance=True)  # fmt: skip
    assert Vacancy.objects.get(pk=one_post.pk).state == VacancyState.FILLED
    with pytest.raises(ValidationError, match="不在招聘中"):
        services.referral_create(actor=coordinator, seeker=second, vacancy=one_post)


def test_the_answer_is_checked_and_recorded_once(coordinator, offers):
    referral = services.referral_create(actor=coordinator, seeker=seeker(coordinator, resident(coordinator, "反馈甲")),
                                        vacancy=offers["exact"])  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.referral_hire(actor=coordinator, referral=referral, hired_on=TODAY() + datetime.timedelta(days=1),
                               contract_months=12, social_insurance=True)  # fmt: skip
    assert "hired_on" in refused.value.message_dict
    services.referral_not_hired(
        actor=coordinator, referral=referral, reason="no_show", note="未到场"
    )
    with pytest.raises(ValidationError, match="未录用"):
        services.referral_hire(actor=coordinator, referral=referral, hired_on=TODAY(), contract_months=12,
                               social_insurance=True)  # fmt: skip
    assert Person.objects.get(pk=referral.seeker.person_id).status == LabourStatus.UNEMPLOYED


def test_the_hire_and_refusal_go_only_through_their_forms(coordinator, offers):
    referral = services.referral_create(actor=coordinator, seeker=seeker(coordinator, resident(coordinator, "反馈乙")),
                                        vacancy=offers["exact"])  # fmt: skip
    with pytest.raises(ValidationError, match="专门的表单"):
        workflow.fire(referral, "hire", actor=coordinator)
    assert occupation("4-07-05-01").name == "保安员"


def test_a_move_ends_the_job_seeking_and_its_open_referrals(coordinator, offers):
    person = resident(coordinator, "迁出者")
    guard = seeker(coordinator, person)
    referral = services.referral_create(actor=coordinator, seeker=guard, vacancy=offers["exact"])
    ledger.person_transfer(
        actor=coordinator, person=person, to_region=region(SIBLING_VILLAGE), on=TODAY()
    )
    assert Seeker.objects.get(pk=guard.pk).status == SeekerStatus.CLOSED
    referral.refresh_from_db()
    assert referral.state == "cancelled"
    assert workflow.event_log(referral)[-1][0].comment == "迁出本地。"
    newcomer = user(f"coordinator-{SIBLING_VILLAGE}")
    assert seeker(newcomer, Person.objects.get(pk=person.pk)).region_id == SIBLING_VILLAGE


def test_closing_a_registration_cancels_its_referrals_and_the_interview_is_dated(
    coordinator, offers
):
    guard = seeker(coordinator, resident(coordinator, "撤销者"))
    interviewed = services.referral_create(actor=coordinator, seeker=guard, vacancy=offers["exact"])
    workflow.fire(interviewed, "interview", actor=coordinator)
    assert Referral.objects.get(pk=interviewed.pk).interviewed_on == TODAY()
    services.seeker_close(actor=coordinator, seeker=guard, expected_version=guard.version)
    assert Referral.objects.get(pk=interviewed.pk).state == "cancelled"
    with pytest.raises(ValidationError, match="不能再推荐"):
        services.referral_create(actor=coordinator, seeker=guard, vacancy=offers["small"])
    assert [record.status for record in guard.history.order_by("history_id")][
        -1
    ] == SeekerStatus.CLOSED


def test_wages_are_not_negative(coordinator):
    with pytest.raises(ValidationError) as refused:
        vacancy(coordinator, employer(coordinator), wage_min=-5, wage_max=-1)
    assert "wage_min" in refused.value.message_dict
