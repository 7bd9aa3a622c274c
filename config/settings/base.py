"""Everything the site needs, safe by default.

With no environment at all this runs the *embedded default*: SQLite, files under ``var/``,
Wagtail's database search, console e-mail, local-memory cache, tasks run immediately.
Each service switches on when its address is given in the environment (see the README's
table); ``production.py`` then insists on them.
"""

import os
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Applications -------------------------------------------------------------------------------

INSTALLED_APPS = [
    "config",
    "core",
    "home",
    "media",
    "archive",
    "festival",
    "projects",
    "talks",
    "opendata",
    "search",
    "outbox",
    "csp",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "home.middleware.ProxiedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the session, CSRF and messages middlewares: it sees the cookies they set.
    "core.http_cache.HttpCacheMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The request header our reverse proxy puts the client's address in, as Django names it
# ("HTTP_X_REAL_IP" behind deploy/nginx); empty: trust REMOTE_ADDR alone.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")

# Public forms (core/form_protection.py): per form, how many sendings that would be stored
# one client address and one e-mail address may make in ``seconds``; beyond, the form comes
# back filled with a French message (429). Generous for a family sharing a connection and
# sending several memories, fatal to a burst (30 in a few seconds each mailing a stranger).
# ``None``: that form has no e-mail address to count.
PUBLIC_FORM_RATE_LIMITS = {
    "contribution": {"seconds": 3600, "address": 10, "email": 6},
    "contribution_edit": {"seconds": 3600, "address": 20, "email": None},
    "addition": {"seconds": 3600, "address": 15, "email": 6},
    "correction": {"seconds": 600, "address": 15, "email": None},
    "volunteer_signup": {"seconds": 3600, "address": 10, "email": 5},
    # « Renvoyer mes liens » mails only an address the site knows, and it little often.
    "links_resend": {"seconds": 3600, "address": 10, "email": 3},
    # A fifty-fifty proposal is long to write: few per hour is plenty for a household.
    "project_proposal": {"seconds": 3600, "address": 5, "email": 3},
    # The carriers' private page: edits, news, their account of the project.
    "project_follow": {"seconds": 3600, "address": 30, "email": None},
    # Wagtail's page passwords have no account for django-axes to lock: each address may try
    # so many in a quarter of an hour (home/page_password.py).
    "page_password": {"seconds": 900, "address": 10, "email": None},
    # A talk proposal is a few lines, but each one mails its sender: few per hour.
    "talk_proposal": {"seconds": 3600, "address": 5, "email": 3},
    # The speakers' private pages (text, answers to remarks, evaluation): generous, a person writes.
    "talk_speaker": {"seconds": 3600, "address": 30, "email": None},
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another ------------------------------

# An empty DATABASE_URL means "not set" (dj-database-url would return an empty dict).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers go on while a write is under way; the timeout absorbs short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in attempts (django-axes): five wrong passwords for one account from one address lock
# that pair out for 15 minutes, right password or not; the count lives in the cache (Redis in
# production), so every web process sees it, and no attempt is written to the database.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "home/login_locked.html"
AXES_RESET_ON_SUCCESS = True
# The address the rate limits count (``REMOTE_ADDR``, set from ``CLIENT_IP_HEADER`` behind our
# proxy; IPv6 by its /64), never an ``X-Forwarded-For`` a client could write to start afresh.
AXES_CLIENT_IP_CALLABLE = "core.form_protection.client_address_key"

# Language and time: French first ------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]

# Static files and uploads -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY", ""),
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Public heritage files: stable, cacheable URLs; never replace an existing file.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }

# Without a bucket, uploads are local files that Django itself serves (embedded default).
SERVE_MEDIA_FILES = not AWS_STORAGE_BUCKET_NAME
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: local memory unless REDIS_URL is given -----------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gohelliades",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process (``make run``): its own memory counts the sign-in attempts well enough.
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# How long nginx's micro-cache keeps a public page read by an anonymous visitor, in seconds
# (``s-maxage``; core/http_cache.py decides which answers are public). Also the longest an
# edit, a publication or a withdrawal takes to show there: nothing is purged. The variable's
# name is nginx's, because it is the front cache's lifetime, set once in .env.
PUBLIC_CACHE_SECONDS = int(os.environ.get("NGINX_PUBLIC_CACHE_SECONDS") or "60")

# E-mail: printed to the console unless EMAIL_HOST is given ----------------------------------

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Gohelliades <ne-pas-repondre@loos-en-gohelle.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: run at once unless a worker is configured ---------------------------------

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# Search: Wagtail's database backend unless ELASTICSEARCH_URL is given ------------------------

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "gohelliades")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
# Copies of the index on other nodes (none on a single node); a rebuild fills the new index
# without them and without refreshes, then sets them back before the alias switches.
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))
# Size of one bulk request of a rebuild (bench/rebuild.py measures the choice).
SEARCH_BULK_BYTES = int(os.environ.get("SEARCH_BULK_BYTES", str(4 * 1024 * 1024)))
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": f"{ELASTICSEARCH_INDEX_PREFIX}-wagtail",
            "TIMEOUT": ELASTICSEARCH_TIMEOUT,
            "ATOMIC_REBUILD": True,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Accents folded, like our own index (search/migrations/0002 and 0004).
        WAGTAILSEARCH_BACKENDS["default"] |= {
            "SEARCH_CONFIG": "gohelliades_fr",
            "AUTOCOMPLETE_CONFIG": "gohelliades_prefix",
        }

# Wagtail ------------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Gohelliades — Loos-en-Gohelle"
# No editor's e-mail hash sent to a third party for an avatar: the admin shows initials.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "media.CustomImage"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic", "heif", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
# What decoding a photo may cost, stated once (media/sanitise.py derives every check and
# French message from these). A phone photo has 12 to 50 million pixels.
MEDIA_IMAGE_MAX_MEGAPIXELS = 50
# Decoded at full size at most: a larger JPEG is decoded (and kept) at 1/2, 1/4 or 1/8 by
# libjpeg's draft mode; PNG, WebP and HEIC cannot be, so this is also their limit.
MEDIA_IMAGE_DECODE_MAX_MEGAPIXELS = 25
# Ceiling of the process that cleans one photo (RLIMIT_DATA), and its time limit (seconds).
MEDIA_IMAGE_DECODE_MEMORY = 260 * 1024 * 1024
MEDIA_IMAGE_DECODE_TIMEOUT = 60
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MEDIA_IMAGE_MAX_MEGAPIXELS * 1_000_000
# Admin uploads get the same content checks as the public form (media/sanitise.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.SafeImageForm"
MEDIA_AUDIO_VIDEO_MAX_UPLOAD_SIZE = 500 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "txt", "csv", "xlsx", "docx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_PASSWORD_RESET_ENABLED = bool(EMAIL_HOST)

# Security defaults that hold everywhere -----------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview frames SAMEORIGIN
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # axes announces itself at every start (« AXES: BEGIN… »): noise in every command.
        "axes.apps": {"level": "WARNING"},
    },
}


# load_demo_data creates a known superuser: never where real people's data lives.
DEMO_DATA_ALLOWED = True

# Maps: a tile server URL template ("https://…/{z}/{x}/{y}.png"); empty shows pins on a plain
# background, the right default where the server has no internet.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

# Volunteer shifts (festival/volunteers/) ----------------------------------------------------
# An unconfirmed sign-up holds its place this long, then frees it.
VOLUNTEER_HOLD_HOURS = 48
# Nobody is put on more than this many hours of shifts in a row.
VOLUNTEER_MAX_CONSECUTIVE_HOURS = 8
# Shifts closer than this are "in a row" (no real rest in between).
VOLUNTEER_REST_MINUTES = 30
# The private "my shifts" link works this long after it was sent.
VOLUNTEER_LINK_MAX_AGE_DAYS = 180
# Reminders go out this long before a shift starts.
VOLUNTEER_REMINDER_HOURS = 24
# Personal data is erased this many months after the occasion (the edition) ends.
VOLUNTEER_RETENTION_MONTHS = 12

# Fifty-fifty projects (projects/) -----------------------------------------------------------
# What one hour given by a resident is worth in the public tally (« bilan »), in euros: the
# gross hourly minimum wage (SMIC horaire brut, 11,88 € since 1 November 2024), the usual
# French measure of volunteer time. Change it here; the tally page states the rate it used.
FIFTY_FIFTY_HOUR_VALUE = Decimal(os.environ.get("FIFTY_FIFTY_HOUR_VALUE", "11.88"))

# Content-Security-Policy (django-csp; the admin's own policy is applied by config/csp.py) ----


def csp_origin(url: str) -> str | None:
    """The origin a browser fetches ``url`` from, as a CSP source (``https://host``); a URL
    template's placeholder in the host (a tile server's ``{s}`` subdomain) becomes ``*``."""
    parts = urlsplit(url if "//" in url else f"https://{url}")
    if not parts.netloc:
        return None
    return f"{parts.scheme}://{re.sub(r'{[^}]*}', '*', parts.netloc)}"


# Uploads come from the site itself, unless the bucket is reached at another address.
_BUCKET = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or os.environ.get("AWS_S3_ENDPOINT_URL")
UPLOAD_SOURCES = [csp_origin(_BUCKET)] if AWS_STORAGE_BUCKET_NAME and _BUCKET else []
MAP_TILE_SOURCES = [csp_origin(MAP_TILE_URL)] if MAP_TILE_URL else []

# Enforced everywhere, production included (no report-only policy). Scripts and styles come
# from our own static files; an inline one runs only with the response's nonce
# (``nonce="{{ request.csp_nonce }}"``), so markup slipped into a page cannot run or restyle.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.NONCE],
        "img-src": [csp.SELF, *UPLOAD_SOURCES, *MAP_TILE_SOURCES],
        "media-src": [csp.SELF, *UPLOAD_SOURCES],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}
# The Wagtail admin's policy: inline scripts and styles allowed, without a nonce (which would
# disable 'unsafe-inline'), because Wagtail 8 writes and inserts them (why: config/csp.py).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [csp.SELF, csp.UNSAFE_INLINE],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        # Image uploads are previewed from the file itself before it is sent.
        "img-src": [*CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"], "blob:"],
        # The preview panel frames the page being edited.
        "frame-ancestors": [csp.SELF],
    }
}
# Admin screens that list what the public sent and run no inline code (measured in the
# browser, tests/e2e/test_csp.py): the admin's policy without 'unsafe-inline' for scripts, so a
# resident's text that slipped past escaping could not run there. By URL name.
CONTENT_SECURITY_POLICY_ADMIN_STRICT_VIEWS = frozenset(
    {
        "wagtailsnippets_archive_contribution:list",
        "wagtailsnippets_archive_contribution:list_results",
        "transcripts_admin:corrections",
        "fifty_fifty:index",
        "taidx_talks:index",
    }
)


def env_size_bytes(name: str, default: str) -> int:
    """A size written as nginx reads it (``512m``, ``1g``, ``800k``, bytes; ``0``: no limit)."""
    value = (os.environ.get(name) or default).strip().lower()
    multiplier = {"k": 1024, "m": 1024**2, "g": 1024**3}.get(value[-1:], 1)
    number = value[:-1] if multiplier > 1 else value
    if not number.isdigit():
        raise ImproperlyConfigured(
            f"{name} vaut « {value} » : écrivez une taille comme nginx la lit, "
            "par exemple 512m, 1g ou un nombre d'octets."
        )
    return int(number) * multiplier


# The largest request nginx lets through (client_max_body_size: the same variable configures
# it in docker-compose.yml); the contribution form warns before sending more than this.
CONTRIBUTION_MAX_REQUEST_BYTES = env_size_bytes("NGINX_CLIENT_MAX_BODY_SIZE", "512m")
# How many photos one sending of a public form (a contribution, a fifty-fifty project) holds.
CONTRIBUTION_MAX_PHOTOS = 20

# Open data (opendata/) ------------------------------------------------------------------------
# OAI-PMH: records per page of a list, and how long a resumption token may be used.
OAI_PAGE_SIZE = int(os.environ.get("OAI_PAGE_SIZE", "100"))
OAI_TOKEN_MAX_AGE = int(os.environ.get("OAI_TOKEN_MAX_AGE", "86400"))
# The address Identify gives harvesters; empty: the one mails are sent from.
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "")
