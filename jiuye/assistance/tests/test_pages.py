import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from jiuye.assistance.choices import HouseholdState
from jiuye.assistance.models import Category, Identification
from jiuye.assistance.services import NOT_A_CASE_WORKER
from jiuye.assistance.tests.test_households import evidence, family, zero_couple
from jiuye.assistance.tests.test_identification import identified, in_notice
from jiuye.conftest import COUNTY, TOWNSHIP, VILLAGE_A
from jiuye.ledger import services as ledger
from jiuye.ledger.choices import LabourStatus
from jiuye.registration.tests.helpers import register_unemployed
from jiuye.registration.tests.test_registration import approved, resident

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def text(response) -> str:
    return PdfReader(io.BytesIO(response.content)).pages[0].extract_text().replace(" ", "")


def test_a_coordinator_takes_a_case_through_the_pages_to_the_notice(
    coordinator, reviewer, approver, login
):
    person = approved(coordinator, reviewer, approver).person
    client = login(coordinator)
    assert (
        "申请就业困难人员认定"
        in client.get(reverse("ledger:detail", args=[person.pk])).content.decode()
    )
    category = Category.objects.get(province="37", code="other")
    response = client.post(reverse("assistance:add", args=[person.pk]),
                           {"categories": [category.pk], "origin": "application", "applied_on": TODAY().isoformat(),
                            "situation": "下岗多年"})  # fmt: skip
    case = Identification.objects.get(person=person)
    assert response.status_code == 302 and response["Location"] == reverse(
        "assistance:detail", args=[case.pk]
    )

    detail = reverse("assistance:detail", args=[case.pk])
    client.post(reverse("assistance:fire", args=[case.pk]), {"transition": "first_approve"})
    page = client.get(detail).content.decode()
    assert "请填写调查核实情况" in page and "请上传调查材料" in page  # refused, the reasons shown
    client.post(reverse("assistance:edit", args=[case.pk]),
                {"categories": [category.pk], "situation": "下岗多年", "investigation": "入户核实", "version": case.version})  # fmt: skip
    client.post(reverse("assistance:attach", args=[case.pk]),
                {"title": "困难情况证明", "category": category.pk, "file": SimpleUploadedFile("dibao.pdf", b"%PDF-1.4 x")})  # fmt: skip
    attachment = case.attachments.get()
    download = client.get(reverse("assistance:attachment", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"
    client.post(reverse("assistance:fire", args=[case.pk]), {"transition": "first_approve"})
    case.refresh_from_db()
    assert case.state == "notice"

    notice = client.get(reverse("assistance:notice"), {"region": VILLAGE_A}).content.decode()
    assert (
        person.name in notice
        and person.id_number not in notice
        and person.masked_id_number not in notice
    )
    pdf = client.get(reverse("assistance:notice"), {"region": VILLAGE_A, "format": "pdf"})
    assert (
        person.name in text(pdf)
        and person.id_number not in text(pdf)
        and coordinator.phone in text(pdf)
    )

    client.post(reverse("assistance:object", args=[case.pk]), {"content": "邻居反映有收入"})
    case.refresh_from_db()
    assert case.state == "on_hold" and "邻居反映有收入" in client.get(detail).content.decode()
    client.post(
        reverse("assistance:decide", args=[case.pk]), {"upheld": "0", "outcome": "核实无收入"}
    )
    case.refresh_from_db()
    assert case.state == "notice"


def test_the_county_identifies_on_its_page_and_the_card_is_printable(
    coordinator, reviewer, approver, login
):
    with time_machine.travel(TODAY() - datetime.timedelta(days=21), tick=False):
        case = in_notice(coordinator, approved(coordinator, reviewer, approver).person)
    login(coordinator).post(
        reverse("assistance:fire", args=[case.pk]), {"transition": "end_notice"}
    )
    login(reviewer).post(reverse("assistance:fire", args=[case.pk]), {"transition": "report"})
    client = login(approver)
    assert "待县级认定" in client.get(reverse("home")).content.decode()
    client.post(reverse("assistance:fire", args=[case.pk]), {"transition": "identify"})
    case.refresh_from_db()
    page = client.get(reverse("assistance:detail", args=[case.pk])).content.decode()
    assert (
        case.state == "identified"
        and case.card.number in page
        and reverse("assistance:card", args=[case.card.pk]) in page
    )

    client = login(coordinator)
    client.post(
        reverse("assistance:exit", args=[case.pk]),
        {"reason": "refused", "on": TODAY().isoformat(), "comment": ""},
    )
    case.refresh_from_db()
    assert case.state == "identified"  # the reason is required
    exit_form = {"reason": "refused", "on": TODAY().isoformat(), "comment": "三次拒绝推荐岗位"}
    refused = client.post(reverse("assistance:exit", args=[case.pk]), exit_form, follow=True)
    case.refresh_from_db()  # no refusal recorded yet: the exit has no evidence
    assert case.state == "identified" and "须达到3次" in refused.content.decode()
    for day in range(3):
        client.post(reverse("assistance:refuse", args=[case.pk]),
                    {"on": TODAY().isoformat(), "offer": "job", "description": f"推荐保洁岗位{day}，本人拒绝"})  # fmt: skip
    page = client.get(reverse("assistance:detail", args=[case.pk])).content.decode()
    assert "推荐保洁岗位2，本人拒绝" in page and case.refusals.count() == 3
    client.post(reverse("assistance:exit", args=[case.pk]), exit_form)
    case.refresh_from_db()
    assert (
        case.state == "exited"
        and "已失效" in client.get(reverse("assistance:detail", args=[case.pk])).content.decode()
    )


def test_the_plan_page_sets_goals_measures_and_their_results(
    coordinator, sibling_coordinator, reviewer, approver, login
):
    case = identified(coordinator, reviewer, approver)
    client = login(coordinator)
    url = reverse("assistance:plan", args=[case.pk])
    client.post(
        url, {"action": "plan", "goals": "三个月内就业", "agreement_signed_on": TODAY().isoformat()}
    )
    plan = case.plan
    assert plan.goals == "三个月内就业" and plan.agreement_signed_on == TODAY()
    due = (TODAY() + datetime.timedelta(days=14)).isoformat()
    page = client.post(url, {"action": "measure", "kind": "job_referral", "description": "推荐保洁岗位",
                             "responsible": sibling_coordinator.pk, "due_on": due})  # fmt: skip
    assert (
        page.status_code == 200 and "errorlist" in page.content.decode()
    )  # not a worker of this case
    client.post(url, {"action": "measure", "kind": "job_referral", "description": "推荐保洁岗位",
                      "responsible": reviewer.pk, "due_on": due})  # fmt: skip
    measure = plan.measures.get()
    assert measure.responsible == reviewer
    client.post(
        url,
        {
            "action": "done",
            "measure": measure.pk,
            "done_on": TODAY().isoformat(),
            "result": "已面试",
        },
    )
    measure.refresh_from_db()
    assert measure.done_on == TODAY() and "已面试" in client.get(url).content.decode()
    client.post(reverse("assistance:serve", args=[case.pk]),
                {"kind": "post_placement", "on": TODAY().isoformat(), "content": "安置到社区保洁公益性岗位",
                 "measure": measure.pk})  # fmt: skip
    record = client.get(reverse("assistance:record", args=[case.person_id])).content.decode()
    for section in ("一、认定信息", "二、就业状态", "三、接受服务", "四、享受政策"):
        assert section in record
    assert (
        "安置到社区保洁公益性岗位" in record
        and case.card.number in record
        and "就业援助卡" in record
    )


def test_the_household_page_investigates_identifies_and_supports(
    coordinator, reviewer, approver, sibling_coordinator, login
):
    _household, _people, case = zero_couple(coordinator)
    url = reverse("assistance:household", args=[case.pk])
    investigate = reverse("assistance:household-investigate", args=[case.pk])
    attach = reverse("assistance:household-attach", args=[case.pk])
    answer = {"investigation": "入户核实：均失业", "version": case.version}
    sibling = login(sibling_coordinator)
    assert sibling.post(investigate, answer).status_code == 404
    assert sibling.post(attach, {"title": "收入证明", "file": evidence()}).status_code == 404
    client = login(coordinator)
    assert "王户主" in client.get(url).content.decode()
    client.post(investigate, answer)
    client.post(attach, {"title": "收入证明", "file": evidence()})
    attachment = case.attachments.get()
    download = reverse("assistance:household-attachment", args=[attachment.pk])
    assert client.get(download).status_code == 200
    fire = reverse("assistance:household-fire", args=[case.pk])
    client.post(fire, {"transition": "submit"})
    login(reviewer).post(fire, {"transition": "report"})
    login(approver).post(fire, {"transition": "identify"})
    case.refresh_from_db()
    assert case.state == HouseholdState.IDENTIFIED and case.investigation == "入户核实：均失业"
    assert login(sibling_coordinator).get(download).status_code == 404
    client = login(coordinator)
    response = client.post(
        url, {"action": "support", "support_plan": "", "responsible": coordinator.pk}
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    client.post(
        url, {"action": "support", "support_plan": "推荐公益性岗位", "responsible": coordinator.pk}
    )
    case.refresh_from_db()
    assert case.state == HouseholdState.SUPPORTED and case.support_plan == "推荐公益性岗位"


def test_the_dashboard_drills_down_and_stays_in_the_jurisdiction(
    coordinator, reviewer, approver, sibling_approver, login
):
    identified(coordinator, reviewer, approver)
    client = login(approver)
    county = client.get(reverse("assistance:dashboard"))
    board = county.context["board"]
    assert (
        board["region"].code == COUNTY
        and board["total"]["identified"] >= 1
        and board["total"]["cards"] >= 1
    )
    township = dict((child.code, row) for child, row in board["children"])[TOWNSHIP]
    assert township["identified"] >= 1
    assert f"?region={TOWNSHIP}" in county.content.decode()
    village = client.get(reverse("assistance:dashboard"), {"region": VILLAGE_A}).context["board"]
    assert village["total"]["identified"] >= 1 and village["children"] == []
    assert (
        login(sibling_approver)
        .get(reverse("assistance:dashboard"), {"region": VILLAGE_A})
        .status_code
        == 404
    )
    sibling = login(sibling_approver).get(reverse("assistance:dashboard")).context["board"]
    assert sibling["region"].code == "370103000000"
    # a fixed number of queries, however many regions are below
    url = reverse("assistance:dashboard")
    client = login(approver)
    assert (
        queries(client, url)
        == queries(client, url, region=TOWNSHIP)
        == queries(client, url, region=VILLAGE_A)
    )


def queries(client, url, **params) -> int:
    client.get(url, params)  # warm caches (content types, parameters)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_list_pages_run_the_same_queries_for_more_rows(coordinator, reviewer, approver, login):
    in_notice(coordinator, approved(coordinator, reviewer, approver).person)
    zero_couple(coordinator)
    client = login(coordinator)
    cases = reverse("assistance:list")
    households = reverse("assistance:households")
    before = queries(client, cases), queries(client, households)
    for body in ("37010219700101111", "37010219710101111", "37010219720101111"):
        person = resident(coordinator, body=body, name="多一位")
        in_notice(coordinator, approved(coordinator, reviewer, approver, person).person)
    for head_body, spouse_body in (("37010219650307123", "37010219660511222"),
                                   ("37010219670307123", "37010219680511222")):  # fmt: skip
        _household, (head, _spouse) = family(coordinator, (head_body, "再一户", LabourStatus.EMPLOYED_UNIT),
                                             (spouse_body, "再一户配偶", LabourStatus.UNEMPLOYED))  # fmt: skip
        ledger.person_set_status(
            actor=coordinator, person=head, status=LabourStatus.UNEMPLOYED, since=TODAY()
        )
        for person in (head, _spouse):
            register_unemployed(person, coordinator)
    assert (queries(client, cases), queries(client, households)) == before


def test_a_worker_of_another_jurisdiction_is_refused_as_responsible_like_an_unknown_id(
    coordinator, sibling_coordinator, reviewer, approver, login
):
    case = identified(coordinator, reviewer, approver)
    client = login(coordinator)
    url = reverse("assistance:plan", args=[case.pk])
    client.post(url, {"action": "plan", "goals": "三个月内就业"})
    answers = []
    for worker in (sibling_coordinator.pk, 999_999):
        page = client.post(url, {"action": "measure", "kind": "job_referral", "description": "推荐岗位",
                                 "responsible": worker, "due_on": TODAY().isoformat()})  # fmt: skip
        assert page.status_code == 200
        answers.append(page.context["measure_form"].errors["responsible"])
    assert answers[0] == answers[1] == [str(NOT_A_CASE_WORKER)]
