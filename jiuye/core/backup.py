"""Backup and restore of the database and the uploaded files in one archive (等保三级 asks for
both, and for restores that are practised: docs/operations.md).

An archive is an uncompressed tar file (``jiuye-20261207-020000.tar``) of

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``, made in the same snapshot as the
  checksums) or ``database.sqlite3`` (SQLite: a copy made by the online backup API, safe while
  the app runs);
- ``media/…``: every file under ``MEDIA_ROOT`` (the uploaded evidence and attachments);
- ``manifest.json``, written last, so an archive cut short has none: when it was made, the
  database's vendor and server, the app's version and the migrations applied, the rows and a
  checksum of each of the app's tables, and the size and SHA-256 of every other member.

A restore reads the manifest first and refuses an archive of another vendor or of other
migrations than the code's; it checks every member against its SHA-256 before it changes
anything, restores the database in one transaction, compares each table with the manifest and
only then puts the archive's files in place of the current ones.

The database is backed up whole: tables that are not the app's (the test suite's
``copy_<table>``, say) go with it and come back as they were, but only the app's tables (those
of Django's models) are counted and checked.
"""

import datetime
import hashlib
import io
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

FORMAT = 1  # of the archive; a restore refuses any other
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ARCHIVE_NAME = re.compile(r"^jiuye-(\d{8}-\d{6})\.tar$")
STAMP = "%Y%m%d-%H%M%S"
# Folders a restore keeps inside MEDIA_ROOT while it works; never backed up.
STAGING, REPLACED = ".restoring-", ".replaced-"
# libpq parameters that may come from DATABASES' OPTIONS (the password goes in PGPASSWORD,
# never on a command line that every user of the machine can read).
LIBPQ_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout")
LOCK_TIMEOUT = "60s"  # a table locked longer than this fails the dump or restore, not hangs


class BackupError(Exception):
    """A backup or restore that cannot go on; its text tells the operator why, in their
    language, and what was (not) changed."""


@dataclass
class Archive:
    """An archive written or restored: where, its manifest, and how long it took."""

    path: Path
    manifest: dict
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.manifest["tables"].values())


# -- backup -----------------------------------------------------------------------------------


def backup_make(*, path: Path | None = None) -> Archive:
    """Write an archive of the database and the uploaded files to ``path`` or, without it, to a
    dated file in ``settings.BACKUP_DIR``. The file appears under its name only when complete."""
    started = time.monotonic()
    target = Path(path) if path else default_path()
    if target.exists():
        raise BackupError(_("%(path)s 已存在，不覆盖。") % {"path": target})
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
            dump, manifest = _dump(Path(work))
            partial.touch(mode=0o600)  # personal data: readable by the app's user only
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                manifest["database"] = _add(tar, dump, DATABASE[manifest["vendor"]])
                manifest["files"] = [
                    {"path": name, **_add(tar, Path(settings.MEDIA_ROOT) / name, f"{MEDIA}/{name}")}
                    for name in media_names()
                ]
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(time.time())
                tar.addfile(info, io.BytesIO(data))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return Archive(target, manifest, time.monotonic() - started)


def default_path() -> Path:
    stamp = timezone.localtime().strftime(STAMP)
    return Path(settings.BACKUP_DIR) / f"jiuye-{stamp}.tar"


def backup_prune(*, directory: Path, daily: int, monthly: int) -> list[Path]:
    """Delete the dated archives of ``directory`` except the newest of each of the last
    ``daily`` days and of the last ``monthly`` months that have one (and the newest of all).
    Files not named like ``backup_make``'s are never touched. Returns what was deleted."""
    archives = sorted(
        (
            (datetime.datetime.strptime(match[1], STAMP), path)
            for path in Path(directory).glob("jiuye-*.tar")
            if (match := ARCHIVE_NAME.match(path.name))
        ),
        reverse=True,
    )
    keep, days, months = set(), set(), set()
    for stamp, path in archives:
        if not keep:
            keep.add(path)
        for seen, key, limit in ((days, stamp.date(), daily), (months, stamp.strftime("%Y%m"), monthly)):  # fmt: skip
            if key not in seen and len(seen) < limit:
                seen.add(key)
                keep.add(path)
    removed = [path for _stamp, path in archives if path not in keep]
    for path in removed:
        path.unlink()
    return removed


def media_names() -> list[str]:
    """The files under MEDIA_ROOT, as POSIX paths relative to it, without a restore's own
    working folders."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    names = []
    for folder, subfolders, files in os.walk(root):
        if Path(folder) == root:
            subfolders[:] = [d for d in subfolders if not d.startswith((STAGING, REPLACED))]
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                names.append(path.relative_to(root).as_posix())
    return names


class _Hashing(io.RawIOBase):
    """Reads a file for tarfile and hashes what was read, so the checksum is of the bytes that
    went into the archive even if the file changed meanwhile."""

    def __init__(self, file):
        self.file, self.hash, self.size = file, hashlib.sha256(), 0

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.file.read(size)
        self.hash.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, path: Path, name: str) -> dict:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as file:
        reader = _Hashing(file)
        tar.addfile(info, reader)
    return {"bytes": reader.size, "sha256": reader.hash.hexdigest()}


def _dump(work: Path) -> tuple[Path, dict]:
    manifest = {
        "format": FORMAT,
        "created_at": timezone.localtime().isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "app_version": _app_version(),
    }
    if connection.vendor == "postgresql":
        dump, details = _postgresql_dump(work / DATABASE["postgresql"])
    elif connection.vendor == "sqlite":
        dump, details = _sqlite_dump(work / DATABASE["sqlite"])
    else:
        raise BackupError(_("不支持备份 %(vendor)s 数据库。") % {"vendor": connection.vendor})
    return dump, {**manifest, **details}


def _app_version() -> str:
    try:
        return metadata.version("jiuye")
    except metadata.PackageNotFoundError:
        return "unknown"


def _sqlite_dump(target: Path) -> tuple[Path, dict]:
    source_path = _sqlite_path()
    if not Path(source_path).exists():
        raise BackupError(_("数据库文件 %(path)s 不存在。") % {"path": source_path})
    with (
        closing(sqlite3.connect(source_path, timeout=20)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)  # one snapshot, even while the app writes (WAL)
        copy.execute("PRAGMA journal_mode=DELETE")  # a file complete in itself
        cursor = copy.cursor()
        existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}  # fmt: skip
        tables = sorted(set(connection.introspection.django_table_names()) & existing)
        details = {
            "server": f"SQLite {sqlite3.sqlite_version}",
            "tool": "sqlite3 backup",
            "migrations": _applied(cursor),
            "tables": checksums(cursor, tables, "sqlite"),
        }
    return target, details


def _postgresql_dump(target: Path) -> tuple[Path, dict]:
    pg_dump, version = _tool("pg_dump")
    connection.ensure_connection()
    # pg_dump reads the snapshot this transaction exports: the dump and the checksums are of
    # one and the same moment, whatever the app writes meanwhile.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [pg_dump, "--format=custom", f"--file={target}", f"--snapshot={snapshot}",
             f"--lock-wait-timeout={LOCK_TIMEOUT}", "--no-password", f"--dbname={_conninfo()}"]
        )  # fmt: skip
        tables = sorted(connection.introspection.django_table_names(only_existing=True))
        details = {
            "server": f"PostgreSQL {_server_version()}",
            "tool": f"pg_dump {version}",
            "migrations": _applied(cursor),
            "tables": checksums(cursor, tables, "postgresql"),
        }
    return target, details


# -- checks -----------------------------------------------------------------------------------


def checksums(cursor, tables, vendor: str) -> dict[str, dict]:
    """Each table's rows and a checksum of its content that does not depend on the rows'
    order: the sum of a 64-bit hash of each row. PostgreSQL hashes each row's text in the
    server; SQLite's rows are hashed here."""
    found = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        if vendor == "postgresql":
            cursor.execute(
                "SELECT count(*), coalesce(sum(('x' || left(md5(t::text), 16))::bit(64)::bigint), 0)"
                f" FROM {quoted} AS t"
            )
            rows, total = cursor.fetchone()
        else:
            rows = total = 0
            for row in cursor.execute(f"SELECT * FROM {quoted}"):
                rows += 1
                digest = hashlib.blake2b(repr(row).encode(), digest_size=8).digest()
                total += int.from_bytes(digest, "big")
        found[table] = {"rows": int(rows), "checksum": f"{int(total) % 2**64:016x}"}
    return found


def _applied(cursor) -> list[list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [list(row) for row in cursor.fetchall()]


def _code_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def archive_check(path: Path) -> dict:
    """The manifest of the archive at ``path`` once it is known to fit this installation: a
    complete archive of this format, of the same database vendor, of exactly the migrations of
    this code, readable by the client tools here. Changes nothing."""
    path = Path(path)
    try:
        with tarfile.open(path, "r:") as tar:
            manifest = json.load(tar.extractfile(MANIFEST))
    except FileNotFoundError:
        raise BackupError(_("找不到备份文件 %(path)s。") % {"path": path}) from None
    except (KeyError, tarfile.TarError, json.JSONDecodeError, UnicodeDecodeError):
        raise BackupError(
            _("%(path)s 不是完整的备份文件（没有可读的清单）。") % {"path": path}
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("备份文件的格式版本不受支持。"))
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            _("备份来自 %(archive)s 数据库，当前是 %(current)s：不能恢复。")
            % {"archive": manifest["vendor"], "current": connection.vendor}
        )
    installed = {config.label for config in apps.get_app_configs()}
    archived = {tuple(row) for row in manifest["migrations"] if row[0] in installed}
    code = _code_migrations()
    if archived != code:
        raise BackupError(
            _(
                "备份的数据库迁移与当前程序不一致（备份缺少 %(missing)s；备份多出 %(extra)s）："
                "请用与备份相同版本的程序恢复，再执行 migrate。"
            )
            % {"missing": _some(code - archived), "extra": _some(archived - code)}
        )
    if connection.vendor == "postgresql":
        _tool("pg_restore", at_least=_major(manifest["tool"]))
    return manifest


def _some(migrations) -> str:
    names = sorted(f"{app}.{name}" for app, name in migrations)
    shown = ", ".join(names[:5])
    return (shown + f" … (+{len(names) - 5})" if len(names) > 5 else shown) or "-"


# -- restore ----------------------------------------------------------------------------------


def backup_restore(*, path: Path, manifest: dict) -> Archive:
    """Restore the database and the uploaded files from the archive whose checked manifest
    (``archive_check``) is given. Every member is verified before anything changes; the
    database is restored in one transaction and compared table by table with the manifest;
    the files take the place of the current ones only after that. A failure raises
    ``BackupError`` saying what was and was not changed."""
    started = time.monotonic()
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime(STAMP)
    staging = media / f"{STAGING}{stamp}"
    swapping = False  # once the files are being swapped, the staged ones must stay
    try:
        with tarfile.open(path, "r:") as tar, tempfile.TemporaryDirectory() as work:
            database = Path(work) / DATABASE[manifest["vendor"]]
            try:
                _extract(tar, DATABASE[manifest["vendor"]], database, manifest["database"])
                staging.mkdir()
                for entry in manifest["files"]:
                    target = staging / _safe(entry["path"])
                    _extract(tar, f"{MEDIA}/{entry['path']}", target, entry)
            except (tarfile.TarError, OSError) as error:
                raise BackupError(
                    _("无法读取备份文件：%(error)s。什么也没有改变。") % {"error": error}
                ) from None
            _restore_database(database)
        found = _live_checksums(list(manifest["tables"]))
        differ = sorted(t for t, expected in manifest["tables"].items() if found.get(t) != expected)
        if differ:
            raise BackupError(
                _(
                    "数据库已恢复，但与备份清单不符的表：%(tables)s。上传文件未恢复；"
                    "请检查后重新恢复。"
                )
                % {"tables": ", ".join(differ[:10])}
            )
        swapping = True
        _swap(media, staging, media / f"{REPLACED}{stamp}")
    finally:
        if not swapping:
            shutil.rmtree(staging, ignore_errors=True)
    return Archive(Path(path), manifest, time.monotonic() - started)


def _safe(name: str) -> Path:
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(
            _("备份文件中有不安全的路径：%(name)s。什么也没有改变。") % {"name": name}
        )
    return Path(*relative.parts)


def _extract(tar: tarfile.TarFile, name: str, target: Path, expected: dict) -> None:
    try:
        source = tar.extractfile(name)
    except KeyError:
        source = None
    if source is None:
        raise BackupError(_("备份文件缺少 %(name)s。什么也没有改变。") % {"name": name})
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with source, target.open("wb") as out:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != expected["sha256"]:
        raise BackupError(_("备份文件中的 %(name)s 已损坏（校验和不符）。什么也没有改变。") % {"name": name})  # fmt: skip


def _restore_database(database: Path) -> None:
    if connection.vendor == "postgresql":
        pg_restore, _version = _tool("pg_restore")
        connection.close()  # our own connection must hold nothing the restore waits for
        _run(
            [pg_restore, "--clean", "--if-exists", "--single-transaction", "--no-owner",
             "--no-password", f"--dbname={_conninfo()}", str(database)],
            failed=_("恢复数据库失败，数据库未改变：%(error)s"),
        )  # fmt: skip
        return
    live = _sqlite_path()
    connection.close()
    try:
        with (
            closing(sqlite3.connect(database)) as source,
            closing(sqlite3.connect(live, timeout=20)) as target,
        ):
            source.backup(target)  # one transaction on the target: all pages or none
            target.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as error:
        raise BackupError(_("恢复数据库失败，数据库未改变：%(error)s") % {"error": error}) from None


def _live_checksums(tables: list[str]) -> dict[str, dict]:
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            existing = set(connection.introspection.table_names(cursor))
            return checksums(cursor, [t for t in tables if t in existing], "postgresql")
    with closing(sqlite3.connect(_sqlite_path(), timeout=20)) as live:
        cursor = live.cursor()
        existing = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}  # fmt: skip
        return checksums(cursor, [t for t in tables if t in existing], "sqlite")


def _swap(media: Path, staging: Path, replaced: Path) -> None:
    """Put the staged files in place of MEDIA_ROOT's, entry by entry with renames inside the
    same folder (MEDIA_ROOT itself may be a mount point, which cannot be renamed)."""
    replaced.mkdir()
    try:
        for entry in media.iterdir():
            if entry not in (staging, replaced):
                entry.rename(replaced / entry.name)
        for entry in staging.iterdir():
            entry.rename(media / entry.name)
    except OSError as error:
        raise BackupError(
            _(
                "数据库已恢复，但上传文件未能全部放回：%(error)s。原有文件在 %(replaced)s，"
                "备份中的文件在 %(staging)s。"
            )
            % {"error": error, "replaced": replaced, "staging": staging}
        ) from None
    staging.rmdir()
    shutil.rmtree(replaced)


# -- the database's connection and client tools ------------------------------------------------


def _sqlite_path() -> str:
    return str(connection.settings_dict["NAME"])


def _server_version() -> str:
    version = connection.pg_version  # e.g. 150020
    return f"{version // 10000}.{version % 10000}"


def _major(text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", text)
    return int(match[1]) if match else 0


def _tool(name: str, at_least: int = 0) -> tuple[str, str]:
    """The path and version of a PostgreSQL client tool, which must be at least as new as the
    server (pg_dump refuses an older one) and, for pg_restore, as the pg_dump that made the
    archive."""
    connection.ensure_connection()
    server = connection.pg_version // 10000
    needed = max(server, at_least)
    path = shutil.which(name)
    if not path:
        raise BackupError(
            _("找不到 %(tool)s：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client-%(major)s）。")
            % {"tool": name, "major": needed}
        )  # fmt: skip
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout
    found = re.search(r"PostgreSQL\)\s*(\S+)", output)  # pg_dump (PostgreSQL) 15.20 (Debian …)
    version = found[1] if found else output.strip()
    if _major(version) < needed:
        raise BackupError(
            _("%(tool)s 的版本 %(version)s 低于所需的 %(major)s：请安装 postgresql-client-%(major)s。")
            % {"tool": name, "version": version, "major": needed}
        )  # fmt: skip
    return path, version


def _conninfo() -> str:
    """The libpq connection string of the default database, without its password."""
    from psycopg.conninfo import make_conninfo

    config = connection.settings_dict
    options = {k: v for k, v in config.get("OPTIONS", {}).items() if k in LIBPQ_OPTIONS}
    params = {"dbname": config["NAME"], "user": config["USER"], "host": config["HOST"],
              "port": str(config["PORT"] or "")}  # fmt: skip
    return make_conninfo(**{k: v for k, v in {**params, **options}.items() if v})


def _run(command: list[str], failed: str | None = None) -> None:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={LOCK_TIMEOUT}".strip()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        error = " ".join(result.stderr.strip().splitlines()[-3:]) or f"exit {result.returncode}"
        logger.error("%s failed: %s", Path(command[0]).name, result.stderr)
        message = failed or _("%(tool)s 失败：%(error)s")
        raise BackupError(message % {"tool": Path(command[0]).name, "error": error})
