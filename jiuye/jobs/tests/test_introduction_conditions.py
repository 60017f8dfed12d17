"""The conditions of the job-introduction subsidy (guideline 十四) are policy parameters: the
shortest labour contract and whether social insurance must be paid, each read for the
referring office's region on the day of the hire."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiuye.conftest import COUNTY, SIBLING_COUNTY
from jiuye.core.models import PolicyParameter
from jiuye.core.parameters import PARAMETERS
from jiuye.jobs import services as jobs
from jiuye.jobs.subsidy import job_introduction_lines
from jiuye.jobs.tests.helpers import employer, resident, seeker, vacancy
from jiuye.subsidies.kinds import month_bounds

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def post(coordinator):
    return vacancy(coordinator, employer(coordinator), posts=20)


def hire(actor, post, name, *, months=12, insured=True):
    person = resident(actor, name)
    referral = jobs.referral_create(actor=actor, seeker=seeker(actor, person), vacancy=post)
    jobs.referral_hire(actor=actor, referral=referral, hired_on=TODAY(), contract_months=months,
                       social_insurance=insured)  # fmt: skip
    return person


def lines_of(office):
    return {line.person_id: line for line in job_introduction_lines(office, *month_bounds(TODAY()))}


def set_parameter(key, value, region):
    PolicyParameter.objects.create(key=key, value=value, region_id=region, source="区人社局文件",
                                   effective_from=datetime.date(2020, 1, 1))  # fmt: skip


def test_a_contract_shorter_than_the_parameter_gives_no_line(coordinator, post):
    short = hire(coordinator, post, "合同甲", months=11)
    enough = hire(coordinator, post, "合同乙", months=12)
    assert set(lines_of(coordinator.org)) == {enough.pk}
    assert short.pk not in lines_of(coordinator.org)


def test_a_county_that_sets_a_shorter_contract_pays_for_it(coordinator, post):
    six = hire(coordinator, post, "合同丙", months=6)
    set_parameter("subsidies.job_introduction_min_contract_months", "12", SIBLING_COUNTY)
    assert six.pk not in lines_of(coordinator.org)
    set_parameter("subsidies.job_introduction_min_contract_months", "6", COUNTY)
    line = lines_of(coordinator.org)[six.pk]
    assert "职业介绍补贴最短劳动合同期限”6个月" in line.explanation


def test_social_insurance_is_required_by_default(coordinator, post):
    uninsured = hire(coordinator, post, "社保甲", insured=False)
    insured = hire(coordinator, post, "社保乙")
    lines = lines_of(coordinator.org)
    assert set(lines) == {insured.pk} and uninsured.pk not in lines
    assert "已参加社会保险，参数“职业介绍补贴须缴纳社会保险”为是" in lines[insured.pk].explanation


def test_a_county_that_does_not_require_insurance_pays_for_an_uninsured_hire(coordinator, post):
    uninsured = hire(coordinator, post, "社保丙", insured=False)
    set_parameter("subsidies.job_introduction_requires_insurance", "0", SIBLING_COUNTY)
    assert uninsured.pk not in lines_of(coordinator.org)
    set_parameter("subsidies.job_introduction_requires_insurance", "0", COUNTY)
    line = lines_of(coordinator.org)[uninsured.pk]
    assert "未参加社会保险，参数“职业介绍补贴须缴纳社会保险”为否" in line.explanation


def test_the_insurance_parameter_takes_only_yes_or_no():
    parameter = PARAMETERS["subsidies.job_introduction_requires_insurance"]
    assert parameter.parse("0") == 0 and parameter.parse("1") == 1
    with pytest.raises(ValidationError):
        parameter.parse("2")
