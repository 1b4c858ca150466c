"""OpenYJ settings: one module, driven by environment variables.

Defaults give a safe local demo on SQLite: debug off, a random secret key kept in the data folder,
e-mail written to files. A deployment sets the production environment written down in
docs/security.md ("Running OpenYJ securely") and docs/production.env.example; with it,
``openyj check --deploy --fail-level WARNING`` passes (a test runs exactly that).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Debug pages list every URL and setting: only ever on when someone asks for them.
DEBUG = env_bool("OPENYJ_DEBUG", False)

# The data folder holds the default SQLite database, the local secret key and, without a mail
# server, the e-mails OpenYJ sends. It is git-ignored.
DATA_DIR = Path(os.environ.get("OPENYJ_DATA_DIR", BASE_DIR / "var"))


def local_secret_key(folder: Path) -> str:
    """The secret key kept in the data folder, made once with a random value.

    A deployment sets ``OPENYJ_SECRET_KEY`` (so every web and task process shares it); the demo
    and a developer's checkout get a random key that is never in the repository or guessable.
    """
    path = folder / "secret-key"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting at once must not each write a different key.
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"Set OPENYJ_SECRET_KEY, or let OpenYJ write its own key to {path} ({error.strerror})."
        ) from error
    key = secrets.token_urlsafe(50)
    with os.fdopen(handle, "w") as file:
        file.write(key)
    return key


SECRET_KEY = os.environ.get("OPENYJ_SECRET_KEY", "").strip() or local_secret_key(DATA_DIR)

ALLOWED_HOSTS = env_list("OPENYJ_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("OPENYJ_CSRF_TRUSTED_ORIGINS")

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
SQLITE_BUSY_TIMEOUT = env_int("OPENYJ_SQLITE_BUSY_TIMEOUT", 60)
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
    "allauth.mfa",
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
    "openyj.documents",
    # The demo generator and its commands; no app imports it.
    "openyj.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A query string with a NUL character is a 400 before any page reads it.
    "openyj.core.middleware.QueryStringMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "openyj.core.middleware.IdleTimeoutMiddleware",
    # Pages for a signed-in user hold children's data: no browser or proxy may keep a copy.
    "openyj.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After allauth's: a user without two-factor sign-in is sent to set it up first.
    "openyj.core.middleware.TwoFactorRequiredMiddleware",
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
                "openyj.core.context_processors.security",
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
    # Length alone lets 'aaaaaaaaaaaa' through: zxcvbn estimates how guessable a password is.
    {"NAME": "openyj.core.passwords.GuessablePasswordValidator"},
]

# Sign-in: by username or email; no public sign-up (administrators create accounts).
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_ADAPTER = "openyj.core.accounts.NoSignupAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
# A password reset for an address nobody uses sends nothing (and the page says the same either way).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Changing one's e-mail address (where reset links go) needs the password again.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "signed_out"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_FORMS = {
    "login": "openyj.core.accounts_forms.LoginForm",
    "reset_password": "openyj.core.accounts_forms.ResetPasswordForm",
    "reset_password_from_key": "openyj.core.accounts_forms.ResetPasswordKeyForm",
    "change_password": "openyj.core.accounts_forms.ChangePasswordForm",
    "reauthenticate": "openyj.core.accounts_forms.ReauthenticateForm",
}

# Two-factor sign-in: an authenticator app (TOTP) with recovery codes, from django-allauth.
# Required of every user unless OPENYJ_MFA_REQUIRED is false; the demo switches it off.
OPENYJ_MFA_REQUIRED = env_bool("OPENYJ_MFA_REQUIRED", True)
MFA_ADAPTER = "openyj.core.accounts.TwoFactorAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "OpenYJ"
MFA_FORMS = {
    "authenticate": "openyj.core.accounts_forms.AuthenticateForm",
    "reauthenticate": "openyj.core.accounts_forms.ReauthenticateCodeForm",
    "activate_totp": "openyj.core.accounts_forms.ActivateTOTPForm",
}
# One 30-second step either side: phones' clocks drift, and a code typed at the turn of a step
# should still work (RFC 6238 section 5.2).
MFA_TOTP_TOLERANCE = 1

# Proxies: how many reverse proxies (load balancer, TLS terminator) stand in front of OpenYJ. The
# client's address is then read from X-Forwarded-For, counting that many entries from the right,
# so that sign-in limits and lock-outs apply to the person, not to the proxy everyone shares.
OPENYJ_TRUSTED_PROXY_COUNT = env_int("OPENYJ_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = OPENYJ_TRUSTED_PROXY_COUNT

# Brute-force protection (django-axes): lock a person out, from the address they sign in from,
# after repeated failures. Their username and e-mail address count as one person.
AXES_FAILURE_LIMIT = env_int("OPENYJ_AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "openyj.core.accounts.lockout_username"
AXES_CLIENT_IP_CALLABLE = "openyj.core.accounts.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_ENABLED = env_bool("OPENYJ_AXES_ENABLED", True)
# allauth's own throttle on failed sign-ins, per address only. Its default also throttles per login
# typed, from anywhere: one attacker could then keep a person out for everyone, five guesses every
# five minutes. The lock-out above already limits guesses per person and address.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}

# Rate-limit counters (allauth), spent TOTP codes and lock-out state must be shared by every web
# process and survive a restart: the database cache does that with no extra server. Its table is
# made by a migration (openyj/core/migrations/0002_cache_table.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "openyj_cache"}}

# Sessions end after a period without activity (a warning comes first, see base.html); the
# server forgets them at that time whatever the browser does. Activity restarts the clock
# (openyj.core.middleware.IdleTimeoutMiddleware).
OPENYJ_SESSION_IDLE_MINUTES = env_int("OPENYJ_SESSION_IDLE_MINUTES", 30)
OPENYJ_SESSION_WARNING_SECONDS = 2 * 60
SESSION_COOKIE_AGE = OPENYJ_SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# TLS. OPENYJ_HTTPS=true when users reach OpenYJ over https (always, in production): cookies are
# sent only over TLS, browsers are told to use https for a year (HSTS), plain http is redirected.
# Behind a TLS-terminating proxy, the proxy's X-Forwarded-Proto says whether the user's
# connection was https; it is believed only when OPENYJ_TRUSTED_PROXY_COUNT says a proxy is there.
OPENYJ_HTTPS = env_bool("OPENYJ_HTTPS", False)
SESSION_COOKIE_SECURE = OPENYJ_HTTPS
CSRF_COOKIE_SECURE = OPENYJ_HTTPS
SECURE_SSL_REDIRECT = OPENYJ_HTTPS
# A load balancer's health check may use plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("OPENYJ_HSTS_SECONDS", 365 * 24 * 60 * 60) if OPENYJ_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = OPENYJ_HTTPS
if OPENYJ_HTTPS and OPENYJ_TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preloading is a decision about a council's whole domain, not about OpenYJ's host.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
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

# E-mail (password reset links, two-factor notices), as Django 6.1's MAILERS. With
# OPENYJ_EMAIL_HOST set, mail goes to that SMTP server; without it, each message is written to a
# file in <data folder>/mail (the demo), and `check --deploy` warns.
OPENYJ_EMAIL_HOST = os.environ.get("OPENYJ_EMAIL_HOST", "").strip()
if OPENYJ_EMAIL_HOST:
    _use_tls = env_bool("OPENYJ_EMAIL_USE_TLS", True)  # STARTTLS, usually port 587
    _use_ssl = env_bool("OPENYJ_EMAIL_USE_SSL", False)  # TLS from the start, usually port 465
    if _use_tls and _use_ssl:
        raise ImproperlyConfigured("Set only one of OPENYJ_EMAIL_USE_TLS and OPENYJ_EMAIL_USE_SSL to true.")
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": OPENYJ_EMAIL_HOST,
            "port": env_int("OPENYJ_EMAIL_PORT", 587),
            "username": os.environ.get("OPENYJ_EMAIL_USER", ""),
            "password": os.environ.get("OPENYJ_EMAIL_PASSWORD", ""),
            "use_tls": _use_tls,
            "use_ssl": _use_ssl,
            "timeout": 20,
        },
    }}
else:
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(DATA_DIR / "mail")},
    }}
DEFAULT_FROM_EMAIL = os.environ.get("OPENYJ_EMAIL_FROM", "OpenYJ <openyj@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

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
OPENYJ_TASK_STALE_SECONDS = env_int("OPENYJ_TASK_STALE_SECONDS", 120)
# A case audit rates a standard only when each of its key questions rests on at least this many cases
# answered yes or no; below it the results page shows the percentages and the counts, and says why
# there is no rating (docs/quality.md).
OPENYJ_QUALITY_MIN_CASES = env_int("OPENYJ_QUALITY_MIN_CASES", 5)
# Progress is written at most this often (seconds): a heartbeat, not a log.
OPENYJ_PROGRESS_EVERY_SECONDS = float(os.environ.get("OPENYJ_PROGRESS_EVERY_SECONDS", "2"))
# Work that the worker runs by itself, every so many hours (the dotted path of a task: hours).
OPENYJ_PERIODIC_TASKS = {
    "openyj.interchange.tasks.uploads_clear": 24,
    "openyj.core.periodic.finished_tasks_clear": 24,
    "openyj.casework.tasks.retention_run": 24,
}

# Retention of children's records (openyj/casework/retention.py, docs/data-protection.md): a child's
# records are due once the child is this many years past their 18th birthday AND this many years have
# passed since the service's last contact, with nothing open. Due records are deleted, or anonymised
# (names, PNC ID and postcode removed, reference replaced) when OPENYJ_RETENTION_ACTION=anonymise. The
# worker's daily task only reports what is due unless OPENYJ_RETENTION_APPLY=true; `openyj retention
# --apply` applies it from the command line.
OPENYJ_RETENTION = {
    "years_after_18th_birthday": env_int("OPENYJ_RETAIN_YEARS_AFTER_18", 7),
    "years_after_last_contact": env_int("OPENYJ_RETAIN_YEARS_AFTER_CONTACT", 6),
    "action": os.environ.get("OPENYJ_RETENTION_ACTION", "delete"),
    "apply_daily": env_bool("OPENYJ_RETENTION_APPLY", False),
}

# Imports: uploads (and the rows kept to show their problems) are deleted this many days after the
# import finished or was abandoned; an upload may be at most this large, and expand to at most this.
OPENYJ_UPLOAD_RETENTION_DAYS = env_int("OPENYJ_UPLOAD_RETENTION_DAYS", 7)
OPENYJ_MAX_UPLOAD_MB = env_int("OPENYJ_MAX_UPLOAD_MB", 200)
OPENYJ_MAX_EXPANDED_MB = env_int("OPENYJ_MAX_EXPANDED_MB", 800)
OPENYJ_UPLOAD_DIR = Path(os.environ.get("OPENYJ_UPLOAD_DIR", DATA_DIR / "imports"))
# The limit is applied while the upload streams in (openyj/interchange/uploads.py), then Django's own
# handlers keep small files in memory and write larger ones to a temporary file.
FILE_UPLOAD_HANDLERS = [
    "openyj.interchange.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Small numbers in aggregate-only views (board members) are suppressed below this count.
OPENYJ_SMALL_NUMBER_THRESHOLD = env_int("OPENYJ_SMALL_NUMBER_THRESHOLD", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENYJ_LOG_LEVEL", "WARNING")},
}
