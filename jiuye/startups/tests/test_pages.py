import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jiuye.jobs.tests.helpers import resident
from jiuye.staff.models import User
from jiuye.startups import services
from jiuye.startups.models import Entrepreneur, Loan
from jiuye.startups.tests.helpers import lent, pay
from jiuye.subsidies.services import claim_prepare
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def overdue_loan(coordinator, reviewer, approver):
    person = resident(coordinator, "页面借款人")
    services.entrepreneur_register(actor=coordinator, person=person, trade="页面小店")
    loan = lent(coordinator, reviewer, approver, person, on=TODAY() - datetime.timedelta(days=75))
    return pay(coordinator, loan, 1)


def test_the_loan_page_shows_the_schedule_the_overdue_month_and_why_it_gets_no_subsidy(
    overdue_loan, coordinator, login
):
    page = login(coordinator).get(reverse("startups:loan", args=[overdue_loan.pk])).content.decode()
    second = overdue_loan.instalments.get(number=2)
    assert "逾期金额290.00元" in page
    assert f"该期逾期未还（应还日{second.due_on:%Y-%m-%d}" in page and "逾期期间不予贴息" in page
    assert "按参数“贴息比例”100%贴息290.00元" in page
    assert "登记还款" in page and "记录协助回收" in page


def test_a_repayment_form_error_comes_back_as_a_message(overdue_loan, coordinator, login):
    browser = login(coordinator)
    url = reverse("startups:loan-repay", args=[overdue_loan.pk])
    response = browser.post(url, {"paid_on": TODAY(), "amount": "999999"}, follow=True)
    assert "还款金额超过尚欠本息" in response.content.decode()
    browser.post(url, {"paid_on": TODAY(), "amount": "290"})
    assert overdue_loan.instalments.get(number=2).paid_on == TODAY()


def test_the_application_form_refuses_an_amount_over_the_limit_at_the_field(coordinator, login):
    person = resident(coordinator, "表单借款人")
    response = login(coordinator).post(reverse("startups:loan-add", args=[person.pk]), {
        "project": "小吃店", "partners": 1, "amount": "120000", "term_months": 24,
        "guarantee_kind": "agency", "guarantor": "担保中心",
    })  # fmt: skip
    assert response.status_code == 200
    assert "个人贷款额度上限" in str(response.context["form"].errors["amount"])
    assert not Loan.objects.filter(person=person).exists()


def test_the_buttons_follow_the_roles(coordinator, reviewer, login):
    loan = services.loan_apply(actor=coordinator, person=resident(coordinator, "按钮借款人"),
                               project="小吃店", amount=Decimal("50000"), term_months=12,
                               guarantor="担保中心")  # fmt: skip
    url = reverse("startups:loan", args=[loan.pk])
    assert "审核通过并上报" not in login(coordinator).get(url).content.decode()
    assert "审核通过并上报" in login(reviewer).get(url).content.decode()
    login(reviewer).post(reverse("startups:loan-fire", args=[loan.pk]),
                         {"transition": "township_approve"})  # fmt: skip
    loan.refresh_from_db()
    assert loan.state == "county_review"


def test_the_entrepreneur_page_shows_which_of_the_one_plus_three_are_done(
    overdue_loan, coordinator, login
):
    entrepreneur = Entrepreneur.objects.get(person=overdue_loan.person)
    browser = login(coordinator)
    browser.post(reverse("startups:service-add", args=[entrepreneur.pk]),
                 {"kind": "premises", "on": TODAY(), "details": "落实门面房"})  # fmt: skip
    page = browser.get(reverse("startups:entrepreneur", args=[entrepreneur.pk])).content.decode()
    assert "推荐创业项目：未办" in page
    assert "落实经营场所：已办" in page and "办理小额担保贷款：已办" in page


@pytest.mark.parametrize(
    ("name", "queries"),
    [("startups:entrepreneurs", 11), ("startups:loans", 10), ("startups:overdue", 10),
     ("startups:credit", 14)],
)  # fmt: skip
def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_many(
    name, queries, reviewer, approver, login, django_assert_num_queries
):
    villages = User.objects.filter(username__startswith="coordinator-370102").order_by("username")

    def add(numbers):
        """In each village, an entrepreneur whose loan was lent 75 days ago and not repaid: a
        row of each list (the credit list has a row per village)."""
        for n in numbers:
            coordinator = villages[n]
            person = resident(coordinator, f"列表借款人{n}", region_code=coordinator.org.region_id)
            services.entrepreneur_register(actor=coordinator, person=person, trade="列表小店")
            township = User.objects.get(username=f"reviewer-{coordinator.org.region_id[:9]}")
            lent(coordinator, township, approver, person, on=TODAY() - datetime.timedelta(days=75))

    add(range(2))
    browser = login(approver)
    browser.get(reverse(name))  # the first request of the session
    with django_assert_num_queries(queries):
        few = browser.get(reverse(name))
    add(range(2, 12))
    with django_assert_num_queries(queries):
        many = browser.get(reverse(name))
    assert few.status_code == many.status_code == 200
    assert rows_shown(few) < rows_shown(many)


def test_a_user_of_the_sibling_county_gets_404_for_entrepreneurs_and_loans(
    overdue_loan, sibling_approver, login
):
    browser = login(sibling_approver)
    entrepreneur = Entrepreneur.objects.get(person=overdue_loan.person)
    for url in (reverse("startups:loan", args=[overdue_loan.pk]),
                reverse("startups:entrepreneur", args=[entrepreneur.pk]),
                f"/api/v1/startups/loans/{overdue_loan.pk}/",
                f"/api/v1/startups/entrepreneurs/{entrepreneur.pk}/"):  # fmt: skip
        assert browser.get(url).status_code == 404, url
    response = browser.post(f"/api/v1/startups/loans/{overdue_loan.pk}/repayments/",
                            {"paid_on": TODAY(), "amount": "290"}, content_type="application/json")  # fmt: skip
    assert response.status_code == 404
    assert overdue_loan.person.name not in browser.get(reverse("startups:overdue")).content.decode()


def test_the_home_page_shows_the_overdue_loans_of_the_jurisdiction(
    overdue_loan, coordinator, sibling_approver, login
):
    page = login(coordinator).get("/").content.decode()
    assert "逾期小额担保贷款" in page and overdue_loan.person.name in page
    assert overdue_loan.person.name not in login(sibling_approver).get("/").content.decode()


def test_an_identity_number_opens_the_form_or_the_existing_record(
    overdue_loan, coordinator, sibling_coordinator, login
):
    browser = login(coordinator)
    person = resident(coordinator, "查找人员")
    url = reverse("startups:find")
    response = browser.get(url, {"for": "entrepreneur", "id_number": person.id_number.lower()})
    assert response["Location"] == reverse("startups:entrepreneur-add", args=[person.pk])
    response = browser.get(url, {"for": "loan", "id_number": overdue_loan.person.id_number})
    assert response["Location"] == reverse("startups:loan", args=[overdue_loan.pk])
    response = login(sibling_coordinator).get(url, {"id_number": person.id_number}, follow=True)
    assert "本辖区台账中没有公民身份号码" in response.content.decode()


def test_claimed_months_are_marked_on_the_loan_page(overdue_loan, coordinator, login):
    claim = claim_prepare(actor=coordinator, kind="loan_interest", month=TODAY())
    page = login(coordinator).get(reverse("startups:loan", args=[overdue_loan.pk])).content.decode()
    assert reverse("subsidies:claim", args=[claim.pk]) in page and "已申报" in page
