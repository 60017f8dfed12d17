"""Settings for the test suite: the project's own, plus a sample workflow to test the engine."""

import os
import tempfile

from jiuye.settings import *  # noqa: F403
from jiuye.settings import BASE_DIR, DATABASES, INSTALLED_APPS, STORAGES

INSTALLED_APPS = [*INSTALLED_APPS, "jiuye.tests.sampleflow"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: tests of concurrent transactions need several connections.
    # JIUYE_TEST_DB lets two runs on one checkout keep apart.
    name = os.environ.get("JIUYE_TEST_DB", ".test-db.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / name)}
AXES_FAILURE_LIMIT = 5
# The API's throttles would stop the walk and the fuzzing; their own tests lower them again.
API_THROTTLE_ANON = API_THROTTLE_USER = "100000/minute"
# Static files straight from the apps' folders, as in development (no collectstatic).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded files of a test run go to a throw-away folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="jiuye-media-")
