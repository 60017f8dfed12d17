import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db
PASSWORD = "jiuye-demo"


def test_the_login_page_is_in_chinese(client):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "基层公共就业服务平台" in text and "用户名" in text and "密码" in text


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get("/regions/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/regions/"


def test_a_demo_account_logs_in_with_its_password_and_lands_on_its_work_list(client):
    response = client.post(
        "/accounts/login/", {"username": "coordinator-370102001002", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert "我的待办" in client.get("/").content.decode()


@pytest.mark.parametrize("username", ["coordinator-370102001002", "nobody-at-all"])
def test_a_wrong_password_or_an_unknown_user_gets_the_same_clear_message(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": "wrong-password"})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()


def test_an_account_is_locked_after_repeated_failed_logins_even_with_the_right_password(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/", {"username": "reviewer-370102001", "password": "wrong-password"}
        )
    response = client.post(
        "/accounts/login/", {"username": "reviewer-370102001", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "账号已被锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account is not affected.
    other = Client().post("/accounts/login/", {"username": "approver-370102", "password": PASSWORD})
    assert other.status_code == 302


def test_a_locked_account_cannot_get_an_api_token_either(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/api/v1/auth/token/", {"username": "finance-370102", "password": "wrong"})
    response = client.post(
        "/api/v1/auth/token/", {"username": "finance-370102", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "锁定" in response.json()["detail"]


def test_an_inactive_account_cannot_log_in(client, reviewer):
    reviewer.is_active = False
    reviewer.save()
    response = client.post(
        "/accounts/login/", {"username": reviewer.username, "password": PASSWORD}
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(login, approver):
    client = login(approver)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_an_expired_session_sends_the_user_to_log_in_again_with_a_notice(client):
    client.post("/accounts/login/", {"username": "approver-370102", "password": PASSWORD})
    assert client.get("/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now()
    )
    response = client.get("/regions/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "登录已超时" in client.get(response["Location"]).content.decode()


def test_sessions_expire_after_inactivity():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # the clock restarts with every request


def test_password_change_applies_django_validators(login, coordinator):
    client = login(coordinator)
    page = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "密码" in text and ("太短" in text or "常见" in text or "全部为数字" in text)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Quan-Jiuye-2026!",
            "new_password2": "Quan-Jiuye-2026!",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("Quan-Jiuye-2026!")


def test_a_post_without_csrf_token_is_refused(approver):
    client = Client(enforce_csrf_checks=True)
    client.force_login(approver, backend="jiuye.staff.backends.RoleBackend")
    response = client.post("/accounts/password/", {"old_password": PASSWORD})
    assert response.status_code == 403


def test_pages_carry_security_headers(login, approver):
    response = login(approver).get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"


def test_the_production_settings_pass_the_deployment_checks(tmp_path):
    root = Path(__file__).resolve().parents[3]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jiuye.settings",
        "JIUYE_ENV": "production",
        "SECRET_KEY": "a-long-random-secret-key-for-the-check-only-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "jiuye.example.gov.cn",
        # a database without demo accounts (jiuye/tests/test_production.py tests those)
        "DATABASE_URL": "",
        "SQLITE_PATH": str(tmp_path / "empty.sqlite3"),
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    root = Path(__file__).resolve().parents[3]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jiuye.settings",
        "JIUYE_ENV": "production",
    }
    environment.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_the_ui_is_chinese_whatever_the_browser_asks_and_english_when_chosen(login, approver):
    client = login(approver)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="zh-hans">' in page.content.decode() and "我的待办" in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "My work list" in page


def test_the_menu_marks_the_deepest_matching_item(login, approver):
    page = login(approver).get("/regions/orgs/new/").content.decode()
    assert page.count('aria-current="page"') == 1
    assert 'href="/regions/orgs/" class="active"' in page
