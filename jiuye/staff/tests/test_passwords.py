"""Passwords at 等保 level: length and kinds of characters, no reuse of recent ones, expiry;
the seeded demo accounts keep their password. Logins go through the real form."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from jiuye.staff.models import PasswordHistory, User
from jiuye.staff.services import staff_set_password

pytestmark = pytest.mark.django_db
DEMO = "jiuye-demo"


def signed_in(username, password=DEMO):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def change(client, old, new):
    return client.post(
        "/accounts/password/",
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_the_settings_are_those_of_the_checks():
    assert settings.PASSWORD_MIN_LENGTH >= 8 and settings.PASSWORD_MIN_CLASSES >= 3
    assert settings.PASSWORD_HISTORY >= 1 and settings.PASSWORD_EXPIRY_DAYS >= 1


def test_a_seeded_account_logs_in_with_the_demo_password_and_never_expires(coordinator):
    assert coordinator.password_changed_at is None and coordinator.password_expires_at is None
    client = signed_in(coordinator.username)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1-xyz", "密码至少10位"),
        ("abcdefghijkl", "中的3类"),  # one kind
        ("abcdef-ghijk", "中的3类"),  # two kinds: the demo password's
        ("ABCDEFGH1234", "中的3类"),
    ],
)
def test_a_new_password_needs_its_length_and_three_kinds_of_characters(
    coordinator, password, message
):
    client = signed_in(coordinator.username)
    page = change(client, DEMO, password)
    assert page.status_code == 200 and message in page.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password(DEMO) and coordinator.password_changed_at is None


def test_a_manager_cannot_set_a_simple_password_either(approver, coordinator):
    with pytest.raises(Exception, match="3类"):
        staff_set_password(actor=approver, user=coordinator, password="abcdefghijkl")


def test_a_password_used_recently_is_refused_until_enough_others_came_after_it(coordinator):
    client = signed_in(coordinator.username)
    first = "Quan-Jiuye-2026!"
    assert change(client, DEMO, first).status_code == 302
    # the current one
    page = change(client, first, first)
    assert page.status_code == 200 and "最近使用过的5个密码" in page.content.decode()
    current = first
    for number in range(1, settings.PASSWORD_HISTORY + 1):
        new = f"Quan-Jiuye-{number}x!"
        assert change(client, current, new).status_code == 302
        current = new
        if number < settings.PASSWORD_HISTORY:
            page = change(client, current, first)
            assert page.status_code == 200 and "最近使用过" in page.content.decode(), number
    # five others since: the first may be used again; only the last five hashes are kept
    assert change(client, current, first).status_code == 302
    assert PasswordHistory.objects.filter(user=coordinator).count() == settings.PASSWORD_HISTORY
    coordinator.refresh_from_db()
    assert coordinator.check_password(first)


def test_an_expired_password_sends_the_user_to_change_it_first(coordinator):
    client = signed_in(coordinator.username)
    assert change(client, DEMO, "Quan-Jiuye-2026!").status_code == 302
    assert client.get("/").status_code == 200
    # the password was set longer ago than the expiry allows
    user = User.objects.get(pk=coordinator.pk)
    user.password_changed_at = timezone.now() - datetime.timedelta(
        days=settings.PASSWORD_EXPIRY_DAYS, seconds=1
    )
    user.save()
    client = signed_in(coordinator.username, "Quan-Jiuye-2026!")
    for path in ("/", "/ledger/", f"/ledger/?region={coordinator.org.region_id}"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/password/"
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and "请先修改密码" in page.content.decode()
    assert client.get("/api/v1/").status_code == 403
    assert change(client, "Quan-Jiuye-2026!", "Quan-Jiuye-2027!").status_code == 302
    assert client.get("/ledger/").status_code == 200
    user.refresh_from_db()
    assert user.password_expires_at > timezone.now() + datetime.timedelta(days=1)


def test_an_expired_user_may_still_log_out(coordinator):
    user = User.objects.get(pk=coordinator.pk)
    user.set_password("Quan-Jiuye-2026!")
    user.password_changed_at -= datetime.timedelta(days=settings.PASSWORD_EXPIRY_DAYS + 1)
    user.save()
    client = signed_in(coordinator.username, "Quan-Jiuye-2026!")
    assert client.get("/").status_code == 302
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session
