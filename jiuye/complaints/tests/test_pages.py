import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from jiuye.complaints.models import Complaint
from jiuye.complaints.tests.helpers import NAME, PHONE, record
from jiuye.conftest import TOWNSHIP, VILLAGE_A, VILLAGE_B
from jiuye.core.models import AccessLog
from jiuye.tests.lists import rows_shown

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "queries"), [("complaints:list", 10), ("complaint-list", 10)])
def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_a_page(
    name, queries, approver, reviewer, login, django_assert_max_num_queries
):
    browser = login(approver)
    browser.get(reverse(name))  # the first request of the session
    with django_assert_max_num_queries(queries):
        few = browser.get(reverse(name))
    for n in range(20):
        record(reviewer, VILLAGE_A if n % 2 else VILLAGE_B, name=f"列表投诉人{n}")
    with django_assert_max_num_queries(queries):
        many = browser.get(reverse(name))
    assert few.status_code == many.status_code == 200
    assert "列表投诉人5" in many.content.decode()
    assert rows_shown(few) < rows_shown(many)


def test_lists_and_exports_mask_the_phone_the_record_shows_it(approver, reviewer, login):
    complaint = record(reviewer)
    browser = login(approver)
    masked = complaint.masked_phone
    assert masked == "139****5678"
    page = browser.get(reverse("complaints:list")).content.decode()
    assert masked in page and PHONE not in page
    api = browser.get(reverse("complaint-list")).json()["results"]
    assert {row["phone"] for row in api if row["id"] == complaint.pk} == {masked}
    book = load_workbook(io.BytesIO(browser.get(reverse("complaints:export")).content))
    cells = {str(cell) for row in book.active.iter_rows(values_only=True) for cell in row}
    assert masked in cells and PHONE not in cells and NAME in cells
    assert PHONE in browser.get(complaint.get_absolute_url()).content.decode()
    assert browser.get(reverse("complaint-detail", args=[complaint.pk])).json()["phone"] == PHONE
    opened = AccessLog.objects.filter(object_id=complaint.pk, user=approver,
                                      content_type__model="complaint")  # fmt: skip
    assert opened.count() == 2


def test_the_list_marks_and_filters_the_overdue(approver, reviewer, login):
    import datetime

    late = record(reviewer, received_on=datetime.date.today() - datetime.timedelta(days=40),
                  name="超期投诉人")  # fmt: skip
    fresh = record(reviewer, name="新投诉人")
    browser = login(approver)

    def shown(query):
        return {
            c.pk for c in browser.get(reverse("complaints:list") + query).context["object_list"]
        }

    assert late.pk in shown("?overdue=true") and fresh.pk not in shown("?overdue=true")
    assert fresh.pk in shown("?overdue=false") and late.pk not in shown("?overdue=false")
    assert late.pk in shown(f"?q={late.receipt}") and fresh.pk not in shown(f"?q={late.receipt}")
    assert (
        '<span class="tag red">超期</span>'
        in browser.get(reverse("complaints:list") + "?overdue=true").content.decode()
    )


def test_a_sibling_county_and_a_sibling_street_get_404(
    reviewer, sibling_approver, login, django_user_model
):
    complaint = record(reviewer)
    assert login(sibling_approver).get(complaint.get_absolute_url()).status_code == 404
    other_street = django_user_model.objects.get(username="reviewer-370102002")
    browser = login(other_street)
    assert browser.get(complaint.get_absolute_url()).status_code == 404
    assert browser.post(reverse("complaints:answer", args=[complaint.pk]),
                        {"answer": "越权答复"}).status_code == 404  # fmt: skip
    assert NAME not in browser.get(reverse("complaints:list")).content.decode()


def test_a_coordinator_does_not_read_complaints(coordinator, reviewer, login):
    complaint = record(reviewer)
    assert login(coordinator).get(complaint.get_absolute_url()).status_code == 403


def test_the_street_records_a_telephone_complaint_on_its_form(reviewer, login):
    browser = login(reviewer)
    assert browser.get(reverse("complaints:add")).status_code == 200
    response = browser.post(reverse("complaints:add"), {
        "channel": "phone", "received_on": "", "region": VILLAGE_A, "about": "case",
        "case_ref": "求职登记", "content": "电话投诉内容", "name": "电话投诉人", "phone": "138 0000 1111",
    })  # fmt: skip
    assert response.status_code == 200  # the day is required: the form comes back
    response = browser.post(reverse("complaints:add"), {
        "channel": "phone", "received_on": "2026-12-01", "region": VILLAGE_A, "about": "case",
        "case_ref": "求职登记", "content": "电话投诉内容", "name": "电话投诉人", "phone": "138 0000 1111",
    })  # fmt: skip
    complaint = Complaint.objects.get(name="电话投诉人")
    assert response["Location"] == complaint.get_absolute_url()
    assert complaint.phone == "13800001111" and complaint.recorded_by == reviewer
    assert complaint.handler.region_id == TOWNSHIP


def test_a_bad_phone_is_told_at_its_field(reviewer, login):
    response = login(reviewer).post(reverse("complaints:add"), {
        "channel": "window", "received_on": "2026-12-01", "region": VILLAGE_A, "about": "office",
        "content": "内容", "name": "某人", "phone": "12345",
    })  # fmt: skip
    assert response.status_code == 200
    assert "联系电话应为11位手机号码" in str(response.context["form"].errors["phone"])


def test_the_street_handles_notes_answers_and_calls_back(reviewer, approver, login):
    complaint = record(reviewer)
    browser = login(reviewer)
    page = browser.get(complaint.get_absolute_url()).content.decode()
    assert "开始办理" in page and "答复投诉人" in page
    browser.post(reverse("complaints:fire", args=[complaint.pk]), {"transition": "handle"})
    browser.post(reverse("complaints:note-add", args=[complaint.pk]), {"text": "已约谈社区负责人"})
    browser.post(reverse("complaints:answer", args=[complaint.pk]), {"answer": "已整改"})
    complaint.refresh_from_db()
    assert complaint.state == "answered" and complaint.answered_on_time
    assert complaint.notes.get().text == "已约谈社区负责人"
    # the county reads but does not act on the street's complaint
    county_page = login(approver).get(complaint.get_absolute_url()).content.decode()
    assert "回访办结" not in county_page and "已约谈社区负责人" in county_page
    browser = login(reviewer)
    browser.post(reverse("complaints:close", args=[complaint.pk]), {"satisfaction": ""})
    complaint.refresh_from_db()
    assert complaint.state == "answered"  # neither satisfaction nor reason
    browser.post(reverse("complaints:close", args=[complaint.pk]),
                 {"satisfaction": "satisfied", "note": "电话回访"})  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.state == "closed" and complaint.satisfaction_by == reviewer
    page = browser.get(complaint.get_absolute_url()).content.decode()
    assert "办理过程" in page and "回访办结" in page


def test_the_home_page_shows_the_offices_open_complaints(reviewer, approver, login):
    complaint = record(reviewer)
    assert complaint.receipt in login(reviewer).get(reverse("home")).content.decode()
    assert complaint.receipt not in login(approver).get(reverse("home")).content.decode()


def test_the_worker_complained_about_is_named_by_an_account_of_that_street(
    reviewer, coordinator, sibling_approver, login
):
    complaint = record(reviewer, about="worker", worker=coordinator.username)
    assert complaint.worker == coordinator and complaint.worker_name == coordinator.name
    with pytest.raises(ValidationError) as refused:
        record(reviewer, about="worker", worker=sibling_approver.username)
    assert "worker" in refused.value.error_dict
    response = login(reviewer).post(reverse("complaints:add"), {
        "channel": "window", "received_on": "2026-12-01", "region": VILLAGE_A, "about": "worker",
        "worker": "nobody-here", "content": "内容", "name": "某人", "phone": "13800001111",
    })  # fmt: skip
    assert "没有这个工作人员账号" in str(response.context["form"].errors["worker"])
