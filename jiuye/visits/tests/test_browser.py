"""In a real Chromium without signal: the coordinator's round is kept on the phone, two visits
are recorded offline and sent when the connection returns; the one whose registration was
contacted meanwhile by someone else comes back as a conflict, not applied. The phone's store
holds no full identity number, and logging out empties it."""

import json
import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jiuye.conftest import PHONE
from jiuye.jobs.tests.helpers import user
from jiuye.registration.models import Registration
from jiuye.registration.services import contact_record
from jiuye.tests.test_browser import CHROMIUM, log_in
from jiuye.visits.models import Visit, VisitPhoto
from jiuye.visits.tests.helpers import due_resident

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("JIUYE_REQUIRE_BROWSER"),
        reason=f"Chromium not installed at {CHROMIUM}",
    ),
]
PHOTO = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
READ_STORE = """async () => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open("jiuye-offline");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const all = (name) => new Promise((resolve) => {
    const request = db.transaction(name).objectStore(name).getAll();
    request.onsuccess = () => resolve(request.result);
  });
  const result = {round: await all("round"), queue: (await all("queue")).map((i) => ({...i, photo: !!i.photo}))};
  db.close();
  return JSON.stringify(result);
}"""


def record_offline(page, person, notes, photo=False):
    card = page.locator(f"[data-person='{person.pk}']")
    card.get_by_role("button", name="记录走访").click()
    card.locator("textarea[name=notes]").fill(notes)
    if photo:
        card.locator("input[type=file]").set_input_files(
            {"name": "visit.png", "mimeType": "image/png", "buffer": PHOTO}
        )
    card.get_by_role("button", name=re.compile("保存")).click()


def test_visits_recorded_offline_are_sent_when_the_signal_returns(
    transactional_world, live_server, phone
):
    page = phone  # 390 × 844, as at the door
    coordinator = user("coordinator-370102001002")
    first, first_measure = due_resident(coordinator, "离线甲")
    second, _measure = due_resident(coordinator, "离线乙")
    log_in(page, live_server.url, "coordinator-370102001002")
    page.goto(f"{live_server.url}/visits/")
    expect(page.get_by_text("待发送的走访：0条")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.wait_for_function("""() => new Promise((resolve) => {
      const request = indexedDB.open("jiuye-offline");
      request.onsuccess = () => {
        const get = request.result.transaction("round").objectStore("round").get("bundle");
        get.onsuccess = () => { request.result.close(); resolve(!!get.result); };
      };
    })""")  # fmt: skip

    worker = page.evaluate("async () => (await navigator.serviceWorker.ready).active.scriptURL")
    assert worker == f"{live_server.url}/sw.js"  # installed, scope the whole site

    page.reload()  # now through the service worker, which keeps the round page
    expect(page.get_by_text("待发送的走访：0条")).to_be_visible()
    page.context.set_offline(True)
    page.reload()  # opened again without signal: the kept page and the kept round
    expect(page.locator(f"[data-person='{first.pk}']")).to_be_visible()
    expect(page.get_by_text("待发送的走访：0条")).to_be_visible()
    record_offline(page, first, "离线记录：本人在家", photo=True)
    record_offline(page, second, "离线记录：仍在求职")
    expect(page.get_by_text("待发送的走访：2条")).to_be_visible()
    store = page.evaluate(READ_STORE)
    for person in (first, second):
        assert person.name in store and person.masked_id_number in store
        assert person.id_number not in store  # never a full identity number on the phone
    assert not re.search(r"\d{17}[\dX]", store)
    assert json.loads(store)["queue"][0]["user"] == coordinator.pk

    # meanwhile someone else contacts the second person: their visit no longer fits
    contact_record(actor=coordinator, registration=Registration.objects.get(person=second),
                   on=timezone.localdate(), method="call", note="他人电话联系")  # fmt: skip
    page.context.set_offline(False)
    expect(page.get_by_text("待发送的走访：0条")).to_be_visible()
    expect(page.get_by_text(re.compile("离线甲：已发送"))).to_be_visible()
    expect(page.get_by_text(re.compile("离线乙：走访期间该人员的待办已有变化"))).to_be_visible()
    visit = Visit.objects.get(person=first)
    assert visit.notes == "离线记录：本人在家" and VisitPhoto.objects.filter(visit=visit).exists()
    assert Registration.objects.get(person=first).last_contact_on == timezone.localdate()
    assert first_measure.services.exists()
    assert not Visit.objects.filter(person=second).exists()

    page.get_by_role("button", name="退出").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    names = page.evaluate("async () => (await indexedDB.databases()).map((d) => d.name)")
    assert "jiuye-offline" not in names
    # the cached round page is gone (the app's static files may be cached again: no data)
    assert page.evaluate("async () => !(await caches.match('/visits/', {ignoreSearch: true}))")
