"""The database connection lost for real in the middle of a ledger import (see
``core.tests.faults.connection_lost``): nothing half-written, the job marked failed, and the
same file imported again in full."""

import pytest
from django.db import connection

from jiuye.core.tests.faults import connection_lost
from jiuye.ledger.models import ImportState, LedgerImport, Person, StatusRecord
from jiuye.ledger.tests.test_import import HEAD, SON, SPOUSE, _file, family, xlsx

NUMBERS = [HEAD, SPOUSE, SON]


@pytest.fixture
def client_(transactional_world, client, coordinator):
    client.force_login(coordinator)
    return client


def upload(client) -> LedgerImport:
    response = client.post("/ledger/import/", {"file": _file(xlsx(family()), "台账.xlsx")})
    assert response.status_code == 302
    return LedgerImport.objects.latest("pk")


def imported_again_in_full(client):
    job = upload(client)
    assert job.state == ImportState.READY, job.errors
    client.post(f"/ledger/import/{job.pk}/")
    job.refresh_from_db()
    assert job.state == ImportState.DONE and job.summary["result"]["created"] == 3
    assert Person.objects.filter(id_number__in=NUMBERS).count() == 3
    assert StatusRecord.objects.filter(person__id_number__in=NUMBERS).count() == 3


def test_the_connection_lost_while_an_import_is_written_writes_nothing_and_fails_the_job(client_):
    job = upload(client_)
    assert job.state == ImportState.READY

    with connection_lost(StatusRecord._meta.db_table) as cut:  # the people are written by then
        response = client_.post(f"/ledger/import/{job.pk}/")
    assert cut and response.status_code == 302

    job.refresh_from_db()
    assert job.state == ImportState.FAILED and "未写入任何数据" in job.message
    assert bytes(job.content) == b"" and "preview" not in job.summary
    assert not Person.objects.filter(id_number__in=NUMBERS).exists()
    assert not Person.history.filter(id_number__in=NUMBERS).exists()
    page = client_.get(f"/ledger/import/{job.pk}/").content.decode()
    assert "导入失败，未写入任何数据" in page
    imported_again_in_full(client_)


def test_the_connection_lost_while_an_import_is_checked_fails_the_job_not_running_for_ever(
    client_,
):
    """Checking writes only its progress, outside a transaction: the failure is recorded on a
    new connection (``core.tasks.after_fault``), not left "checking" on the broken one."""
    with connection_lost(LedgerImport._meta.db_table, at=2) as cut:  # 1: the upload's row
        response = client_.post("/ledger/import/", {"file": _file(xlsx(family()), "台账.xlsx")})
    assert len(cut) >= 2 and response.status_code == 302
    connection.close()

    job = LedgerImport.objects.latest("pk")
    assert job.state == ImportState.FAILED and "未写入任何数据" in job.message
    imported_again_in_full(client_)
