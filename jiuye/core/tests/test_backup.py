"""``manage.py backup`` and ``manage.py restore`` bring back every table and every uploaded
file, on the database the suite runs on (SQLite or PostgreSQL), through the real pg_dump and
pg_restore or SQLite's backup API; a restore that cannot be trusted changes nothing."""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from jiuye.core.backup import MANIFEST, backup_prune
from jiuye.core.models import NumberSequence
from jiuye.ledger.models import Person


def app_tables():
    return sorted(connection.introspection.django_table_names(only_existing=True))


def database_state():
    """Each of the app's tables: its rows and a hash of them in a fixed order, computed
    otherwise than the checksums of jiuye.core.backup (PostgreSQL: in the server)."""
    state = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for table in app_tables():
            quoted = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT count(*), md5(coalesce(string_agg(md5(t::text), '' ORDER BY"
                    f" md5(t::text)), '')) FROM {quoted} AS t"
                )
                state[table] = cursor.fetchone()
                continue
            cursor.execute(f"SELECT * FROM {quoted}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            state[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return state


def row_counts():
    with connection.cursor() as cursor:
        return {table: _count(cursor, table) for table in app_tables()}


def media_state():
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def copies():
    """The tables beside the app's that ``transactional_world`` keeps (``copy_<table>``)."""
    with connection.cursor() as cursor:
        return {
            table: _count(cursor, table)
            for table in connection.introspection.table_names(cursor)
            if table.startswith("copy_")
        }


def _count(cursor, table):
    cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
    return cursor.fetchone()[0]


def wipe():
    """Every row of every app table and every uploaded file gone, a stray file left behind."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), app_tables()):
            cursor.execute(statement)  # TRUNCATE on PostgreSQL, DELETE on SQLite
    root = Path(settings.MEDIA_ROOT)
    for entry in root.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    (root / "stray.txt").write_text("written after the backup")


def upload_files():
    default_storage.save("evidence/370102/test/扫描件 1.pdf", ContentFile(b"%PDF-1.4 scan " * 100))
    default_storage.save("evidence/370102/test/照片.jpg", ContentFile(bytes(range(256)) * 40))
    default_storage.save("evidence/370103/other/说明.txt", ContentFile("情况说明".encode()))


def rewritten(archive: Path, target: Path, *, manifest=None, member=None) -> Path:
    """A copy of ``archive`` with its manifest changed by ``manifest(dict)`` or the bytes of
    the first member whose name starts with ``member`` changed."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for info in source.getmembers():
            data = source.extractfile(info).read()
            if info.name == MANIFEST and manifest:
                content = json.loads(data)
                manifest(content)
                data = json.dumps(content).encode()
            elif member and info.name.startswith(member):
                data, member = bytes([data[0] ^ 1]) + data[1:], None
            info.size = len(data)
            copy.addfile(info, io.BytesIO(data))
    return target


def refuse_the_doubtful(archive: Path, folder: Path):
    """Each restore that cannot be trusted fails and changes nothing (a row and a file made
    after the backup are still there)."""
    NumberSequence.objects.create(series="after-backup", issuer="370102", year=2026)
    default_storage.save("evidence/370102/test/after.txt", ContentFile(b"after the backup"))
    counts, files = row_counts(), media_state()

    def refused(path, message, **options):
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(path), stdout=io.StringIO(), **options)
        assert row_counts() == counts and media_state() == files
        assert NumberSequence.objects.filter(series="after-backup").exists()

    refused(archive, "--yes")  # no terminal to ask, and no --yes
    refused(rewritten(archive, folder / "bad-file.tar", member="media/"), "校验和不符", yes=True)
    refused(rewritten(archive, folder / "bad-db.tar", member="database."), "校验和不符", yes=True)
    older = rewritten(
        archive, folder / "older.tar", manifest=lambda m: m["migrations"].remove(["ledger", "0001_initial"])
    )  # fmt: skip
    refused(older, "ledger.0001_initial", yes=True)
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    vendor = rewritten(archive, folder / "vendor.tar", manifest=lambda m: m.update(vendor=other))
    refused(vendor, other, yes=True)
    (folder / "cut.tar").write_bytes(archive.read_bytes()[:20_000])
    refused(folder / "cut.tar", "不是完整的备份文件", yes=True)
    with pytest.raises(CommandError, match="已存在"):
        call_command("backup", str(archive), stdout=io.StringIO())


def test_a_restore_brings_back_every_table_and_file_and_a_doubtful_one_changes_nothing(
    transactional_world, tmp_path
):
    """One test, as each test that commits costs the emptying of every table after it."""
    upload_files()
    before, files, copied = database_state(), media_state(), copies()
    assert Person.objects.count() > 1000 and len(files) >= 3
    archive = tmp_path / "nightly.tar"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert str(archive) in out.getvalue() and not list(tmp_path.glob("*.partial"))
    assert archive.stat().st_mode & 0o077 == 0  # personal data: the app's user only

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    assert manifest["vendor"] == connection.vendor
    assert set(manifest["tables"]) == set(before)  # the app's tables only, not the copies
    assert {t: entry["rows"] for t, entry in manifest["tables"].items()} == {
        t: rows for t, (rows, _hash) in before.items()
    }
    assert {entry["path"] for entry in manifest["files"]} == set(files)
    assert ["ledger", "0001_initial"] in manifest["migrations"]

    refuse_the_doubtful(archive, tmp_path)
    wipe()
    assert Person.objects.count() == 0 and media_state() != files

    out = io.StringIO()
    call_command("restore", str(archive), yes=True, stdout=out)
    assert "已恢复" in out.getvalue()
    assert database_state() == before  # the row made after the backup is gone too
    assert media_state() == files  # the stray file is gone, every file is back byte for byte
    assert copies() == copied  # the copies of transactional_world are as they were
    assert not [p for p in Path(settings.MEDIA_ROOT).iterdir() if p.name.startswith(".")]


def test_pruning_keeps_the_newest_of_each_recent_day_and_month(tmp_path):
    start = datetime.datetime(2026, 1, 1, 1, 30)
    made = [start + datetime.timedelta(hours=12 * n) for n in range(2 * 400)]  # two a day
    for stamp in made:
        (tmp_path / f"jiuye-{stamp:%Y%m%d-%H%M%S}.tar").touch()
    (tmp_path / "jiuye-manual.tar").touch()  # not a dated archive: never pruned
    removed = backup_prune(directory=tmp_path, daily=30, monthly=12)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert len(removed) + len(kept) == len(made) + 1 and "jiuye-manual.tar" in kept
    days = [name for name in kept if name.endswith("-133000.tar")]
    assert len(days) >= 30 and kept[-2] == f"jiuye-{made[-1]:%Y%m%d-%H%M%S}.tar"
    months = {name[6:12] for name in kept if name != "jiuye-manual.tar"}
    # the newest of February and of January 2027 are among the last 30 days
    assert len(months) == 12 and len(kept) - 1 == 30 + 10
