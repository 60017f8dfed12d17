"""Production as it runs: gunicorn (deploy/gunicorn.conf.py) and the task worker started as
processes with JIUYE_ENV=production against the test database, a login through the real form,
and the refusals to start with DEBUG on, the development key or an active demo account."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection, transaction

from jiuye.conftest import VILLAGE_A
from jiuye.core import history
from jiuye.staff.models import User

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "a-password-the-operator-chose-7"


def database_environment() -> dict:
    """The test database, for a process with the production settings."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return {"DATABASE_URL": "", "SQLITE_PATH": str(db["NAME"])}
    login = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return {
        "DATABASE_URL": f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    }


def production(**extra) -> dict:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jiuye.settings",
        "JIUYE_ENV": "production",
        "SECRET_KEY": "a-long-random-secret-key-for-the-test-only-0123456789-abcdefghijk",
        "ALLOWED_HOSTS": "127.0.0.1",
        **database_environment(),
    }
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "JIUYE_DEBUG"):
        environment.pop(name, None)
    return {**environment, **extra}


def empty_database(tmp_path) -> dict:
    return {"DATABASE_URL": "", "SQLITE_PATH": str(tmp_path / "empty.sqlite3")}


def run(command, environment):
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=180
    )


def check_deploy(environment):
    return run([sys.executable, "manage.py", "check", "--deploy"], environment)


def wsgi_start(environment):
    return run([sys.executable, "-c", "import jiuye.wsgi"], environment)


def operators_password() -> str:
    """A password the operator chose, hashed as production does (few iterations, for speed)."""
    return PBKDF2PasswordHasher().encode(PASSWORD, "chosenbyoperator", iterations=1000)


def set_accounts(accounts, **values) -> None:
    """What an operator does to the demo accounts (with the change history, as any write)."""
    with transaction.atomic():
        history.update(accounts, actor=User.objects.get(username="admin"), **values)


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ({"JIUYE_DEBUG": "true"}, ["调试模式", "DEBUG is on in production"]),
        (
            {"SECRET_KEY": settings.DEVELOPMENT_SECRET_KEY},
            ["开发用的密钥", "SECRET_KEY is the development key"],
        ),
    ],
)
def test_production_refuses_to_start_with_debug_or_the_development_key(tmp_path, setting, says):
    environment = production(**empty_database(tmp_path), **setting)
    for result in (check_deploy(environment), wsgi_start(environment)):
        assert result.returncode != 0
        output = result.stdout + result.stderr
        assert all(text in output for text in says), output
    fine = production(**empty_database(tmp_path))
    assert wsgi_start(fine).returncode == 0
    assert check_deploy(fine).returncode == 0


def test_production_refuses_to_start_while_a_demo_account_has_the_demo_password(
    transactional_world, tmp_path
):
    environment = production()
    result = check_deploy(environment)
    assert result.returncode == 1
    active = User.objects.filter(is_active=True).count()
    assert f"仍有 {active} 个演示账号有效" in result.stderr
    assert f"{active} demo accounts are still active with the demo password" in result.stderr
    refused = gunicorn(environment, free_port(), tmp_path / "gunicorn.log")
    try:
        assert refused.wait(timeout=120) != 0  # "Worker failed to boot": gunicorn halts
    finally:
        stop(refused)
    assert "demo accounts are still active" in (tmp_path / "gunicorn.log").read_text()

    # One account left with the seed's password is enough; none, and production starts.
    set_accounts(User.objects.exclude(username="admin"), password=operators_password())
    result = check_deploy(environment)
    assert (
        result.returncode == 1 and "仍有 1 个演示账号有效且使用演示密码（admin…）" in result.stderr
    )
    set_accounts(User.objects.all(), password=operators_password())
    assert check_deploy(environment).returncode == 0
    # A demo data set seeded before the seed's own salt: one hash of the demo password shared.
    shared = PBKDF2PasswordHasher().encode(settings.JIUYE_DEMO_PASSWORD, "random", iterations=1000)
    set_accounts(User.objects.filter(username__startswith="coordinator-"), password=shared)
    result = check_deploy(environment)
    assert result.returncode == 1 and "演示账号" in result.stderr
    set_accounts(User.objects.filter(username__startswith="coordinator-"), is_active=False)
    assert check_deploy(environment).returncode == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(environment, port, log: Path) -> subprocess.Popen:
    environment = {**environment, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
    with log.open("w") as output:
        return subprocess.Popen(
            [BIN / "gunicorn", "--config", ROOT / "deploy" / "gunicorn.conf.py", "jiuye.wsgi"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds=120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    pytest.fail(f"gunicorn did not listen on {port} in {seconds} s:\n{log.read_text()}")


class Browser:
    """Requests as nginx passes them on (X-Forwarded-Proto: https), with the cookies."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None, https=True):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        text = response.read().decode()
        connection.close()
        return response, text


def test_a_login_and_a_page_through_gunicorn_and_the_task_worker(
    transactional_world, tmp_path_factory
):
    set_accounts(User.objects.all(), password=operators_password())  # no demo password is left
    static = tmp_path_factory.mktemp("static")
    environment = production(STATIC_ROOT=str(static), STATIC_COMPRESS="false")
    collected = run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], environment)
    assert collected.returncode == 0, collected.stderr
    logs = tmp_path_factory.mktemp("logs")
    port = free_port()
    web = gunicorn(environment, port, logs / "gunicorn.log")
    with (logs / "worker.log").open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "-v0"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for_port(port, web, logs / "gunicorn.log")
        browser = Browser(port)
        response, _ = browser.request("GET", "/accounts/login/", https=False)
        assert response.status == 301
        assert response.getheader("Location") == f"https://127.0.0.1:{port}/accounts/login/"

        response, page = browser.request("GET", "/accounts/login/")
        assert response.status == 200 and "基层公共就业服务平台" in page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        assert "Secure" in response.getheader("Set-Cookie", "")
        username = f"coordinator-{VILLAGE_A}"
        form = {"username": username, "password": "wrong", "csrfmiddlewaretoken": token}
        response, page = browser.request("POST", "/accounts/login/", form)
        assert response.status == 200 and "sessionid" not in browser.cookies
        form["password"] = PASSWORD
        response, _ = browser.request("POST", "/accounts/login/", form)
        assert response.status == 302, _
        response, page = browser.request("GET", "/ledger/")
        assert response.status == 200
        assert User.objects.get(username=username).name in page
        assert "解放桥社区" in page
        assert worker.poll() is None, (logs / "worker.log").read_text()
    finally:
        stop(web)
        stop(worker)
