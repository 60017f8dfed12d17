"""Faults of background work (``manage.py db_worker``, django-tasks' database backend).

- A job that fails marks itself failed with ``after_fault``: when the fault was the database
  connection itself (the server restarted, the network dropped), the broken connection is
  closed and the mark written on a new one, so the job never stays "running".
- A worker killed in the middle of a task (SIGKILL, out of memory, the machine lost) leaves its
  task "running" for ever: ``reap_lost`` reports every task running longer than
  ``TASKS_LOST_MINUTES`` as failed, and sends django-tasks' ``task_finished`` for it, so the
  job behind it (an import, an export) is marked failed too. It runs with the nightly checks
  and whenever a worker starts a task. A lost task is reported, not retried: the user starts
  the job again, which is safe because a job writes all or nothing.

Two workers never take one task: the worker claims a task in a transaction that locks its row
(``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL; on SQLite the transaction is exclusive,
so a second worker waits, then finds the task claimed).
"""

import datetime
import logging

from django.conf import settings
from django.db import Error, connection
from django.dispatch import receiver
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import task_finished, task_started
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

LOST = "jiuye.core.tasks.WorkerLost"  # the exception class path of a lost task


def after_fault(write):
    """Call ``write`` (a job marking itself failed) after a fault; if the fault broke the
    database connection, ``write`` fails on it too: the connection is closed and ``write``
    called once more on a new one. Inside a transaction nothing can reconnect: it raises."""
    try:
        return write()
    except Error:
        if connection.in_atomic_block:
            raise
        connection.close()
        return write()


def reap_lost() -> int:
    """Report the tasks running for longer than ``TASKS_LOST_MINUTES`` as failed: their worker
    is gone. Returns how many."""
    now = timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.TASKS_LOST_MINUTES)
    reaped = 0
    for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        claimed = (
            DBTaskResult.objects.running()
            .filter(pk=result.pk)
            .update(
                status="FAILED",
                finished_at=now,
                exception_class_path=LOST,
                traceback=f"The worker {result.worker_ids[-1:]} started this task at "
                f"{result.started_at:%Y-%m-%d %H:%M:%S} and was lost before it finished "
                f"(TASKS_LOST_MINUTES={settings.TASKS_LOST_MINUTES}).",
            )
        )
        if not claimed:  # finished meanwhile
            continue
        reaped += 1
        logger.error("task %s (%s) lost with its worker", result.pk, result.task_path)
        result.refresh_from_db()
        try:
            task_finished.send(sender=DatabaseBackend, task_result=result.task_result)
        except ImportError:  # a task of an older version of the code
            logger.exception("task %s lost: no such task", result.pk)
    return reaped


@receiver(task_started)
def _reap_on_start(sender, **kwargs):
    """A worker starting a task (also after a restart) first reports the lost ones."""
    if isinstance(sender, DatabaseBackend):  # the worker sends the backend, not its class
        try:
            reap_lost()
        except Exception:  # the task at hand runs all the same
            logger.exception("reporting the lost tasks failed")


def failed_job(task_result, *tasks) -> int | None:
    """The job (the first argument) of ``task_result`` if it is a failed run of one of
    ``tasks``, else None: for the receivers of ``task_finished`` that mark a lost job failed."""
    if task_result.status != "FAILED" or not task_result.args:
        return None
    if task_result.task.module_path not in {task.module_path for task in tasks}:
        return None
    return task_result.args[0]
