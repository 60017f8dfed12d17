import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.assistance.models import Category, Identification
from jiuye.assistance.selectors import policies_enjoyed
from jiuye.conftest import COUNTY
from jiuye.core import workflow
from jiuye.core.models import PolicyParameter
from jiuye.jobs import services as jobs
from jiuye.jobs.models import Referral, Seeker
from jiuye.jobs.tests.helpers import employer, resident, seeker, vacancy
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.subsidies.models import Claim, ClaimLine
from jiuye.subsidies.services import claim_prepare

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
KIND = "job_introduction"


@pytest.fixture
def post(coordinator):
    return vacancy(coordinator, employer(coordinator), posts=20)


def hire(actor, post, name, *, months=12, insured=True, **person_fields):
    person = resident(actor, name, **person_fields)
    referral = jobs.referral_create(actor=actor, seeker=seeker(actor, person), vacancy=post)
    jobs.referral_hire(actor=actor, referral=referral, hired_on=TODAY(), contract_months=months,
                       social_insurance=insured)  # fmt: skip
    return person


def test_the_subsidy_follows_the_hires_with_insurance_and_a_long_enough_contract(coordinator, post):
    paid = hire(coordinator, post, "补贴甲")
    hire(coordinator, post, "补贴乙", insured=False)
    hire(coordinator, post, "补贴丙", months=6)
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    lines = list(claim.lines.all())
    assert [line.person_id for line in lines] == [paid.pk]
    assert claim.count == 1 and claim.total == Decimal("200.00")
    assert claim.org_id == coordinator.org_id and claim.region_id == coordinator.org.region_id
    line = lines[0]
    assert line.period == str(TODAY().year) and line.amount == Decimal("200")
    assert "职业介绍补贴最短劳动合同期限" in line.explanation and "12个月" in line.explanation
    assert "一般标准“职业介绍补贴标准”200元" in line.explanation
    assert isinstance(line.source, Referral)


def test_hard_to_employ_persons_get_the_higher_amount_and_a_county_may_set_its_own(
    coordinator, post, province_admin
):
    person = resident(coordinator, "补贴丁")
    helped = seeker(coordinator, person)
    case = Identification.objects.create(person=person, region_id=person.region_id, state="identified",
                                         origin="application", applied_on=TODAY())  # fmt: skip
    case.categories.add(Category.objects.get(province="37", code="long_term"))
    jobs.refresh_priority(Seeker.objects.filter(pk=helped.pk))
    PolicyParameter.objects.create(key="subsidies.job_introduction_amount_priority", value="600", region_id=COUNTY,
                                   effective_from=datetime.date(2020, 1, 1), source="区人社局文件")  # fmt: skip
    referral = jobs.referral_create(actor=coordinator, seeker=helped, vacancy=post)
    jobs.referral_hire(
        actor=coordinator,
        referral=referral,
        hired_on=TODAY(),
        contract_months=24,
        social_insurance=True,
    )
    line = claim_prepare(actor=coordinator, kind=KIND, month=TODAY()).lines.get()
    assert line.amount == Decimal("600")
    assert "就业困难人员标准“职业介绍补贴标准（就业困难人员）”600元" in line.explanation


def test_a_person_is_paid_once_a_year_and_the_database_enforces_it(coordinator, post):
    person = hire(coordinator, post, "补贴戊")
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    assert claim.count == 1
    # out of work again, referred again and hired again in the same year: still one line
    person.refresh_from_db()
    ledger.person_set_status(
        actor=coordinator, person=person, status=LabourStatus.UNEMPLOYED, since=TODAY()
    )
    referral = jobs.referral_create(
        actor=coordinator, seeker=seeker(coordinator, person), vacancy=post
    )
    jobs.referral_hire(
        actor=coordinator,
        referral=referral,
        hired_on=TODAY(),
        contract_months=12,
        social_insurance=True,
    )
    assert Referral.objects.filter(seeker__person=person, state="hired").count() == 2
    again = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    assert again.pk == claim.pk and again.lines.count() == 1
    # whatever code tries, the database refuses a second line for the person, kind and year
    line = again.lines.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(claim=claim, kind=KIND, person=person, region_id=person.region_id,
                                 period=line.period, amount=Decimal("200"), explanation="重复",
                                 source_type=ContentType.objects.get_for_model(Referral), source_id=referral.pk)  # fmt: skip
    ClaimLine.objects.create(claim=claim, kind=KIND, person=person, region_id=person.region_id,
                             period=str(TODAY().year + 1), amount=Decimal("200"), explanation="下一年",
                             source_type=ContentType.objects.get_for_model(Referral), source_id=referral.pk)  # fmt: skip


def test_approval_goes_through_hr_then_finance(
    coordinator, approver, finance, sibling_approver, post
):
    person = hire(coordinator, post, "审批甲")
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    workflow.fire(claim, "submit", actor=coordinator)
    assert claim.state == "hr_review" and claim.due_on is not None
    with pytest.raises(ValidationError, match="不能再更新"):
        claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    with pytest.raises(PermissionDenied):
        workflow.fire(claim, "hr_approve", actor=finance)
    with pytest.raises(Http404):
        workflow.fire(claim, "hr_approve", actor=sibling_approver)
    workflow.fire(claim, "hr_approve", actor=approver)
    with pytest.raises(PermissionDenied):
        workflow.fire(claim, "finance_approve", actor=approver)
    assert "职业介绍补贴" not in str(policies_enjoyed(person))  # not before it is approved
    workflow.fire(claim, "finance_approve", actor=finance)
    assert Claim.objects.get(pk=claim.pk).state == "approved"
    assert (claim.month, "职业介绍补贴", f"200.00元（{coordinator.org.name}申领）") in [
        (day, str(policy), detail) for day, policy, detail in policies_enjoyed(person)
    ]


def test_a_refused_claim_frees_its_persons_for_a_new_claim(coordinator, approver, post):
    hire(coordinator, post, "退回甲")
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    workflow.fire(claim, "submit", actor=coordinator)
    workflow.fire(claim, "hr_reject", actor=approver, comment="材料不全")
    assert not claim.lines.filter(void=False).exists()
    fresh = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    assert fresh.pk != claim.pk and fresh.count == 1


def test_an_empty_claim_is_not_submitted_and_a_future_month_not_claimed(coordinator):
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    with pytest.raises(ValidationError, match="没有补贴人员"):
        workflow.fire(claim, "submit", actor=coordinator)
    with pytest.raises(ValidationError, match="尚未到来"):
        claim_prepare(actor=coordinator, kind=KIND, month=TODAY() + datetime.timedelta(days=40))
    with pytest.raises(ValidationError, match="未知的补贴类别"):
        claim_prepare(actor=coordinator, kind="nothing", month=TODAY())


def test_a_hire_after_the_months_claim_was_submitted_comes_in_the_next_claim(coordinator, post):
    hire(coordinator, post, "晚到甲")
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    workflow.fire(claim, "submit", actor=coordinator)
    late = hire(coordinator, post, "晚到乙")
    next_month = (TODAY().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    with time_machine.travel(next_month + datetime.timedelta(days=2), tick=False):
        following = claim_prepare(actor=coordinator, kind=KIND, month=next_month)
    assert [line.person_id for line in following.lines.all()] == [late.pk]
    assert following.lines.get().period == str(TODAY().year)


def test_a_claim_exports_its_lines_with_masked_numbers_and_the_total(
    coordinator, sibling_approver, post, login
):
    person = hire(coordinator, post, "导出甲")
    claim = claim_prepare(actor=coordinator, kind=KIND, month=TODAY())
    response = login(coordinator).get(f"/subsidies/{claim.pk}/export.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][1] == "导出甲" and rows[1][2] == person.masked_id_number != person.id_number
    assert (
        Decimal(str(rows[1][5])) == Decimal("200") and "职业介绍补贴最短劳动合同期限" in rows[1][6]
    )
    assert rows[-1][1] == "合计" and Decimal(str(rows[-1][5])) == Decimal("200")
    assert login(sibling_approver).get(f"/subsidies/{claim.pk}/export.xlsx").status_code == 404
