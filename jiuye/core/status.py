"""The status for monitoring (``/status/``): the web answers, the database is reachable (and
how fast), and the task worker keeps up (how long the oldest waiting task has waited, and when
the last one finished). Nothing personal; see docs/operations.md."""

import hmac
import time

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count, Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jiuye.core.audit import client_address


def allowed(request) -> bool:
    """From a configured address, or with the configured token."""
    if client_address(request) in settings.STATUS_ADDRESSES:
        return True
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(settings.STATUS_TOKEN) and hmac.compare_digest(sent, settings.STATUS_TOKEN)


def _seconds_since(moment) -> float | None:
    return None if moment is None else round((timezone.now() - moment).total_seconds(), 1)


def database() -> dict:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "query_ms": round((time.perf_counter() - started) * 1000, 2)}


def worker() -> dict:
    """Unhealthy when a task ready to run has waited longer than
    ``settings.STATUS_TASK_WAIT_SECONDS``: no worker is taking them."""
    try:
        waiting = DBTaskResult.objects.ready().aggregate(
            oldest=Min("enqueued_at"), count=Count("pk")
        )
        finished = DBTaskResult.objects.aggregate(last=Max("finished_at"))["last"]
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    oldest = _seconds_since(waiting["oldest"])
    return {
        "ok": oldest is None or oldest <= settings.STATUS_TASK_WAIT_SECONDS,
        "waiting": waiting["count"],
        "oldest_waiting_seconds": oldest,
        "last_finished_seconds_ago": _seconds_since(finished),
        "wait_limit_seconds": settings.STATUS_TASK_WAIT_SECONDS,
    }


def report() -> dict:
    checks = {"web": {"ok": True}, "database": database()}
    checks["worker"] = worker() if checks["database"]["ok"] else {"ok": False}
    return {
        "healthy": all(check["ok"] for check in checks.values()),
        "time": timezone.now().isoformat(timespec="seconds"),
        **checks,
    }
