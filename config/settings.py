"""OpenYJ settings: one module, driven by environment variables.

Defaults give a safe local demo on SQLite. A deployment sets at least ``OPENYJ_SECRET_KEY``,
``OPENYJ_DEBUG=false``, ``OPENYJ_ALLOWED_HOSTS`` and ``DATABASE_URL`` (see docs/install.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("OPENYJ_DEBUG", True)
SECRET_KEY = os.environ.get("OPENYJ_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # Refuse to start a production server with a guessable key rather than fall back silently.
        raise RuntimeError("Set OPENYJ_SECRET_KEY when OPENYJ_DEBUG is false.")
    SECRET_KEY = "openyj-local-development-only-not-secret"

ALLOWED_HOSTS = [h for h in os.environ.get("OPENYJ_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("OPENYJ_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# The data folder holds the default SQLite database; it is git-ignored.
DATA_DIR = Path(os.environ.get("OPENYJ_DATA_DIR", BASE_DIR / "var"))
DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'openyj.sqlite3'}"
if not os.environ.get("DATABASE_URL"):
    # A fresh checkout has no var/ yet; SQLite cannot create a file in a missing folder.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL, conn_max_age=0
    )
}
# How long (seconds) a SQLite writer waits for another writer to finish before giving up.
SQLITE_BUSY_TIMEOUT = int(os.environ.get("OPENYJ_SQLITE_BUSY_TIMEOUT", "60"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite lets many readers and one writer work at once, and only in WAL mode do readers never wait
    # for the writer. IMMEDIATE transactions take the write lock when they begin, so a second writer
    # waits its turn (up to the busy timeout) instead of failing half-way with "database is locked".
    # The limits this leaves are in docs/install.md: PostgreSQL is the multi-user database.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT,
    })
    # Tests use a file too (not SQLite's in-memory database), so that a second process (a worker, the
    # web server) can open it, as in production. pytest-xdist gives each of its workers its own copy.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-openyj.sqlite3")}
# Long work (an import) holds one transaction open. Its progress is written through a second
# connection to the same database, which commits at once, so every web process can show it
# (docs/tasks.md). SQLite has one writer per file, so there the progress of an import that is writing
# is not updated until it ends (see openyj/core/tasks.py).
DATABASES["progress"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
OPENYJ_PROGRESS_DATABASE = "progress"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "allauth",
    "allauth.account",
    "auditlog",
    "axes",
    "django_tasks_db",
    "openyj.core",
    "openyj.people",
    "openyj.offending",
    "openyj.casework",
    "openyj.indicators",
    "openyj.governance",
    "openyj.quality",
    "openyj.interchange",
    # The demo generator and its commands; no app imports it.
    "openyj.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "openyj.core.middleware.ServiceMiddleware",
    # Axes last, as its documentation asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "openyj" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "openyj.core.context_processors.navigation",
            ],
        },
    }
]
FORM_RENDERER = "openyj.core.govuk_forms.GovUKFormRenderer"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in: by username or email; no public sign-up (administrators create accounts).
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_ADAPTER = "openyj.core.accounts.NoSignupAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# Brute-force protection: lock an account and address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("OPENYJ_AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = env_bool("OPENYJ_AXES_ENABLED", True)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing is fetched from another origin: no CDN, no font service, no inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# The audit log records reads too; the remote address helps investigations.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The built GOV.UK/MOJ assets live in openyj/static (committed); WhiteNoise serves them.
STATICFILES_DIRS = [BASE_DIR / "openyj" / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Long work runs as Django tasks stored in the database (django-tasks-db): `openyj worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A running task writes a heartbeat to its row every few seconds; a row with none for this long
# belongs to a worker that stopped, and its page says so instead of "Working…".
OPENYJ_TASK_STALE_SECONDS = int(os.environ.get("OPENYJ_TASK_STALE_SECONDS", "120"))
# Progress is written at most this often (seconds): a heartbeat, not a log.
OPENYJ_PROGRESS_EVERY_SECONDS = float(os.environ.get("OPENYJ_PROGRESS_EVERY_SECONDS", "2"))
# Work that the worker runs by itself, every so many hours (the dotted path of a task: hours).
OPENYJ_PERIODIC_TASKS = {
    "openyj.interchange.tasks.uploads_clear": 24,
    "openyj.core.periodic.finished_tasks_clear": 24,
}

# Imports: uploads (and the rows kept to show their problems) are deleted this many days after the
# import finished or was abandoned; an upload may be at most this large, and expand to at most this.
OPENYJ_UPLOAD_RETENTION_DAYS = int(os.environ.get("OPENYJ_UPLOAD_RETENTION_DAYS", "7"))
OPENYJ_MAX_UPLOAD_MB = int(os.environ.get("OPENYJ_MAX_UPLOAD_MB", "200"))
OPENYJ_MAX_EXPANDED_MB = int(os.environ.get("OPENYJ_MAX_EXPANDED_MB", "800"))
OPENYJ_UPLOAD_DIR = Path(os.environ.get("OPENYJ_UPLOAD_DIR", DATA_DIR / "imports"))
# The limit is applied while the upload streams in (openyj/interchange/uploads.py), then Django's own
# handlers keep small files in memory and write larger ones to a temporary file.
FILE_UPLOAD_HANDLERS = [
    "openyj.interchange.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Small numbers in aggregate-only views (board members) are suppressed below this count.
OPENYJ_SMALL_NUMBER_THRESHOLD = int(os.environ.get("OPENYJ_SMALL_NUMBER_THRESHOLD", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENYJ_LOG_LEVEL", "WARNING")},
}
