import datetime
import io
import subprocess

import pytest
import time_machine
import zxingcpp
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from jiuye.assistance import services
from jiuye.assistance.choices import ExitReason, OfferKind, Origin, ServiceKind
from jiuye.assistance.models import Category, Identification, Measure
from jiuye.core import history, workflow
from jiuye.core.models import PolicyParameter, WorkflowEvent
from jiuye.core.workdays import add_working_days
from jiuye.ledger import services as ledger
from jiuye.regions.models import Region
from jiuye.registration.tests.test_registration import approved, resident

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def category(code="other"):
    """A category of the seeded list; "other" is identified by the evidence attached."""
    return Category.objects.get(province="37", code=code)


def evidence(name="低保证明.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")


def in_notice(coordinator, person):
    case = services.identification_apply(actor=coordinator, person=person, categories=[category()],
                                         origin=Origin.APPLICATION, situation="下岗多年，家庭困难")  # fmt: skip
    services.identification_update(actor=coordinator, identification=case, expected_version=case.version,
                                   investigation="入户核实属实")  # fmt: skip
    services.attachment_add(
        actor=coordinator,
        identification=case,
        title="困难情况证明",
        file=evidence(),
        category=category(),
    )
    workflow.fire(case, "first_approve", actor=coordinator)
    case.refresh_from_db()
    return case


def after_notice(case):
    """A traveller to the first working day after the notice ends."""
    return time_machine.travel(add_working_days(case.notice_ends_on, 1), tick=False)


def identified(coordinator, reviewer, approver, person=None):
    """A case identified today: registered and put on notice three weeks ago."""
    with time_machine.travel(TODAY() - datetime.timedelta(days=21), tick=False):
        case = in_notice(coordinator, approved(coordinator, reviewer, approver, person).person)
    workflow.fire(case, "end_notice", actor=coordinator)
    workflow.fire(case, "report", actor=reviewer)
    workflow.fire(case, "identify", actor=approver)
    case.refresh_from_db()
    return case


def test_a_person_goes_from_application_through_the_notice_to_identification_with_every_step_logged(
    coordinator, reviewer, approver
):
    person = approved(coordinator, reviewer, approver).person
    case = services.identification_apply(actor=coordinator, person=person, categories=[category()],
                                         origin=Origin.APPLICATION)  # fmt: skip
    assert case.state == "investigation" and case.assignee == coordinator
    with pytest.raises(ValidationError) as refused:
        workflow.fire(case, "first_approve", actor=coordinator)
    assert set(refused.value.message_dict) == {"investigation", "attachments"}
    services.identification_update(actor=coordinator, identification=case, expected_version=case.version,
                                   investigation="入户核实属实")  # fmt: skip
    services.attachment_add(actor=coordinator, identification=case, title="证明", file=evidence(),
                            category=category())  # fmt: skip
    workflow.fire(case, "first_approve", actor=coordinator)
    assert case.state == "notice"
    case.refresh_from_db()
    assert case.notice_starts_on == TODAY() and case.notice_ends_on == add_working_days(TODAY(), 7)

    with pytest.raises(ValidationError, match="公示期至"):
        workflow.fire(case, "end_notice", actor=coordinator)
    with time_machine.travel(case.notice_ends_on, tick=False), pytest.raises(ValidationError):
        workflow.fire(
            case, "end_notice", actor=coordinator
        )  # the last day of the notice still runs

    with after_notice(case):
        workflow.fire(case, "end_notice", actor=coordinator)
        assert case.assignee == reviewer
        workflow.fire(case, "report", actor=reviewer)
        assert case.assignee == approver
        workflow.fire(case, "identify", actor=approver)
        day = TODAY()
    case.refresh_from_db()
    assert case.state == "identified" and case.identified_on == day and case.assignee is None
    assert len(case.card.number) == 16 and case.card.number.startswith(f"370102{day.year}")
    events = WorkflowEvent.objects.filter(object_id=case.pk, content_type__model="identification")
    assert [(e.transition, e.actor) for e in events.order_by("at", "id")] == [
        ("create", coordinator), ("first_approve", coordinator), ("end_notice", coordinator),
        ("report", reviewer), ("identify", approver),
    ]  # fmt: skip


def test_the_notice_lasts_the_parameter_s_working_days(
    coordinator, reviewer, approver, province_admin
):
    PolicyParameter.objects.create(key="assistance.notice_days", region_id="370000000000", value="3",
                                   effective_from=datetime.date(2020, 1, 1))  # fmt: skip
    case = in_notice(coordinator, approved(coordinator, reviewer, approver).person)
    case.refresh_from_db()
    assert case.notice_ends_on == add_working_days(TODAY(), 3)


def test_an_objection_holds_the_case_until_it_is_checked(coordinator, reviewer, approver):
    case = in_notice(coordinator, approved(coordinator, reviewer, approver).person)
    services.objection_record(actor=coordinator, identification=case, content="邻居反映其在外打工")
    assert case.state == "on_hold"
    with after_notice(case), pytest.raises(ValidationError):
        workflow.fire(
            case, "end_notice", actor=coordinator
        )  # held: the notice end does not free it
    with after_notice(case):
        services.objection_decide(
            actor=coordinator, identification=case, upheld=False, outcome="核实未就业"
        )
        case.refresh_from_db()
        assert (
            case.state == "notice" and case.notice_starts_on == TODAY()
        )  # the notice starts again
        assert case.notice_ends_on == add_working_days(TODAY(), 7)
    assert case.objections.get().outcome == "核实未就业"


def test_an_upheld_objection_refuses_the_case(coordinator, reviewer, approver):
    case = in_notice(coordinator, approved(coordinator, reviewer, approver).person)
    services.objection_record(actor=coordinator, identification=case, content="有稳定收入")
    services.objection_decide(
        actor=coordinator, identification=case, upheld=True, outcome="异议属实"
    )
    assert case.state == "rejected"


def test_identification_needs_an_unemployment_registration_first(coordinator):
    person = resident(coordinator)
    with pytest.raises(ValidationError) as refused:
        services.identification_apply(actor=coordinator, person=person, categories=[category()],
                                      origin=Origin.DISCOVERY)  # fmt: skip
    assert refused.value.code == "no_registration"
    assert not Identification.objects.filter(person=person).exists()


def test_an_open_case_is_one_per_person(coordinator, reviewer, approver):
    person = approved(coordinator, reviewer, approver).person
    services.identification_apply(
        actor=coordinator, person=person, categories=[category()], origin=Origin.APPLICATION
    )
    with pytest.raises(ValidationError, match="已有认定"):
        services.identification_apply(actor=coordinator, person=person, categories=[category("long_term")],
                                      origin=Origin.APPLICATION)  # fmt: skip


def test_evidence_must_be_a_document_of_reasonable_size(coordinator, reviewer, approver):
    person = approved(coordinator, reviewer, approver).person
    case = services.identification_apply(actor=coordinator, person=person, categories=[category()],
                                         origin=Origin.APPLICATION)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.attachment_add(actor=coordinator, identification=case, title="x",
                                file=SimpleUploadedFile("run.exe", b"MZ"))  # fmt: skip
    assert "file" in refused.value.message_dict and not case.attachments.exists()


def test_the_card_s_qr_code_opens_a_page_that_shows_validity_and_category_only(
    coordinator, reviewer, approver, login, client, tmp_path
):
    case = identified(coordinator, reviewer, approver)
    card = case.card
    response = login(coordinator).get(reverse("assistance:card", args=[card.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().replace(" ", "")
    assert card.number in text and "就业援助卡" in text and case.person.name in text
    (tmp_path / "card.pdf").write_bytes(response.content)
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", tmp_path / "card.pdf", tmp_path / "card"],
                   check=True)  # fmt: skip
    [code] = zxingcpp.read_barcodes(Image.open(tmp_path / "card.png"))
    url = code.text
    assert url.endswith(reverse("assistance:verify", args=[card.token]))

    client.logout()
    page = client.get(url.removeprefix("http://testserver")).content.decode()
    assert "有效" in page and case.category_names in page
    assert (
        case.person.name not in page
        and case.person.id_number not in page
        and card.number not in page
    )

    login(coordinator)
    services.identification_exit(actor=coordinator, identification=case, reason=ExitReason.STABLE_EMPLOYMENT,
                                 on=TODAY(), comment="已在某公司稳定就业")  # fmt: skip
    client.logout()
    assert "已失效" in client.get(url.removeprefix("http://testserver")).content.decode()
    assert client.get(reverse("assistance:verify", args=["not-a-token"])).status_code == 404


def test_a_plan_with_measures_and_services_and_the_exit(coordinator, reviewer, approver, login):
    case = identified(coordinator, reviewer, approver)
    plan = services.plan_create(actor=coordinator, identification=case, goals="三个月内实现就业")
    measure = services.measure_add(actor=coordinator, plan=plan, kind=ServiceKind.JOB_REFERRAL,
                                   description="推荐保洁岗位", responsible=coordinator,
                                   due_on=TODAY() + datetime.timedelta(days=10))  # fmt: skip
    services.plan_update(actor=coordinator, plan=plan, expected_version=plan.version, goals=plan.goals,
                         agreement_signed_on=TODAY())  # fmt: skip
    response = login(coordinator).get(reverse("assistance:agreement", args=[plan.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().replace(" ", "")
    assert "就业援助协议" in text and "推荐保洁岗位" in text and case.person.name in text

    service = services.service_record(actor=coordinator, identification=case, kind=ServiceKind.HOME_VISIT,
                                      on=TODAY(), content="上门了解求职意向", result="愿意从事保洁",
                                      measure=measure)  # fmt: skip
    services.measure_done(actor=coordinator, measure=measure, done_on=TODAY(), result="已推荐面试")
    assert service.worker == coordinator and Measure.objects.open().filter(plan=plan).count() == 0
    with pytest.raises(ValidationError):
        services.service_record(actor=coordinator, identification=case, kind=ServiceKind.OTHER,
                                on=TODAY() + datetime.timedelta(days=1), content="x")  # fmt: skip

    for job in ("保洁", "门卫", "绿化"):
        services.refusal_record(actor=coordinator, identification=case, on=TODAY(), offer=OfferKind.JOB,
                                description=f"推荐{job}岗位，本人拒绝")  # fmt: skip
    services.identification_exit(actor=coordinator, identification=case, reason=ExitReason.REFUSED,
                                 on=TODAY(), comment="三次无正当理由拒绝推荐岗位")  # fmt: skip
    case.refresh_from_db()
    assert (
        case.state == "exited" and case.exit_reason == ExitReason.REFUSED and not case.card.is_valid
    )
    exit_event = WorkflowEvent.objects.get(
        object_id=case.pk, content_type__model="identification", transition="exit"
    )
    assert exit_event.actor == coordinator and "拒绝" in exit_event.comment
    with pytest.raises(ValidationError):
        services.service_record(actor=coordinator, identification=case, kind=ServiceKind.OTHER, on=TODAY(),
                                content="x")  # fmt: skip


def test_the_worker_s_home_page_lists_measures_due_and_overdue(
    coordinator, reviewer, approver, login
):
    case = identified(coordinator, reviewer, approver)
    plan = services.plan_create(actor=coordinator, identification=case, goals="就业")
    for description, days in (("已超期的回访", -2), ("今天的回访", 0), ("下月的培训", 30)):
        measure = services.measure_add(actor=coordinator, plan=plan, kind=ServiceKind.HOME_VISIT,
                                       description=description, responsible=coordinator,
                                       due_on=TODAY() + datetime.timedelta(days=10))  # fmt: skip
        history.update(
            Measure.objects.filter(pk=measure.pk),
            actor=None,
            due_on=TODAY() + datetime.timedelta(days=days),
        )
    page = login(coordinator).get(reverse("home")).content.decode()
    assert "已超期的回访" in page and "今天的回访" in page and "下月的培训" not in page
    assert "已超期的回访" not in login(reviewer).get(reverse("home")).content.decode()


def test_a_move_ends_the_assistance(coordinator, reviewer, approver):
    case = identified(coordinator, reviewer, approver)
    ledger.person_transfer(actor=coordinator, person=case.person, to_region=Region.objects.get(code="370102001003"),
                           on=TODAY(), reason="搬家")  # fmt: skip
    case.refresh_from_db()
    assert (
        case.state == "exited" and case.exit_reason == ExitReason.MOVED and not case.card.is_valid
    )


def test_the_county_s_periodic_visit_falls_due_on_its_workers_home_page(
    coordinator, reviewer, approver, login
):
    case = identified(coordinator, reviewer, approver)
    assert case.person.name not in login(approver).get(reverse("home")).content.decode()
    with time_machine.travel(TODAY() + datetime.timedelta(days=100), tick=False):
        page = login(approver).get(reverse("home")).content.decode()
        assert "县级定期走访到期" in page and case.person.name in page
        assert "县级定期走访到期" not in login(coordinator).get(reverse("home")).content.decode()
        services.service_record(actor=approver, identification=case, kind=ServiceKind.COUNTY_VISIT, on=TODAY(),
                                content="县就业服务中心走访")  # fmt: skip
        assert case.person.name not in login(approver).get(reverse("home")).content.decode()
