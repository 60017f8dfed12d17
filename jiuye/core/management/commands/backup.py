from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from jiuye.core.backup import BackupError, backup_make, backup_prune


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files into one archive; without a path, into a "
        "dated file in BACKUP_DIR, keeping the newest of the last BACKUP_KEEP_DAILY days and "
        "BACKUP_KEEP_MONTHLY months (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help="the archive to write (.tar)")
        parser.add_argument(
            "--no-prune", action="store_true", help="keep every archive in BACKUP_DIR"
        )

    def handle(self, *args, path, no_prune, **options):
        # cron: 30 1 * * * manage.py backup
        try:
            archive = backup_make(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = archive.manifest
        self.stdout.write(
            _(
                "已备份到 %(path)s：%(tables)s 张表共 %(rows)s 行，%(files)s 个上传文件，"
                "%(size)s，用时 %(seconds).1f 秒。"
            )
            % {
                "path": archive.path,
                "tables": len(manifest["tables"]),
                "rows": archive.rows,
                "files": len(manifest["files"]),
                "size": filesizeformat(archive.path.stat().st_size),
                "seconds": archive.seconds,
            }
        )
        if path is None and not no_prune:
            removed = backup_prune(
                directory=Path(settings.BACKUP_DIR),
                daily=settings.BACKUP_KEEP_DAILY,
                monthly=settings.BACKUP_KEEP_MONTHLY,
            )
            for old in removed:
                self.stdout.write(_("已删除过期的备份 %(path)s。") % {"path": old})
