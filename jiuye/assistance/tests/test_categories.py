"""Categories checked against the ledger: each rule refuses the category the data contradicts,
with the reason at the field, at application and again at the county's identification; a
person may hold several categories."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jiuye.assistance import services
from jiuye.assistance.choices import CategoryRule, HouseholdKind, Origin
from jiuye.assistance.eligibility import check_categories
from jiuye.assistance.exits import SUPPORTED_WORK, exit_check
from jiuye.assistance.models import Category, Identification, ZeroHousehold
from jiuye.assistance.tests.test_households import family, identify
from jiuye.assistance.tests.test_identification import after_notice, evidence
from jiuye.core import history, workflow
from jiuye.core.services import parameter_set
from jiuye.ledger.choices import LabourStatus
from jiuye.registration.tests.helpers import register_unemployed
from jiuye.registration.tests.test_registration import apply, approved, resident

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def category(code):
    return Category.objects.get(province="37", code=code)


def born(years_ago: int, sex: str) -> str:
    """The 17 characters before the check character of a resident ``years_ago`` years old
    (birthday in January), male "1" or female "2"."""
    return f"370102{TODAY().year - years_ago}0105{'01' + sex}"


def applicant(coordinator, body, name="申请人", since=None, **fields):
    """A resident with an unemployment registration under way (enough to apply)."""
    person = resident(coordinator, body=body, name=name, **fields)
    apply(coordinator, person, **({"unemployed_since": since} if since else {}))
    return person


def apply_for(coordinator, person, *codes):
    return services.identification_apply(
        actor=coordinator, person=person, categories=[category(code) for code in codes],
        origin=Origin.APPLICATION,
    )  # fmt: skip


def refusal_of(coordinator, person, *codes) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        apply_for(coordinator, person, *codes)
    assert not Identification.objects.filter(person=person).exists()
    return refused.value.message_dict["categories"]


def test_the_seeded_categories_carry_their_rules():
    rules = dict(Category.objects.filter(province="37").values_list("code", "rule"))
    assert rules["older"] == CategoryRule.OLDER and rules["dibao"] == CategoryRule.DIBAO
    assert (
        rules["disabled"] == CategoryRule.DISABILITY
        and rules["long_term"] == CategoryRule.LONG_TERM
    )
    assert (
        rules["zero_urban"] == CategoryRule.ZERO_URBAN
        and rules["zero_rural"] == CategoryRule.ZERO_RURAL
    )
    assert (
        rules["graduate"] == rules["other"] == CategoryRule.EVIDENCE
    )  # no graduation date in the ledger


def test_a_22_year_old_man_is_not_a_4050_person(coordinator):
    person = applicant(coordinator, born(22, "1"))
    assert refusal_of(coordinator, person, "older") == [
        "该人员为男性，现年22岁，不符合“4050”人员条件（男性须年满50岁）。"
    ]


def test_a_52_year_old_man_and_a_41_year_old_woman_are_4050_persons(coordinator):
    man = applicant(coordinator, born(52, "1"), name="大龄男")
    woman = applicant(coordinator, born(41, "2"), name="大龄女")
    assert list(apply_for(coordinator, man, "older").categories.all()) == [category("older")]
    assert apply_for(coordinator, woman, "older").state == "investigation"


def test_a_39_year_old_woman_is_not_and_the_ages_are_parameters(coordinator, province_admin):
    person = applicant(coordinator, born(39, "2"))
    assert "女性须年满40岁" in refusal_of(coordinator, person, "older")[0]
    parameter_set(actor=province_admin, key="assistance.older_female_age", region=province_admin.org.region,
                  value="35", effective_from=datetime.date(2020, 1, 1))  # fmt: skip
    assert apply_for(coordinator, person, "older").state == "investigation"


def test_near_retirement_counts_the_years_to_the_retirement_age_of_the_ledger(coordinator):
    young = applicant(coordinator, born(22, "1"), name="青年")
    assert (
        "不符合“距法定退休年龄不足10年”的条件"
        in refusal_of(coordinator, young, "near_retirement")[0]
    )
    older = applicant(coordinator, born(52, "1"), name="临退休")  # retires at 60: eight years
    assert apply_for(coordinator, older, "near_retirement").state == "investigation"


def test_near_retirement_needs_an_unemployment_registration(coordinator):
    person = resident(coordinator, body=born(52, "1"))
    with pytest.raises(ValidationError) as refused:
        apply_for(coordinator, person, "near_retirement")
    assert refused.value.code == "no_registration"


def test_long_term_unemployment_counts_from_the_day_of_unemployment(coordinator):
    recent = applicant(
        coordinator, born(30, "1"), name="新失业", since=TODAY() - datetime.timedelta(days=200)
    )
    assert "至今不满12个月" in refusal_of(coordinator, recent, "long_term")[0]
    long = applicant(
        coordinator, born(31, "1"), name="长期失业", since=TODAY() - datetime.timedelta(days=400)
    )
    assert apply_for(coordinator, long, "long_term").state == "investigation"


def test_disability_comes_from_the_ledger(coordinator):
    able = applicant(coordinator, born(30, "1"), name="无残疾")
    assert "没有残疾等级" in refusal_of(coordinator, able, "disabled")[0]
    disabled = applicant(coordinator, born(31, "1"), name="有残疾", disability="3")
    assert apply_for(coordinator, disabled, "disabled").state == "investigation"


def test_a_dibao_household_member_is_one_by_the_household_s_marker(coordinator):
    household, (poor,) = family(coordinator, (born(30, "1"), "低保户", LabourStatus.UNEMPLOYED))
    apply(coordinator, poor)
    assert "未享受最低生活保障" in refusal_of(coordinator, poor, "dibao")[0]
    history.change(household, actor=coordinator, has_dibao=True)
    assert apply_for(coordinator, poor, "dibao").state == "investigation"


def test_a_zero_household_member_needs_the_household_identified(coordinator, reviewer, approver):
    _household, (member,) = family(coordinator, (born(30, "1"), "零就业", LabourStatus.UNEMPLOYED))
    register_unemployed(member, coordinator)
    case = ZeroHousehold.objects.get(household=member.household)  # appeared, not identified yet
    code, other = (
        ("zero_urban", "zero_rural")
        if case.kind == HouseholdKind.URBAN
        else ("zero_rural", "zero_urban")
    )
    assert "已认定的" in refusal_of(coordinator, member, code)[0]
    identify(case, coordinator, reviewer, approver)
    with pytest.raises(ValidationError) as refused:  # of the other kind: no
        check_categories(Category.objects.filter(province="37", code=other), member)
    assert "已认定的" in refused.value.message_dict["categories"][0]
    check_categories(Category.objects.filter(province="37", code=code), member)  # now it holds
    proposed = Identification.objects.get(
        person=member
    )  # proposed at the household's identification
    assert [c.code for c in proposed.categories.all()] == [
        code
    ] and proposed.state == "investigation"


def test_a_person_holds_several_categories_and_every_refusal_is_given(coordinator):
    person = applicant(coordinator, born(52, "1"), name="多类别", disability="2")
    case = apply_for(coordinator, person, "older", "disabled", "graduate")
    assert {c.code for c in case.categories.all()} == {"older", "disabled", "graduate"}
    young = applicant(coordinator, born(22, "1"), name="不符")
    reasons = refusal_of(coordinator, young, "older", "disabled", "other")
    assert len(reasons) == 2  # "other" is proved by evidence later


def test_evidence_categories_need_evidence_marked_for_them_at_identification(
    coordinator, reviewer, approver
):
    person = approved(
        coordinator, reviewer, approver, resident(coordinator, body=born(24, "2"))
    ).person
    with after_notice_of(coordinator, person, "graduate") as case:
        workflow.fire(case, "end_notice", actor=coordinator)
        workflow.fire(case, "report", actor=reviewer)
        with pytest.raises(ValidationError) as refused:
            workflow.fire(case, "identify", actor=approver)
        assert "“离校6个月以上未就业的高校毕业生”须凭证明材料认定" in refused.value.messages[0]
        history.update(case.attachments.all(), actor=coordinator, category=category("graduate"))
        workflow.fire(case, "identify", actor=approver)
    assert case.state == "identified" and case.card.is_valid


def test_the_county_checks_the_data_again_when_it_identifies(
    coordinator, reviewer, approver, login
):
    household, (member,) = family(coordinator, (born(35, "1"), "低保复核", LabourStatus.UNEMPLOYED))
    history.change(household, actor=coordinator, has_dibao=True)
    approved(coordinator, reviewer, approver, member)
    with after_notice_of(coordinator, member, "dibao") as case:
        workflow.fire(case, "end_notice", actor=coordinator)
        workflow.fire(case, "report", actor=reviewer)
        history.change(household, actor=coordinator, has_dibao=False)  # the 低保 ended meanwhile
        page = login(approver).post(reverse("assistance:fire", args=[case.pk]), {"transition": "identify"},
                                    follow=True).content.decode()  # fmt: skip
    case.refresh_from_db()
    assert case.state == "county_identification" and "未享受最低生活保障" in page


def test_the_application_page_shows_the_refusal_at_the_field(
    coordinator, reviewer, approver, login
):
    person = approved(
        coordinator, reviewer, approver, resident(coordinator, body=born(22, "1"))
    ).person
    page = login(coordinator).post(reverse("assistance:add", args=[person.pk]),
                                   {"categories": [category("older").pk], "origin": "application",
                                    "applied_on": TODAY().isoformat()}).content.decode()  # fmt: skip
    assert "不符合“4050”人员条件（男性须年满50岁）" in page and "has-error" in page


class after_notice_of:
    """A case of ``codes`` for ``person`` put on notice three weeks ago, investigated with an
    unmarked piece of evidence; inside, the first working day after the notice."""

    def __init__(self, coordinator, person, *codes):
        with time_machine.travel(TODAY() - datetime.timedelta(days=21), tick=False):
            self.case = apply_for(coordinator, person, *codes)
            services.identification_update(actor=coordinator, identification=self.case,
                                           expected_version=self.case.version, investigation="入户核实")  # fmt: skip
            services.attachment_add(
                actor=coordinator, identification=self.case, title="证明", file=evidence()
            )
            workflow.fire(self.case, "first_approve", actor=coordinator)
        self.case.refresh_from_db()
        self.travel = after_notice(self.case)

    def __enter__(self):
        self.travel.__enter__()
        return self.case

    def __exit__(self, *exc):
        return self.travel.__exit__(*exc)


def test_the_demo_identifications_agree_with_the_data():
    exit_check()  # as every night: who took other work since goes to exit review
    cases = Identification.objects.filter(state__in=["county_identification", "identified"])
    # placed on a post or in subsidised flexible work since: their registration ended with it
    cases = cases.exclude(person__status__in=SUPPORTED_WORK)
    assert cases.exists()
    for case in cases.select_related("person__household").prefetch_related("categories"):
        check_categories(case.categories.all(), case.person, identification=case)
