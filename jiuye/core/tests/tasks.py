"""Tasks for the fault tests, run by real worker processes (``manage.py db_worker``)."""

import os
import time

from django_tasks import task


@task()
def record(path: str, key: str, seconds: float = 0) -> None:
    """Write ``key`` as a line of ``path`` (appended whole: the runs of several processes do
    not mix), then take ``seconds``."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, f"{key}\n".encode())
    finally:
        os.close(descriptor)
    time.sleep(seconds)
