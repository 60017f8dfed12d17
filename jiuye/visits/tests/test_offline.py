import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from jiuye.registration.models import Registration
from jiuye.registration.services import contact_record
from jiuye.staff.models import User
from jiuye.visits.models import Visit
from jiuye.visits.tests.helpers import due_resident
from jiuye.visits.tests.test_round import stops_of

pytestmark = pytest.mark.django_db


def visit(person, seen, **fields):
    return {"on": timezone.localdate().isoformat(), "kind": "home", "result": "unchanged",
            "notes": "手机上记录", "seen": seen, "key": f"phone-{person.pk}", **fields}  # fmt: skip


def test_the_manifest_and_the_service_worker_come_from_the_root(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest.status_code == 200 and manifest["Content-Type"] == "application/manifest+json"
    data = json.loads(manifest.content)
    assert data["scope"] == "/" and data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert icon["src"].startswith("/static/")  # served by the app, no CDN
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/" and "addEventListener" in worker.content.decode()


def test_every_page_links_the_manifest_and_the_offline_script(coordinator, login):
    page = login(coordinator).get(reverse("home")).content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page and "jiuye/offline.js" in page


def test_the_bundle_holds_the_round_masked_and_only_the_users(
    coordinator, sibling_coordinator, login
):
    person, _measure = due_resident(coordinator, "离线包甲")
    bundle = login(coordinator).get(reverse("visits:bundle"))
    text = bundle.content.decode()
    assert bundle.status_code == 200 and "离线包甲" in text
    assert person.masked_id_number in text and person.id_number not in text
    assert not re.search(r"\d{17}[\dX]", text) and "phone" not in text  # no phone numbers
    assert json.loads(text)["user"] == coordinator.pk
    assert (
        "离线包甲" not in login(sibling_coordinator).get(reverse("visits:bundle")).content.decode()
    )


def test_a_queued_visit_is_stored_once_or_answered_with_a_conflict(coordinator, login):
    person, _measure = due_resident(coordinator, "离线发甲")
    browser = login(coordinator)
    url = reverse("visits:send", args=[person.pk])
    seen = stops_of(coordinator)[person.pk].seen
    stored = browser.post(url, visit(person, seen))
    assert stored.status_code == 201 and "就业援助" in stored.json()["served"]
    again = browser.post(url, visit(person, seen))  # the phone sent it twice
    assert again.status_code == 201 and Visit.objects.filter(person=person).count() == 1

    other, _measure = due_resident(coordinator, "离线发乙")
    seen = stops_of(coordinator)[other.pk].seen
    contact_record(actor=coordinator, registration=Registration.objects.get(person=other),
                   on=timezone.localdate(), method="call")  # fmt: skip
    conflict = browser.post(reverse("visits:send", args=[other.pk]), visit(other, seen))
    assert conflict.status_code == 409 and "失业登记人员定期联系" in conflict.json()["conflict"]
    assert not Visit.objects.filter(person=other).exists()
    bad = browser.post(reverse("visits:send", args=[other.pk]), visit(other, seen, kind="fly"))
    assert bad.status_code == 400 and not Visit.objects.filter(person=other).exists()


def test_a_sibling_cannot_send_a_visit_of_another_community(
    coordinator, sibling_coordinator, login
):
    person, _measure = due_resident(coordinator, "离线邻")
    answer = login(sibling_coordinator).post(
        reverse("visits:send", args=[person.pk]), visit(person, "")
    )
    assert answer.status_code == 404 and not Visit.objects.filter(person=person).exists()


def test_ending_an_accounts_sessions_refuses_its_queued_visits(
    coordinator, approver, sibling_approver
):
    person, _measure = due_resident(coordinator, "离线丢")
    phone = Client()
    phone.force_login(coordinator, backend="jiuye.staff.backends.RoleBackend")
    Token.objects.create(user=coordinator)
    office = Client()
    office.force_login(sibling_approver, backend="jiuye.staff.backends.RoleBackend")
    end = reverse("staff:end-sessions", args=[coordinator.pk])
    assert office.post(end).status_code == 404  # another county manages it not
    office.force_login(approver, backend="jiuye.staff.backends.RoleBackend")
    page = office.get(reverse("staff:detail", args=[coordinator.pk])).content.decode()
    assert "结束全部会话" in page
    assert office.post(end).status_code == 302
    assert not Token.objects.filter(user=coordinator).exists()
    seen = stops_of(coordinator)[person.pk].seen
    answer = phone.post(reverse("visits:send", args=[person.pk]), visit(person, seen))
    assert (
        answer.status_code in (302, 401, 403) and not Visit.objects.filter(person=person).exists()
    )
    assert User.objects.get(pk=coordinator.pk).is_active  # the account itself stays
