import datetime

import pytest
from django.utils import timezone

from jiuye.jobs.tests.helpers import resident

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_a_loan_through_the_api_from_application_to_repayment(
    coordinator, reviewer, approver, login
):
    person = resident(coordinator, "接口借款人")

    def call(client, url, data, status=200, method="post"):
        response = getattr(client, method)(url, data, content_type="application/json")
        assert response.status_code == status, response.content.decode()
        return response.json()

    api = login(coordinator)
    entrepreneur = call(api, "/api/v1/startups/entrepreneurs/",
                        {"person": person.pk, "trade": "接口小店"}, status=201)  # fmt: skip
    entrepreneur = call(api, f"/api/v1/startups/entrepreneurs/{entrepreneur['id']}/services/",
                        {"startup_service_kind": "project", "on": str(TODAY()), "details": "推荐项目"})  # fmt: skip
    assert entrepreneur["services"][0]["kind_label"] == "推荐创业项目"
    application = {"person": person.pk, "project": "接口小店", "micro_profit": True, "amount": "150000",
                   "term_months": 24, "guarantee_kind": "agency", "guarantor": "担保中心"}  # fmt: skip
    refused = call(api, "/api/v1/startups/loans/", application, status=400)
    assert "个人贷款额度上限" in refused["amount"][0]
    loan = call(api, "/api/v1/startups/loans/", {**application, "amount": "80000"}, status=201)
    assert loan["state"] == "applied"
    url = f"/api/v1/startups/loans/{loan['id']}/"
    loan = call(api, url, {"amount": "90000", "version": loan["version"]}, method="patch")
    assert loan["amount"] == "90000.00"
    call(api, f"{url}transitions/", {"transition": "township_approve"}, status=403)
    call(login(reviewer), f"{url}transitions/", {"transition": "township_approve"})
    county = login(approver)
    call(county, f"{url}transitions/", {"transition": "county_approve"})
    call(county, f"{url}bank-approval/", {"bank": "银行", "contract_number": "JK-9", "annual_rate": "4.35",
                                          "disbursed_on": str(TODAY())})  # fmt: skip
    loan = call(county, f"{url}transitions/", {"transition": "disburse"})
    assert loan["state"] == "disbursed" and loan["ends_on"]
    detail = county.get(url).json()
    assert len(detail["schedule"]) == 24 and detail["schedule"][0]["interest"] == "326.25"
    assert detail["schedule"][0]["subsidy_status"] == "pending"
    # the update is closed once the application left the community
    call(login(coordinator), url, {"amount": "1000", "version": detail["version"]}, status=400,
         method="patch")  # fmt: skip
    loan = call(
        login(coordinator), f"{url}repayments/", {"paid_on": str(TODAY()), "amount": "326.25"}
    )
    assert loan["state"] == "repaying" and loan["schedule"][0]["paid_on"] == str(TODAY())
    assert loan["schedule"][0]["subsidy_status"] == "subsidised"
    listed = county.get("/api/v1/startups/loans/?region=" + person.region_id).json()
    assert any(row["id"] == loan["id"] for row in listed["results"])
    assert datetime.date.fromisoformat(loan["disbursed_on"]) == TODAY()
