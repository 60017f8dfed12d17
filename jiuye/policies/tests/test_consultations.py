"""Consultations at the window, their figures, good-practice cases and the public page."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.ledger.models import Person
from jiuye.policies.models import Consultation, GoodPractice
from jiuye.policies.services import consultation_record, practice_create, practice_publish
from jiuye.policies.tests.helpers import COUNTY, SIBLING_COUNTY, make
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db


def test_a_window_records_a_question_its_answer_and_the_policies_cited(coordinator, login,
                                                                       province_admin, sibling_approver):  # fmt: skip
    policy = make(province_admin, title="窗口引用的政策", text="公益性岗位补贴标准")
    person = Person.objects.visible_to(coordinator).first()
    client = login(coordinator)
    form = client.get(reverse("policies:consultation-add"), {"policy": policy.pk})
    assert form.status_code == 200 and f'value="{policy.pk}" selected' in form.content.decode()
    answer = client.post(reverse("policies:consultation-add"), {
        "id_number": person.id_number.lower(), "asked_on": timezone.localdate().isoformat(),
        "topic": "posts", "question": "公益性岗位能干几年？", "answer": "最长3年。",
        "asker_name": "", "policies": [policy.pk],
    })  # fmt: skip
    consultation = Consultation.objects.get(question="公益性岗位能干几年？")
    assert answer["Location"] == reverse("policies:consultation", args=[consultation.pk])
    assert consultation.person == person and list(consultation.policies.all()) == [policy]
    assert (
        consultation.org == coordinator.org and consultation.region_id == coordinator.org.region_id
    )
    page = client.get(answer["Location"]).content.decode()
    assert person.masked_id_number in page and person.id_number not in page
    listed = client.get(reverse("policies:consultations"), {"policy": policy.pk}).content.decode()
    assert "公益性岗位能干几年？" in listed
    assert login(sibling_approver).get(answer["Location"]).status_code == 404


def test_an_unknown_identity_number_is_told_at_the_field(coordinator, login):
    answer = login(coordinator).post(reverse("policies:consultation-add"), {
        "id_number": "370102199001011234", "asked_on": timezone.localdate().isoformat(),
        "topic": "other", "question": "问", "answer": "答",
    })  # fmt: skip
    assert answer.status_code == 200 and "没有这个身份号码的人员" in answer.content.decode()


def test_an_answer_cites_only_policies_the_office_reads(coordinator):
    other = make(User.objects.get(username="approver-370103"), region=SIBLING_COUNTY)
    with pytest.raises(ValidationError) as refused:
        consultation_record(actor=coordinator, asked_on=timezone.localdate(), topic="other",
                            question="问", answer="答", policies=[other])  # fmt: skip
    assert "policies" in refused.value.message_dict


def test_the_figures_count_the_topics_and_the_policies_cited_most(approver, coordinator, reviewer,
                                                                  login, province_admin,
                                                                  sibling_approver):  # fmt: skip
    cited = make(province_admin, title="被引用最多的政策")
    today = timezone.localdate()
    for actor, topic in ((coordinator, "startup"), (coordinator, "startup"), (reviewer, "startup"),
                         (reviewer, "training")):  # fmt: skip
        consultation_record(actor=actor, asked_on=today, topic=topic, question="统计用问题",
                            answer="答", policies=[cited])  # fmt: skip
    page = login(approver).get(reverse("policies:consultation-figures"), {"region": COUNTY})
    assert page.status_code == 200
    figures = page.context["figures"]
    assert (cited, 4) in figures["top"]
    counts = dict((topic.value, n) for topic, n in figures["topics"])
    assert counts["startup"] >= 3 and counts["training"] >= 1
    street = next(row for row in figures["rows"] if row["code"] == "370102001000")
    bars, ring = page.context["charts"]  # by sub-region, then the topics' shares
    assert bars["series"][0]["data"] == [row["total"] for row in figures["rows"]]
    assert street["name"] in bars["xAxis"]["data"] and ring["series"][0]["type"] == "pie"
    assert dict((t.value, n) for t, n in street["cells"])["startup"] >= 3
    # the sibling county counts none of it; a region outside its jurisdiction shows its own
    other = login(sibling_approver).get(
        reverse("policies:consultation-figures"), {"region": COUNTY}
    )
    assert other.context["region"].code == SIBLING_COUNTY
    assert cited not in [policy for policy, _n in other.context["figures"]["top"]]


def test_the_list_is_exported_and_reads_a_fixed_number_of_queries(approver, login,
                                                                   django_assert_max_num_queries):  # fmt: skip
    client = login(approver)
    client.get(reverse("policies:consultations"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("policies:consultations")).status_code == 200
    with django_assert_max_num_queries(12):
        export = client.get(reverse("policies:consultation-export"))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.max_row - 2 == Consultation.objects.visible_to(approver).count()


def test_a_case_is_written_published_and_read_without_a_login(reviewer, approver, login, client):
    practice = practice_create(actor=reviewer, org=reviewer.org, title="街道政策宣讲经验",
                               text="每月进社区宣讲。")  # fmt: skip
    public = reverse("policies:public-practice", args=[practice.pk])
    assert client.get(public).status_code == 404
    page = login(reviewer).get(reverse("policies:practice", args=[practice.pk])).content.decode()
    assert reverse("policies:practice-publish", args=[practice.pk]) not in page  # not theirs
    answer = login(approver).post(reverse("policies:practice-publish", args=[practice.pk]),
                                  {"published": "1"})  # fmt: skip
    assert answer.status_code == 302
    practice.refresh_from_db()
    assert practice.published and practice.published_on == timezone.localdate()
    client.logout()
    read = client.get(public)
    assert read.status_code == 200 and "每月进社区宣讲" in read.content.decode()
    assert reviewer.name not in read.content.decode()
    assert "街道政策宣讲经验" in client.get(reverse("policies:public")).content.decode()


def test_only_the_county_and_above_publish(reviewer):
    practice = practice_create(actor=reviewer, org=reviewer.org, title="t", text="x")
    with pytest.raises(PermissionDenied):
        practice_publish(actor=reviewer, practice=practice, published=True)


def test_the_public_page_searches_the_policies_in_force(province_admin, client):
    make(province_admin, title="公开页面的现行政策", text="一次性创业补贴不低于1万元。")
    make(province_admin, title="公开页面的已废止政策", text="一次性创业补贴5000元。", status="repealed",
         effective_until=timezone.localdate().replace(year=2025, month=12, day=31))  # fmt: skip
    page = client.get(reverse("policies:public"), {"q": "创业补贴"}).content.decode()
    assert "公开页面的现行政策" in page and "公开页面的已废止政策" not in page
    assert "测试发文机关" in page
    assert User.objects.get(username="province-37").name not in page
    unpublished = GoodPractice.objects.filter(published=False).first()
    if unpublished:
        assert unpublished.title not in page


def test_the_demo_has_consultations_and_cases():
    assert Consultation.objects.within("370102").count() >= 10
    assert GoodPractice.objects.filter(published=True).exists()
    assert GoodPractice.objects.filter(published=False).exists()


def test_an_answer_is_completed_later_and_the_person_stays(coordinator, login, province_admin):
    policy = make(province_admin, title="补充答复引用的政策")
    person = Person.objects.visible_to(coordinator).first()
    consultation = consultation_record(actor=coordinator, asked_on=timezone.localdate(),
                                       topic="insurance", question="补贴多久到账？", answer="待核实",
                                       person=person)  # fmt: skip
    client = login(coordinator)
    url = reverse("policies:consultation-edit", args=[consultation.pk])
    form = client.get(url).content.decode()
    assert person.masked_id_number in form and person.id_number not in form
    answer = client.post(url, {
        "version": consultation.version, "id_number": "", "asked_on": consultation.asked_on.isoformat(),
        "topic": "insurance", "question": consultation.question, "answer": "按季度拨付。",
        "asker_name": "", "policies": [policy.pk],
    })  # fmt: skip
    assert answer.status_code == 302
    consultation.refresh_from_db()
    assert consultation.answer == "按季度拨付。" and consultation.person == person
    assert list(consultation.policies.all()) == [policy]
    page = client.get(reverse("policies:consultation", args=[consultation.pk])).content.decode()
    assert "待核实" in page and "按季度拨付。" in page  # the history shows before and after
