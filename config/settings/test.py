"""The test suite: fast hashing, mail kept in memory, files in a throw-away folder.

DATABASE_URL and ELASTICSEARCH_URL still switch the suite onto real services (see .ci/run).
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-7d4e1b9c0a3f"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# One throw-away folder per test session, shared with the processes the tests start (an app
# server, a photo cleaner): tests/conftest.py removes it, and its private twin, at the end.
MEDIA_ROOT = Path(
    os.environ.get("GOHELLIADES_TEST_MEDIA_ROOT")
    or tempfile.mkdtemp(prefix="gohelliades-test-media-")
)
os.environ["GOHELLIADES_TEST_MEDIA_ROOT"] = str(MEDIA_ROOT)
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The engine nodes share two cores with the suite's two runs in CI: a search the site would
# give up on after 2 s (and answer from the database) must not make an engine test answer from
# the database. Tests about a slow or frozen engine set their own short timeout.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "15"))
