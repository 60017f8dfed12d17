import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from jiuye.core.backup import BackupError, archive_check, backup_restore


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from an archive of `manage.py backup`, "
        "replacing what is there now. Stop the web server and the task worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the archive (.tar)")
        parser.add_argument("--yes", action="store_true", help="restore without asking")

    def handle(self, *args, path, yes, **options):
        try:
            manifest = archive_check(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            _(
                "备份 %(path)s：%(created)s，%(server)s，程序版本 %(version)s，"
                "%(tables)s 张表共 %(rows)s 行，%(files)s 个上传文件。"
            )
            % {
                "path": path,
                "created": manifest["created_at"],
                "server": manifest["server"],
                "version": manifest["app_version"],
                "tables": len(manifest["tables"]),
                "rows": rows,
                "files": len(manifest["files"]),
            }
        )
        if not yes:
            self.confirm()
        try:
            archive = backup_restore(path=path, manifest=manifest)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("已恢复，各表的行数和校验和与备份一致；用时 %(seconds).1f 秒。")
            % {"seconds": archive.seconds}
        )

    def confirm(self):
        target = {"database": connection.settings_dict["NAME"], "media": settings.MEDIA_ROOT}
        if not sys.stdin.isatty():
            raise CommandError(
                _("恢复将覆盖数据库 %(database)s 和 %(media)s 中的文件：确认请加 --yes。") % target
            )
        answer = input(
            _("恢复将覆盖数据库 %(database)s 和 %(media)s 中的文件。输入 yes 继续：") % target
        )
        if answer.strip().lower() != "yes":
            raise CommandError(_("已取消，什么也没有改变。"))
