import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from jiuye.flexible.models import FlexibleJob
from jiuye.flexible.tests.helpers import identify, register
from jiuye.jobs.tests.helpers import resident
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person
from jiuye.subsidies.services import claim_prepare
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_coordinator_registers_checks_and_ends_a_registration(coordinator, login):
    person = resident(coordinator, "页面灵活甲")
    browser = login(coordinator)
    assert browser.get(reverse("flexible:add") + f"?person={person.pk}").status_code == 200
    form = {"id_number": person.id_number, "form": "platform", "work": "网约车司机", "place": "济南市",
            "started_on": TODAY().isoformat(), "insured": "on", "insured_since": "", "contribution": "",
            "monthly_income": "4500"}  # fmt: skip
    refused = browser.post(reverse("flexible:add"), form)
    page = refused.content.decode()
    assert (
        refused.status_code == 200
        and "请填写参保缴费起始日期" in page
        and 'value="网约车司机"' in page
    )
    unknown = browser.post(reverse("flexible:add"), {**form, "id_number": "370102199003075555"})
    assert "公民身份号码" in unknown.content.decode()
    answer = browser.post(reverse("flexible:add"),
                          {**form, "insured_since": TODAY().isoformat(), "contribution": "960"})  # fmt: skip
    job = FlexibleJob.objects.get(person=person)
    assert answer["Location"] == reverse("flexible:detail", args=[job.pk])
    assert Person.objects.get(pk=person.pk).status == LabourStatus.FLEXIBLE

    page = browser.get(reverse("flexible:detail", args=[job.pk])).content.decode()
    assert "网约车司机" in page and "灵活就业社会保险补贴" in page and "不予补贴" in page
    assert "灵活就业社会保险补贴对象" in page  # not an assistance target: the reason is shown

    edit = browser.get(reverse("flexible:edit", args=[job.pk]))
    assert edit.status_code == 200
    saved = browser.post(reverse("flexible:edit", args=[job.pk]), {
        "form": "platform", "work": "网约车司机（夜班）", "place": "济南市", "insured": "on",
        "insured_since": TODAY().isoformat(), "contribution": "960", "version": job.version,
    })  # fmt: skip
    assert (
        saved.status_code == 302 and FlexibleJob.objects.get(pk=job.pk).work == "网约车司机（夜班）"
    )
    stale = browser.post(reverse("flexible:edit", args=[job.pk]), {
        "form": "platform", "work": "过期的修改", "place": "济南市", "version": job.version,
    })  # fmt: skip
    assert stale.status_code == 200 and "已被他人修改" in stale.content.decode()

    checked = browser.post(reverse("flexible:check", args=[job.pk]),
                           {"checked_on": TODAY().isoformat(), "still_working": "1", "still_insured": "1",
                            "note": "电话核实"}, follow=True)  # fmt: skip
    assert (
        "已记录核实情况" in " ".join(messages_of(checked))
        and "电话核实" in checked.content.decode()
    )

    job.refresh_from_db()
    ended = browser.post(reverse("flexible:end", args=[job.pk]),
                         {"ended_on": TODAY().isoformat(), "reason": "stopped", "status": "unemployed",
                          "version": job.version}, follow=True)  # fmt: skip
    assert "灵活就业登记已终止" in " ".join(messages_of(ended))
    assert Person.objects.get(pk=person.pk).status == LabourStatus.UNEMPLOYED
    assert (
        "页面灵活甲" not in browser.get(reverse("flexible:list")).content.decode()
    )  # in register only
    assert "页面灵活甲" in browser.get(reverse("flexible:list") + "?state=ended").content.decode()


def test_the_page_shows_the_months_subsidised_and_refused(coordinator, login):
    person = resident(coordinator, "页面灵活乙")
    identify(person, datetime.date(2025, 6, 1))
    with time_machine.travel(TODAY() - datetime.timedelta(days=200), tick=False):
        job = register(coordinator, person, started_on=TODAY(), contribution="900")
    first = job.started_on.replace(day=1)
    claim_prepare(actor=coordinator, kind="flexible_insurance", month=first)
    page = login(coordinator).get(reverse("flexible:detail", args=[job.pk])).content.decode()
    assert "已申报" in page and "600.00" in page and f"{first:%Y-%m}" in page
    assert "本月未按期核实" in page and "符合条件，待申报" in page


def test_a_check_due_shows_in_the_list_and_on_the_home_page(
    coordinator, reviewer, sibling_approver, login
):
    person = resident(coordinator, "到期灵活丙")
    with time_machine.travel(TODAY() - datetime.timedelta(days=120), tick=False):
        job = register(coordinator, person, started_on=TODAY())
    fresh = register(coordinator, resident(coordinator, "未到期灵活丁"), started_on=TODAY())
    browser = login(coordinator)
    due = browser.get(reverse("flexible:list") + "?due=true").content.decode()
    assert "到期灵活丙" in due and "未到期灵活丁" not in due
    assert "到期灵活丙" in browser.get(reverse("flexible:due")).content.decode()
    home = browser.get(reverse("home")).content.decode()
    assert "灵活就业核实到期" in home and "到期灵活丙" in home and "未到期灵活丁" not in home
    assert "到期灵活丙" in login(reviewer).get(reverse("home")).content.decode()
    other = login(sibling_approver)
    assert "到期灵活丙" not in other.get(reverse("home")).content.decode()
    assert "到期灵活丙" not in other.get(reverse("flexible:due")).content.decode()
    for url in (
        reverse("flexible:detail", args=[job.pk]),
        reverse("flexible:edit", args=[fresh.pk]),
    ):
        assert other.get(url).status_code in (403, 404)
    assert other.get(reverse("flexible:detail", args=[job.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "queries"), [("flexible:list", 10), ("flexible:due", 10), ("flexiblejob-list", 9)]
)
def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_a_page(
    name, queries, coordinator, reviewer, login, django_assert_num_queries
):
    def add(numbers):  # registrations of 100 days and more ago, due for their check
        for n in numbers:
            with time_machine.travel(TODAY() - datetime.timedelta(days=100 + n), tick=False):
                register(coordinator, resident(coordinator, f"列表灵活{n}"), started_on=TODAY())

    add(range(2))
    browser = login(reviewer)
    browser.get(reverse(name))  # the first request of the session
    with django_assert_num_queries(queries):
        few = browser.get(reverse(name))
    add(range(2, 30))
    with django_assert_num_queries(queries):
        many = browser.get(reverse(name))
    assert few.status_code == many.status_code == 200
    assert "列表灵活5" in many.content.decode()
    assert rows_shown(few) < rows_shown(many)


def test_insurance_dates_before_the_job_or_after_today_are_refused_at_their_fields(
    coordinator, login
):
    person = resident(coordinator, "页面灵活丙")
    browser = login(coordinator)
    yesterday, tomorrow = TODAY() - datetime.timedelta(days=1), TODAY() + datetime.timedelta(days=1)
    form = {"id_number": person.id_number, "form": "platform", "work": "外卖配送", "place": "济南市",
            "started_on": TODAY().isoformat(), "insured": "on", "contribution": "960",
            "insured_since": yesterday.isoformat()}  # fmt: skip
    refused = browser.post(reverse("flexible:add"), form)
    assert refused.status_code == 200 and not FlexibleJob.objects.filter(person=person).exists()
    assert "不能早于灵活就业的开始日期" in refused.context["form"].errors["insured_since"][0]
    browser.post(reverse("flexible:add"), {**form, "insured_since": TODAY().isoformat()})
    job = FlexibleJob.objects.get(person=person)
    edit = {"form": "platform", "work": "外卖配送", "place": "济南市", "insured": "on",
            "contribution": "960", "insured_since": TODAY().isoformat(),
            "insured_until": tomorrow.isoformat(), "version": job.version}  # fmt: skip
    refused = browser.post(reverse("flexible:edit", args=[job.pk]), edit)
    assert refused.status_code == 200 and FlexibleJob.objects.get(pk=job.pk).insured_until is None
    assert "停止缴费日期不能晚于今天" in refused.context["form"].errors["insured_until"][0]
