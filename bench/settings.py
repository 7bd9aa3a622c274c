"""Settings of the bench's processes: production-like (DEBUG off, tasks queued in the database
for a worker), mail kept in memory.

The database and the uploads' folder come from ``DATABASE_URL`` and ``MEDIA_ROOT``, which
``bench/run.py`` points at a throwaway database and a temporary folder of its own."""

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-key-3b9e51c7d2a8"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# As in production (config/settings/production.py): a request queues its mails in the tasks
# table and a worker sends them, so a sign-up is not timed rendering and sending its e-mail.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
# Wagtail's and the search app's info lines, one per published page, would drown the output.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Production keeps each worker's database connection for a minute (docker-compose.yml's
# DATABASE_CONN_MAX_AGE): measured so, not with a new connection per request.
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
