"""The audit log (等保): logins, failed logins, logouts, exports and full views recorded with
the address; nobody can change or delete a row; only the province reads and exports it; rows
past the retention are purged every night; logins are slowed per address as well."""

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.conftest import COUNTY, VILLAGE_A
from jiuye.core.models import AccessKind, AccessLog

pytestmark = pytest.mark.django_db
DEMO = "jiuye-demo"


def post_login(client, username, password, address="10.9.8.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def rows(**filters):
    return list(AccessLog.objects.filter(**filters).values_list("kind", "username", "address"))


def test_logins_failed_logins_and_logouts_are_recorded_with_the_address(coordinator):
    client = Client()
    assert post_login(client, coordinator.username, "wrong-Password-1").status_code == 200
    assert post_login(client, "nobody-at-all", "wrong-Password-1").status_code == 200
    assert post_login(client, coordinator.username, DEMO).status_code == 302
    assert client.post("/accounts/logout/", REMOTE_ADDR="10.9.8.7").status_code == 302
    assert rows(user=coordinator) == [
        (AccessKind.LOGOUT, coordinator.username, "10.9.8.7"),
        (AccessKind.LOGIN, coordinator.username, "10.9.8.7"),
        (AccessKind.LOGIN_FAILED, coordinator.username, "10.9.8.7"),
    ]
    unknown = AccessLog.objects.get(username="nobody-at-all")
    assert unknown.kind == AccessKind.LOGIN_FAILED and unknown.user is None
    assert unknown.region is None
    assert AccessLog.objects.filter(user=coordinator).first().region_id == VILLAGE_A


def test_an_api_token_is_a_login_and_a_wrong_password_a_failed_one(client, approver):
    client.post("/api/v1/auth/token/", {"username": approver.username, "password": "no"})
    client.post("/api/v1/auth/token/", {"username": approver.username, "password": DEMO})
    kinds = list(AccessLog.objects.filter(user=approver).values_list("kind", "purpose"))
    assert kinds == [(AccessKind.LOGIN, "API"), (AccessKind.LOGIN_FAILED, "")]


def test_every_export_is_recorded_and_a_full_one_with_each_person_seen(coordinator):
    client = Client()
    post_login(client, coordinator.username, DEMO)
    assert client.get("/ledger/export/").status_code == 200
    export = AccessLog.objects.get(user=coordinator, kind=AccessKind.EXPORT)
    assert export.purpose == "导出台账" and export.address == "127.0.0.1"
    assert not AccessLog.objects.views().filter(user=coordinator).exists()
    client.get("/ledger/export/?full=1")
    exports = AccessLog.objects.filter(user=coordinator, kind=AccessKind.EXPORT)
    assert list(exports.values_list("purpose", flat=True)) == ["导出台账（完整号码）", "导出台账"]
    seen = AccessLog.objects.views().filter(user=coordinator)
    assert seen.exists() and set(seen.values_list("address", flat=True)) == {"127.0.0.1"}


def test_a_row_cannot_be_changed_or_deleted(coordinator, superuser, login):
    row = AccessLog.objects.create(kind=AccessKind.LOGIN, user=coordinator, username="x")
    for attempt in (
        lambda: AccessLog.objects.filter(pk=row.pk).update(username="y"),
        lambda: AccessLog.objects.filter(pk=row.pk).delete(),
        lambda: AccessLog.objects.all().delete(),
        row.delete,
        row.save,
    ):
        with pytest.raises(ValidationError, match="审计日志只能追加"):
            attempt()
    # nor in the admin, even by a superuser; and the API has no route to it
    client = login(superuser)
    change = f"/admin/core/accesslog/{row.pk}/change/"
    assert client.post(change, {"username": "y"}).status_code == 403
    assert (
        client.post(f"/admin/core/accesslog/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert client.get("/admin/core/accesslog/add/").status_code == 403
    assert AccessLog.objects.get(pk=row.pk).username == "x"
    assert "access" not in client.get("/api/v1/").content.decode().lower()


def test_only_the_province_reads_the_audit_log(
    client, login, province_admin, city_officer, approver, coordinator
):
    AccessLog.objects.create(kind=AccessKind.LOGIN, user=coordinator, username=coordinator.username,
                             region_id=VILLAGE_A, address="10.1.1.1")  # fmt: skip
    assert client.get("/system/audit/")["Location"].startswith("/accounts/login/")
    for user in (city_officer, approver, coordinator):
        assert AccessLog.objects.visible_to(user).count() == 0
        for path in ("/system/audit/", "/system/audit/export/"):
            assert login(user).get(path).status_code == 404, (user, path)
    page = login(province_admin).get("/system/audit/")
    assert page.status_code == 200 and coordinator.username in page.content.decode()
    assert "审计日志" in login(province_admin).get("/").content.decode()  # in the menu


def make_rows(count, **fields):
    now = timezone.now()
    AccessLog.objects.bulk_create(
        AccessLog(at=now - datetime.timedelta(minutes=number), **fields) for number in range(count)
    )


def test_the_list_filters_by_date_user_kind_region_and_address(login, province_admin, coordinator):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    AccessLog.objects.bulk_create([
        AccessLog(kind=AccessKind.LOGIN, user=coordinator, username=coordinator.username,
                  region_id=VILLAGE_A, address="10.1.1.1", purpose="甲"),
        AccessLog(kind=AccessKind.EXPORT, user=coordinator, username=coordinator.username,
                  region_id=VILLAGE_A, address="10.1.1.2", purpose="乙", at=yesterday),
        AccessLog(kind=AccessKind.LOGIN_FAILED, username="nobody", address="10.1.1.3",
                  purpose="丙"),
    ])  # fmt: skip
    client = login(province_admin)
    today = timezone.localdate()

    def shown(query):
        page = client.get(f"/system/audit/?{query}").content.decode()
        return {mark for mark in "甲乙丙" if f"<td>{mark}</td>" in page}

    assert shown("") >= {"甲", "乙", "丙"}
    assert shown(f"since={today}") >= {"甲", "丙"} and "乙" not in shown(f"since={today}")
    assert shown(f"until={today - datetime.timedelta(days=1)}") == {"乙"}
    assert shown("kind=export") == {"乙"}
    assert shown("username=nobody") == {"丙"}
    assert shown(f"region={COUNTY}") == {"甲", "乙"}
    assert shown("region=370103000000") == set()
    assert shown("address=10.1.1.3") == {"丙"}
    page = client.get("/system/audit/?address=not-an-address")
    assert page.status_code == 200 and "丙" not in page.content.decode()


def test_the_list_reads_a_fixed_number_of_queries(
    login, province_admin, coordinator, django_assert_num_queries
):
    client = login(province_admin)
    fields = {"kind": AccessKind.VIEW, "user": coordinator, "region_id": VILLAGE_A,
              "content_type_id": 1, "object_id": 1}  # fmt: skip
    make_rows(3, **fields)
    client.get("/system/audit/")  # warm the caches (content types, the session)
    with django_assert_num_queries(10) as few:
        client.get(f"/system/audit/?region={VILLAGE_A}")
    make_rows(40, **fields)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(f"/system/audit/?region={VILLAGE_A}")


def test_the_province_exports_the_log_to_excel(login, province_admin, coordinator):
    AccessLog.objects.create(kind=AccessKind.LOGIN_FAILED, user=coordinator, region_id=VILLAGE_A,
                             username=coordinator.username, address="10.7.7.7")  # fmt: skip
    response = login(province_admin).get("/system/audit/export/?kind=login_failed")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    cells = [row for sheet in book for row in sheet.iter_rows(values_only=True)]
    assert any(coordinator.username in row and "10.7.7.7" in row for row in cells)
    assert AccessLog.objects.filter(user=province_admin, kind=AccessKind.EXPORT).exists()


def test_the_nightly_checks_purge_the_rows_past_the_retention(coordinator):
    old = timezone.now() - datetime.timedelta(days=settings.AUDIT_KEEP_DAYS, minutes=1)
    recent = timezone.now() - datetime.timedelta(days=settings.AUDIT_KEEP_DAYS - 1)
    AccessLog.objects.bulk_create([
        AccessLog(kind=AccessKind.LOGIN, user=coordinator, username="old", at=old),
        AccessLog(kind=AccessKind.LOGIN, user=coordinator, username="recent", at=recent),
    ])  # fmt: skip
    out = io.StringIO()
    call_command("nightly_checks", stdout=out)
    assert "审计日志" in out.getvalue()
    assert set(AccessLog.objects.values_list("username", flat=True)) >= {"recent"}
    assert not AccessLog.objects.filter(username="old").exists()


def test_a_retention_shorter_than_six_months_is_refused():
    root = Path(__file__).resolve().parents[3]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jiuye.settings",
        "AUDIT_KEEP_DAYS": "90",
    }
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=root, env=environment,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode != 0 and "AUDIT_KEEP_DAYS" in result.stderr


def test_nobody_without_a_jurisdiction_reads_a_row():
    assert AccessLog.objects.visible_to(AnonymousUser()).count() == 0


# Logins slowed per address -----------------------------------------------------------------


def test_too_many_failed_logins_from_one_address_stop_logins_from_it(settings, approver):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    client = Client()
    # one guess each at three accounts: none of them is locked by itself
    for username in ("reviewer-370102001", "finance-370102", "inspector-370102"):
        post_login(client, username, "Guess-1234!", address="10.5.5.5")
    response = post_login(client, approver.username, DEMO, address="10.5.5.5")
    assert response.status_code == 429 and "该地址登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    token = client.post("/api/v1/auth/token/", {"username": approver.username, "password": DEMO},
                        REMOTE_ADDR="10.5.5.5")  # fmt: skip
    assert token.status_code == 429 and "该地址" in token.json()["detail"]
    # another address (another office) logs in; the accounts themselves are not locked
    assert post_login(Client(), "finance-370102", DEMO, address="10.6.6.6").status_code == 302
    # once the failures are older than the cool-off, the address may try again
    later = timezone.now() + datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    with time_machine.travel(later, tick=False):
        assert post_login(Client(), approver.username, DEMO, address="10.5.5.5").status_code == 302
