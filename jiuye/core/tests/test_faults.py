"""Faults of production, made for real: background workers killed in the middle of a task or
taking tasks side by side (real ``manage.py db_worker`` processes on the test database), and
the disk full on an upload (a real file system of a few kilobytes). The database connection
lost in the middle of an import or of the month-end batch: ledger's and subsidies'
``test_faults.py``."""

import datetime
import io
import os
import signal
import subprocess
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from jiuye.conftest import VILLAGE_A
from jiuye.core.tasks import LOST, reap_lost
from jiuye.core.tests.faults import start_worker, wait_for
from jiuye.core.tests.tasks import record
from jiuye.ledger import services as ledger_services
from jiuye.ledger.models import ImportState, LedgerImport
from jiuye.staff.models import User

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def workers(settings):
    """Start worker processes (``workers(name)``) that the test ends; tasks are enqueued in
    the database for them."""
    settings.TASKS = DATABASE_TASKS
    started = []

    def start(name):
        started.append(start_worker(name))
        return started[-1]

    yield start
    for worker in started:
        if worker.poll() is None:
            worker.kill()
        print(worker.args[-3], worker.communicate()[0])  # shown when the test failed


def stop(worker) -> str:
    worker.terminate()  # a graceful stop: the task at hand is finished first
    output, _ = worker.communicate(timeout=30)
    return output


def big_ledger(rows: int) -> bytes:
    """A ledger file whose validation takes a few seconds."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["姓名", "公民身份号码", "居住地区划代码", "就业状态"])
    for row in range(rows):
        sheet.append([f"测试{row}", f"37010219900101{row:04d}", VILLAGE_A, "失业"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_worker_killed_in_the_middle_of_an_import_is_reported_not_running_for_ever(
    transactional_world, workers, tmp_path, settings
):
    coordinator = User.objects.get(username=f"coordinator-{VILLAGE_A}")
    content = big_ledger(9999)
    worker = workers("killed")
    job = ledger_services.ledger_import_start(
        actor=coordinator, filename="big.xlsx", size=len(content), read=lambda: content
    )
    wait_for(
        lambda: LedgerImport.objects.filter(
            pk=job.pk, state=ImportState.VALIDATING, processed__gt=0
        ).exists(),
        what=f"the import's progress ({LedgerImport.objects.get(pk=job.pk).state})",
    )
    worker.send_signal(signal.SIGKILL)  # in the middle of the file
    worker.wait()
    job.refresh_from_db()
    assert job.state == ImportState.VALIDATING and 0 < job.processed < job.total
    lost = DBTaskResult.objects.get(task_path="jiuye.ledger.tasks.validate_import")
    assert lost.status == "RUNNING"  # what django-tasks-db leaves: running for ever

    assert reap_lost() == 0  # within TASKS_LOST_MINUTES the task may be still at work
    # time passes
    DBTaskResult.objects.filter(pk=lost.pk).update(
        started_at=F("started_at") - datetime.timedelta(minutes=settings.TASKS_LOST_MINUTES)
    )
    # the worker started again (systemd restarts it) reports it as it takes its next task
    restarted = workers("restarted")
    done = tmp_path / "done"
    result = record.enqueue(str(done), "next")
    wait_for(lambda: done.exists(), what="the restarted worker")
    stop(restarted)

    lost.refresh_from_db()
    assert (lost.status, lost.exception_class_path) == ("FAILED", LOST)
    assert "lost before it finished" in lost.traceback and lost.finished_at
    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    assert "未写入任何数据" in job.message and bytes(job.content) == b""
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    # the nightly checks report a lost task as well; nothing is reported twice
    assert reap_lost() == 0


def test_two_workers_on_one_queue_run_each_task_exactly_once(
    transactional_world, workers, tmp_path
):
    runs = tmp_path / "runs"
    keys = [f"task-{number}" for number in range(40)]
    first, second = workers("first"), workers("second")
    results = [record.enqueue(str(runs), key, 0.05) for key in keys]
    ids = [result.id for result in results]

    wait_for(
        lambda: (
            DBTaskResult.objects.filter(pk__in=ids, status__in=("SUCCESSFUL", "FAILED")).count()
            == len(keys)
        )
    )
    outputs = stop(first) + stop(second)

    assert sorted(runs.read_text().split()) == sorted(keys), outputs  # each once, none twice
    finished = DBTaskResult.objects.filter(pk__in=ids)
    assert {result.status for result in finished} == {"SUCCESSFUL"}
    assert all(len(result.worker_ids) == 1 for result in finished)
    by_worker = {worker: 0 for worker in ("first", "second")}
    for result in finished:
        by_worker[result.worker_ids[0]] += 1
    assert all(by_worker.values()), by_worker  # both took tasks: they really competed


@pytest.fixture
def full_disk(settings):
    """MEDIA_ROOT on a file system of 256 KiB (a tmpfs; mounting needs root), nearly full."""
    root = tempfile.mkdtemp(prefix="jiuye-full-")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", root], capture_output=True
    )
    if mounted.returncode:
        os.rmdir(root)
        pytest.skip(f"a full disk needs a small file system mounted (root): {mounted.stderr!r}")
    try:
        room = os.statvfs(root).f_bavail * os.statvfs(root).f_frsize
        with open(os.path.join(root, "filler"), "wb") as filler:
            filler.write(b"\0" * (room - 64 * 1024))  # room for a small file, not a large one
        settings.MEDIA_ROOT = root
        yield root
    finally:
        subprocess.run(["umount", "--lazy", root], check=True)
        os.rmdir(root)


def test_an_upload_to_a_full_disk_is_refused_with_a_message_and_leaves_nothing(
    db, full_disk, client, coordinator
):
    from jiuye.communities import services
    from jiuye.communities.models import ApplicationAttachment, Round, Standard

    application = services.application_create(
        actor=coordinator, round=Round.objects.filter(closes_on__gte=timezone.localdate()).get(),
        region=coordinator.org.region, standard=Standard.objects.get(is_target=True),
        self_assessment="自评",
    )  # fmt: skip
    url = reverse("communities:attachment-add", args=[application.pk])
    client.force_login(coordinator)
    before = ApplicationAttachment.objects.count()

    big = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n" + os.urandom(200 * 1024), "application/pdf")
    response = client.post(url, {"title": "证明", "file": big}, follow=True)

    assert "服务器存储空间已满，文件未保存" in response.content.decode()
    assert ApplicationAttachment.objects.count() == before  # no row for a file not kept
    kept = [name for _dirs, _subdirs, names in os.walk(full_disk) for name in names]
    assert kept == ["filler"]  # the part written was deleted

    small = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\nsmall", "application/pdf")
    client.post(url, {"title": "证明", "file": small})
    attachment = ApplicationAttachment.objects.get(pk__gt=0, application=application, title="证明")
    with attachment.file.open("rb") as kept:
        assert kept.read() == b"%PDF-1.4\nsmall"  # with room, uploads work
