"""Background work of the ledger: validating and applying Excel imports.

Both run as tasks (django-tasks; ``manage.py db_worker`` runs them, tests run them inline), so
a large file does not hold a web request; the import page shows the progress. Applying
validates the file again first: the ledger may have changed since the preview."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.compat import task_finished

from jiuye.core.tasks import after_fault, failed_job
from jiuye.ledger import importing
from jiuye.ledger.excel import COLUMNS
from jiuye.ledger.models import ImportState, LedgerImport

logger = logging.getLogger(__name__)


def _save(job: LedgerImport, **fields) -> None:
    LedgerImport.objects.filter(pk=job.pk).update(**fields)


def _without_preview(job: LedgerImport) -> dict:
    """The job's summary without the preview, which holds the file's personal data and is
    dropped with the file."""
    return {key: value for key, value in job.summary.items() if key not in ("columns", "preview")}


def _failed(job: LedgerImport, step: str) -> None:
    """Our own error (not the file's): logged with its traceback for the administrators; the
    user is told that nothing was written and whom to ask, never the raw exception."""
    logger.exception("ledger import %s failed while %s", job.pk, step)
    after_fault(lambda: _save(
        job,
        state=ImportState.FAILED,
        content=b"",
        summary=_without_preview(job),
        message=_("导入失败，未写入任何数据。系统错误已记录（导入编号%(id)s），请联系系统管理员。")
        % {"id": job.pk},
        finished_at=timezone.now(),
    ))  # fmt: skip


def _check(
    job: LedgerImport,
) -> "importing.Report | None":  # importing imports services, which import us
    """Validate the job's file; on errors record them and return None."""

    def progress(done, total):
        _save(job, processed=done, total=total)

    try:  # importing.validate turns an unreadable file into a ValidationError
        report = importing.validate(
            bytes(job.content),
            job.filename,
            actor=job.uploaded_by,
            region_code=job.region_id,
            progress=progress,
        )
    except ValidationError as error:
        report = importing.Report()
        report.refuse(None, "", error)
    except Exception:
        _failed(job, "validating")
        raise
    if report.errors:
        _save(
            job,
            state=ImportState.INVALID,
            errors=report.errors,
            content=b"",
            summary={},  # a preview made before the ledger changed no longer holds
            finished_at=timezone.now(),
        )
        return None
    return report


@task()
def validate_import(job_id: int, language: str = settings.LANGUAGE_CODE) -> None:
    """Check the file, in the uploader's language: the worker process has none of its own, and
    the errors are kept as words."""
    with translation.override(language):
        _validate(job_id)


@task()
def apply_import(job_id: int, language: str = settings.LANGUAGE_CODE) -> None:
    with translation.override(language):
        _apply(job_id)


def _validate(job_id: int) -> None:
    job = LedgerImport.objects.select_related("uploaded_by__org").get(pk=job_id)
    report = _check(job)
    if report is None:
        return
    counts = {
        action: sum(row["action"] == action for row in report.rows)
        for action in ("create", "update", "conflict")
    }
    warnings = [
        {"row": row["row"], "message": importing.msgid(text)}
        for row in report.rows
        for text in row.get("warnings", [])
    ]
    conflicts = [
        {"row": row["row"], "name": row["name"]}
        for row in report.rows
        if row["action"] == "conflict"
    ]
    _save(
        job,
        state=ImportState.READY,
        summary={
            "counts": counts,
            "warnings": warnings,
            "conflicts": conflicts,
            "columns": [column for column in COLUMNS if column in report.columns],
            "preview": report.preview,
        },
    )


def _apply(job_id: int) -> None:
    job = LedgerImport.objects.select_related("uploaded_by__org").get(pk=job_id)
    report = _check(job)
    if report is None:
        return
    try:
        with transaction.atomic():  # the rows and "done" together: a job never done half-way
            result = importing.apply(report.rows, actor=job.uploaded_by)
            _save(
                job,
                state=ImportState.DONE,
                content=b"",
                summary={**_without_preview(job), "result": result},
                finished_at=timezone.now(),
            )
    except Exception:
        _failed(job, "applying")
        raise


@receiver(task_finished)
def _lost(sender, task_result, **kwargs):
    """A job whose task failed without marking it (its worker was killed, see
    ``core.tasks.reap_lost``) is marked failed: nothing was written, the rows and "done" being
    one transaction."""
    job_id = failed_job(task_result, validate_import, apply_import)
    if job_id is None:
        return
    LedgerImport.objects.filter(
        pk=job_id, state__in=(ImportState.VALIDATING, ImportState.IMPORTING)
    ).update(
        state=ImportState.FAILED,
        content=b"",
        message=_("导入中断（后台处理程序意外停止），未写入任何数据。请重新上传文件。"),
        finished_at=timezone.now(),
    )
