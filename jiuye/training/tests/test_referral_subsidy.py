"""The referral subsidy (推荐参训补助, guideline 十七): a designated institution pays the office
that referred a trainee who took part in its course, at the standard in force for the
institution's region on the day the course began; the payments settle named trainees. Kept
apart from the training subsidy, which the claim of the trainee's completion holds."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jiuye.conftest import COUNTY, SIBLING_COUNTY
from jiuye.core import workflow
from jiuye.core.models import PolicyParameter
from jiuye.subsidies.models import ClaimLine
from jiuye.training import selectors, services
from jiuye.training.models import Enrolment, ReferralPayment
from jiuye.training.tests.helpers import course, institution, registered_unemployed

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def school(approver):
    return institution(approver)


@pytest.fixture
def lesson(approver, school):
    return course(approver, school, starts_on=TODAY() - datetime.timedelta(days=2))


def refer(coordinator, lesson, name, *, attend=True):
    person = registered_unemployed(coordinator, name)
    enrolment = services.enrolment_create(actor=coordinator, person=person, course=lesson)
    if attend:
        workflow.fire(enrolment, "attend", actor=coordinator)
    return enrolment


def account(user, school):
    (found,) = selectors.referral_accounts(user, institution=school)
    return found


def test_a_trainee_who_takes_part_is_owed_for_and_a_referral_that_never_came_is_not(
    coordinator, school, lesson
):
    came = refer(coordinator, lesson, "补助甲")
    refer(coordinator, lesson, "补助乙", attend=False)
    gone = refer(coordinator, lesson, "补助丙", attend=False)
    workflow.fire(gone, "drop", actor=coordinator, comment="未报到")
    left = refer(coordinator, lesson, "补助丁")
    services.enrolment_attendance(actor=coordinator, enrolment=left, attended_hours=6)
    workflow.fire(left, "drop", actor=coordinator, comment="找到工作")
    assert set(Enrolment.objects.took_part().filter(course=lesson)) == {came, left}
    found = account(coordinator, school)
    assert found.org == coordinator.org and found.trainees == 2
    assert (
        found.owed == Decimal("100.00")
        and found.paid == 0
        and found.outstanding == Decimal("100.00")
    )


def test_the_standard_is_the_institution_s_county_s_on_the_day_the_course_began(
    coordinator, school, lesson
):
    refer(coordinator, lesson, "标准甲")
    PolicyParameter.objects.create(key="training.referral_subsidy_amount", value="80.5", region_id=SIBLING_COUNTY,
                                   effective_from=datetime.date(2020, 1, 1), source="外县文件")  # fmt: skip
    assert account(coordinator, school).owed == Decimal("50.00")
    PolicyParameter.objects.create(key="training.referral_subsidy_amount", value="80.5", region_id=COUNTY,
                                   effective_from=lesson.starts_on, source="区人社局文件")  # fmt: skip
    assert account(coordinator, school).owed == Decimal("80.50")
    PolicyParameter.objects.create(key="training.referral_subsidy_amount", value="90", region_id=COUNTY,
                                   effective_from=lesson.starts_on + datetime.timedelta(days=1), source="后发文件")  # fmt: skip
    assert account(coordinator, school).owed == Decimal("80.50")


def test_a_payment_settles_the_trainees_it_names_for_exactly_what_they_are_owed(
    coordinator, school, lesson
):
    first, second = refer(coordinator, lesson, "结算甲"), refer(coordinator, lesson, "结算乙")
    pay = {"actor": coordinator, "institution": school, "org": coordinator.org, "paid_on": TODAY()}
    with pytest.raises(ValidationError) as refused:
        services.referral_payment_record(**pay, enrolments=[first], amount=Decimal("60"))
    assert "应付推荐参训补助50.00元" in str(refused.value.message_dict["amount"])
    payment = services.referral_payment_record(**pay, enrolments=[first], amount=Decimal("50"))
    first.refresh_from_db()
    assert first.referral_payment == payment and payment.region_id == coordinator.org.region_id
    assert payment.recorded_by == coordinator and first.history.first().history_user == coordinator
    found = account(coordinator, school)
    assert (found.owed, found.paid, found.outstanding) == (
        Decimal("100.00"),
        Decimal("50.00"),
        Decimal("50.00"),
    )
    with pytest.raises(ValidationError) as twice:
        services.referral_payment_record(**pay, enrolments=[first, second], amount=Decimal("100"))
    assert "已结算" in str(twice.value.message_dict["enrolments"])
    with pytest.raises(ValidationError):
        services.referral_payment_record(**{**pay, "paid_on": TODAY() + datetime.timedelta(days=1)},
                                         enrolments=[second], amount=Decimal("50"))  # fmt: skip
    assert (
        ReferralPayment.objects.count()
        == 1 + ReferralPayment.objects.exclude(pk=payment.pk).count()
    )


def test_a_sibling_office_may_not_record_a_payment_for_another_office(
    coordinator, sibling_coordinator, school, lesson
):
    trainee = refer(coordinator, lesson, "越权甲")
    with pytest.raises(ValidationError) as refused:
        services.referral_payment_record(
            actor=sibling_coordinator, institution=school, org=coordinator.org, enrolments=[trainee],
            paid_on=TODAY(), amount=Decimal("50"),
        )  # fmt: skip
    assert "org" in refused.value.message_dict


def test_it_is_no_claim_line_and_apart_from_the_training_subsidy(coordinator, school, lesson):
    trainee = refer(coordinator, lesson, "分开甲")
    services.referral_payment_record(actor=coordinator, institution=school, org=coordinator.org,
                                     enrolments=[trainee], paid_on=TODAY(), amount=Decimal("50"))  # fmt: skip
    assert not ClaimLine.objects.filter(person=trainee.person).exists()


def test_the_pages_show_owed_paid_and_outstanding_and_record_a_payment(
    coordinator, approver, school, lesson, login
):
    first = refer(coordinator, lesson, "页面甲")
    refer(coordinator, lesson, "页面乙")
    page = reverse("training:referral-account", args=[school.pk, coordinator.org_id])
    browser = login(coordinator)
    answer = browser.post(
        page, {"enrolments": [first.pk], "paid_on": TODAY(), "amount": "70", "note": ""}
    )
    assert answer.status_code == 200 and "应付推荐参训补助50.00元" in answer.content.decode()
    answer = browser.post(
        page, {"enrolments": [first.pk], "paid_on": TODAY(), "amount": "50", "note": "转账"}
    )
    assert (
        answer.status_code == 302
        and ReferralPayment.objects.filter(institution=school).count() == 1
    )
    text = browser.get(page).content.decode()
    assert "页面甲" in text and "页面乙" in text and "100.00" in text and "转账" in text
    listed = browser.get(reverse("training:referral-accounts")).content.decode()
    assert school.name in listed and "50.00" in listed
    shown = login(approver).get(school.get_absolute_url()).content.decode()
    assert "推荐参训补助" in shown and coordinator.org.name in shown and "50.00" in shown


def test_a_sibling_gets_404_for_an_account_and_sees_none_in_the_list(
    coordinator, sibling_coordinator, sibling_approver, school, lesson, login
):
    refer(coordinator, lesson, "外人甲")
    page = reverse("training:referral-account", args=[school.pk, coordinator.org_id])
    for sibling in (sibling_coordinator, sibling_approver):
        browser = login(sibling)
        assert browser.get(page).status_code == 404
        assert browser.post(page, {"paid_on": TODAY(), "amount": "50"}).status_code == 404
        assert (
            school.name not in browser.get(reverse("training:referral-accounts")).content.decode()
        )


def test_an_institution_of_another_county_is_not_an_account_of_the_office(
    coordinator, sibling_approver, login
):
    elsewhere = institution(sibling_approver, region_code=SIBLING_COUNTY)
    page = reverse("training:referral-account", args=[elsewhere.pk, coordinator.org_id])
    assert login(coordinator).get(page).status_code == 404


def test_the_list_takes_the_same_number_of_queries_for_a_few_accounts_or_many(
    coordinator, approver, school, lesson, login, django_assert_num_queries
):
    browser = login(approver)
    url = reverse("training:referral-accounts")
    refer(coordinator, lesson, "查询甲")
    browser.get(url)
    with django_assert_num_queries(11) as few:
        browser.get(url)
    for n in range(6):
        other = course(approver, institution(approver), starts_on=lesson.starts_on, title=f"班{n}")
        refer(coordinator, other, f"查询{n}")
    with django_assert_num_queries(len(few.captured_queries)):
        browser.get(url)


def test_the_demo_data_has_referral_subsidies_paid_and_owed(approver):
    accounts = selectors.referral_accounts(approver)
    assert accounts and any(a.paid for a in accounts) and any(a.outstanding for a in accounts)
    assert all(a.paid <= a.owed for a in accounts)
