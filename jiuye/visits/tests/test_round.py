import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jiuye.assistance.models import AssistanceService
from jiuye.registration.models import Contact, Registration
from jiuye.registration.services import contact_record
from jiuye.visits import selectors
from jiuye.visits.models import Visit, VisitPhoto
from jiuye.visits.services import VisitConflict, visit_record
from jiuye.visits.tests.helpers import due_resident

pytestmark = pytest.mark.django_db
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def stops_of(user, until=None):
    today = timezone.localdate()
    groups = selectors.round_for(user, today, until or today + datetime.timedelta(days=6))
    return {stop.person.pk: stop for _label, stops in groups for stop in stops}


def test_the_round_lists_who_is_due_with_the_reasons_of_every_line(coordinator, login):
    person, _measure = due_resident(coordinator, "走访甲")
    stop = stops_of(coordinator)[person.pk]
    assert {item.source for item in stop.items} == {"registration", "assistance", "households"}
    page = login(coordinator).get(reverse("visits:round")).content.decode()
    assert "走访甲" in page and "走访甲上门了解求职意向" in page and "失业登记" in page
    assert "零就业家庭" in page and "走访甲路" in page  # grouped under the street of the address


def test_the_round_of_today_leaves_out_what_falls_due_later_this_week(coordinator):
    person, _measure = due_resident(coordinator, "走访今")
    registration = Registration.objects.get(person=person)
    contact_record(actor=coordinator, registration=registration, method="call",
                   on=timezone.localdate() - datetime.timedelta(days=60))  # fmt: skip
    # deregistered in about a month: due (30 days ahead) within the week, not today
    week = {item.source for item in stops_of(coordinator)[person.pk].items}
    today = {
        item.source for item in stops_of(coordinator, until=timezone.localdate())[person.pk].items
    }
    assert "registration" in week and "registration" not in today and "assistance" in today


def test_a_visit_counts_as_contact_and_service_in_one_go(coordinator, login):
    person, measure = due_resident(coordinator, "走访乙")
    browser = login(coordinator)
    page = browser.get(reverse("visits:person", args=[person.pk])).content.decode()
    assert person.masked_id_number in page and person.id_number not in page
    assert 'capture="environment"' in page and 'accept="image/*"' in page
    seen = stops_of(coordinator)[person.pk].seen
    today = timezone.localdate()
    answer = browser.post(reverse("visits:person", args=[person.pk]), {
        "on": today.isoformat(), "kind": "home", "result": "unchanged", "notes": "本人在家，仍在求职",
        "next_step": "下周推荐岗位", "seen": seen,
        "photo": SimpleUploadedFile("visit.png", PHOTO, content_type="image/png"),
    })  # fmt: skip
    assert answer.status_code == 302, answer.content.decode()[:2000]
    visit = Visit.objects.get(person=person)
    assert "失业登记人员定期联系" in visit.served and "就业援助" in visit.served
    assert Registration.objects.get(person=person).last_contact_on == today
    assert Contact.objects.filter(registration__person=person, on=today, method="visit").exists()
    service = AssistanceService.objects.get(measure=measure)
    assert service.on == today and service.kind == "home_visit" and service.worker == coordinator
    assert VisitPhoto.objects.get(visit=visit).file.read() == PHOTO
    assert visit.history.count() == 1 and service.history.count() == 1
    assert person.pk not in stops_of(coordinator)  # nothing is due any more, households too


def test_a_visit_not_meeting_the_person_counts_for_nothing(coordinator):
    person, measure = due_resident(coordinator, "走访丙")
    visit = visit_record(actor=coordinator, person=person, on=timezone.localdate(), kind="home",
                         result="absent", notes="家中无人")  # fmt: skip
    assert visit.served == "" and Registration.objects.get(person=person).last_contact_on is None
    assert not AssistanceService.objects.filter(measure=measure).exists()
    assert person.pk in stops_of(coordinator)


def test_a_visit_whose_items_changed_meanwhile_is_refused_whole(coordinator):
    person, measure = due_resident(coordinator, "走访丁")
    seen = stops_of(coordinator)[person.pk].seen
    registration = Registration.objects.get(person=person)
    contact_record(
        actor=coordinator, registration=registration, on=timezone.localdate(), method="call"
    )
    with pytest.raises(VisitConflict) as conflict:
        visit_record(actor=coordinator, person=person, on=timezone.localdate(), kind="home",
                     result="unchanged", seen=seen)  # fmt: skip
    assert any("失业登记人员定期联系" in change for change in conflict.value.changes)
    assert not Visit.objects.filter(person=person).exists()
    assert not AssistanceService.objects.filter(measure=measure).exists()


def test_a_bad_date_is_refused_with_nothing_written(coordinator, login):
    person, measure = due_resident(coordinator, "走访戊")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    answer = login(coordinator).post(reverse("visits:person", args=[person.pk]), {
        "on": tomorrow.isoformat(), "kind": "home", "result": "unchanged",
        "seen": stops_of(coordinator)[person.pk].seen,
    })  # fmt: skip
    assert answer.status_code == 200 and "走访日期不能晚于今天" in answer.content.decode()
    assert not Visit.objects.filter(person=person).exists()
    assert Registration.objects.get(person=person).last_contact_on is None
    assert not AssistanceService.objects.filter(measure=measure).exists()


def test_a_sibling_coordinator_sees_none_of_the_round(coordinator, sibling_coordinator, login):
    person, _measure = due_resident(coordinator, "走访己")
    assert person.pk not in stops_of(sibling_coordinator)
    browser = login(sibling_coordinator)
    assert "走访己" not in browser.get(reverse("visits:round")).content.decode()
    assert browser.get(reverse("visits:person", args=[person.pk])).status_code == 404
    answer = browser.post(reverse("visits:person", args=[person.pk]),
                          {"on": timezone.localdate().isoformat(), "kind": "home", "result": "unchanged"})  # fmt: skip
    assert answer.status_code == 404 and not Visit.objects.filter(person=person).exists()


@pytest.mark.parametrize("count", [1, 12])
def test_the_round_list_takes_the_same_queries_for_few_and_many(
    count, coordinator, login, django_assert_num_queries
):
    for n in range(count):
        due_resident(coordinator, f"走访数{n}")
    browser = login(coordinator)
    browser.get(reverse("visits:round"))
    with django_assert_num_queries(QUERIES):
        page = browser.get(reverse("visits:round")).content.decode()
    assert page.count("走访数") >= count


QUERIES = (
    21  # session, user, roles, org and region, parameters, one query per line of work, persons
)


def test_the_demo_data_gives_the_demo_coordinator_a_round(coordinator):
    """The tiny seed (the demo's data) leaves village A's coordinator people to visit."""
    stops = stops_of(coordinator)
    assert stops and all(stop.items and stop.address for stop in stops.values())
