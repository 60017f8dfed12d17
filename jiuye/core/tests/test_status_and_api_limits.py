"""The status for monitoring, API tokens that end after disuse, and the API's throttles per
address and per account."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db
DEMO = "jiuye-demo"


# /status/ ----------------------------------------------------------------------------------


def test_the_status_is_healthy_from_an_allowed_address_and_says_nothing_personal(client):
    response = client.get("/status/")  # the test client comes from 127.0.0.1
    assert response.status_code == 200
    status = response.json()
    assert status["healthy"] is True
    assert status["web"] == {"ok": True}
    assert status["database"]["ok"] and status["database"]["query_ms"] >= 0
    assert status["worker"]["ok"] and status["worker"]["waiting"] == 0
    assert set(status) == {"healthy", "time", "web", "database", "worker"}
    assert "no-store" in response["Cache-Control"]


def test_the_status_is_hidden_from_other_addresses_unless_they_send_the_token(settings):
    settings.STATUS_TOKEN = "monitor-token-0123456789"
    other = Client(REMOTE_ADDR="10.3.3.3")
    assert other.get("/status/").status_code == 404
    assert other.get("/status/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    response = other.get("/status/", HTTP_AUTHORIZATION="Bearer monitor-token-0123456789")
    assert response.status_code == 200 and response.json()["healthy"]
    settings.STATUS_TOKEN = ""
    assert other.get("/status/", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def waiting_task(seconds_ago):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="jiuye.core.exporting.build_export",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - datetime.timedelta(seconds=seconds_ago),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )


def test_a_task_waiting_too_long_makes_the_status_unhealthy(client, settings):
    settings.STATUS_TASK_WAIT_SECONDS = 300
    waiting_task(60)
    status = client.get("/status/").json()
    assert status["healthy"] and status["worker"]["waiting"] == 1
    waiting_task(301)
    response = client.get("/status/")
    assert response.status_code == 503
    status = response.json()
    assert not status["healthy"] and not status["worker"]["ok"] and status["database"]["ok"]
    assert status["worker"]["oldest_waiting_seconds"] >= 301


# API tokens ----------------------------------------------------------------------------------


def token_of(client, username):
    response = client.post("/api/v1/auth/token/", {"username": username, "password": DEMO})
    assert response.status_code == 200
    return response.json()["token"]


def test_a_token_unused_too_long_is_refused_with_a_clear_message(client, approver, settings):
    key = token_of(client, approver.username)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/").status_code == 200
    Token.objects.filter(key=key).update(
        created=timezone.now() - datetime.timedelta(days=settings.API_TOKEN_IDLE_DAYS, minutes=1)
    )
    response = api.get("/api/v1/")
    assert response.status_code == 401
    assert "天未使用而失效" in response.json()["detail"]
    # asking again gives a new token, which works
    fresh = token_of(client, approver.username)
    assert fresh != key
    assert Client(HTTP_AUTHORIZATION=f"Token {fresh}").get("/api/v1/").status_code == 200


def test_using_a_token_keeps_it_alive(client, approver, settings):
    key = token_of(client, approver.username)
    nearly = timezone.now() - datetime.timedelta(days=settings.API_TOKEN_IDLE_DAYS - 1)
    Token.objects.filter(key=key).update(created=nearly)
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/").status_code == 200
    assert Token.objects.get(key=key).created > timezone.now() - datetime.timedelta(minutes=1)


# Throttles -----------------------------------------------------------------------------------


@pytest.fixture
def throttles(settings):
    cache.clear()
    yield settings
    cache.clear()


def test_anonymous_requests_are_throttled_per_address_whatever_forwarded_for_says(throttles):
    throttles.API_THROTTLE_ANON = "3/minute"
    client = Client(REMOTE_ADDR="10.4.4.4")
    for number in range(3):
        response = client.get("/api/v1/public/vacancies/", HTTP_X_FORWARDED_FOR=f"1.1.1.{number}")
        assert response.status_code == 200
    refused = client.get("/api/v1/public/vacancies/", HTTP_X_FORWARDED_FOR="1.1.1.9")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert Client(REMOTE_ADDR="10.4.4.5").get("/api/v1/public/vacancies/").status_code == 200


def test_the_token_endpoint_is_throttled_per_address_too(throttles, approver):
    throttles.API_THROTTLE_ANON = "2/minute"
    client = Client(REMOTE_ADDR="10.4.4.6")
    for _ in range(2):
        client.post("/api/v1/auth/token/", {"username": approver.username, "password": "no"})
    response = client.post("/api/v1/auth/token/", {"username": approver.username, "password": DEMO})
    assert response.status_code == 429


def test_signed_in_requests_are_throttled_per_account(throttles, login, approver, reviewer):
    throttles.API_THROTTLE_USER = "2/minute"
    client = login(approver)
    assert [client.get("/api/v1/").status_code for _ in range(3)] == [200, 200, 429]
    assert login(reviewer).get("/api/v1/").status_code == 200
