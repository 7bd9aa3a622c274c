"""Production, behind nginx (see docker-compose.yml): every secret and address comes from the
environment. A missing one stops start-up with a message naming it (``config/checks.py``)."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False

# Read by config.checks: the site refuses to start while any of these is empty.
REQUIRED_ENVIRONMENT = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "REDIS_URL",
    "EMAIL_HOST",
    "SITE_URL",
]

SERVE_MEDIA_FILES = False
DEMO_DATA_ALLOWED = False
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# nginx terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The container healthcheck calls the app directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
