"""Where uploaded files are kept (``MEDIA_ROOT``), as Django's file system storage does, with
a full disk told to the user: the part of the file written is deleted and the upload refused
with a message (a ``ValidationError``), so the record that would hold the file is not saved
(its service's transaction rolls back) and no row points to a missing or partial file."""

import contextlib
import errno
import logging
import os

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

FULL = (errno.ENOSPC, errno.EDQUOT)


class EvidenceStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno not in FULL:
                raise
            logger.error("upload %s refused: %s (MEDIA_ROOT %s)", name, error, self.location)
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path(name))
            raise ValidationError(_("服务器存储空间已满，文件未保存。请联系系统管理员。")) from None
