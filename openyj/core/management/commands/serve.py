"""``openyj serve [--addrport HOST:PORT]``: serve OpenYJ with gunicorn, a production-grade WSGI server.

Static files are served by WhiteNoise from inside the application, so no other web server is needed
for them; in production put a reverse proxy in front for TLS (docs/deploy.md). Workers, threads and
timeouts come from the environment:

``OPENYJ_WEB_WORKERS``   processes (default 2 × CPU cores + 1, at most 8; on SQLite default 2)
``OPENYJ_WEB_THREADS``   threads per process (default 4)
``OPENYJ_WEB_TIMEOUT``   seconds before a stuck request's worker is restarted (default 120)

Which proxy headers to believe is decided in one place, Django's settings (``OPENYJ_HTTPS`` and
``OPENYJ_TRUSTED_PROXY_COUNT``), so gunicorn itself is told to believe none.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def _int_from_env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise CommandError(f"{name} must be a whole number, not {value!r}.", returncode=2) from None
    if number < 1:
        raise CommandError(f"{name} must be 1 or more, not {number}.", returncode=2)
    return number


def gunicorn_options(addrport: str) -> dict:
    """gunicorn's settings for OpenYJ, from the environment."""
    sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    # SQLite has one writer at a time: more processes only queue behind it.
    default_workers = 2 if sqlite else min(2 * (os.cpu_count() or 1) + 1, 8)
    return {
        "bind": addrport,
        "workers": _int_from_env("OPENYJ_WEB_WORKERS", default_workers),
        "threads": _int_from_env("OPENYJ_WEB_THREADS", 4),
        "worker_class": "gthread",
        "timeout": _int_from_env("OPENYJ_WEB_TIMEOUT", 120),
        "graceful_timeout": 30,
        "keepalive": 5,
        # X-Forwarded-* headers are judged by Django's settings (OPENYJ_TRUSTED_PROXY_COUNT), not here.
        "forwarded_allow_ips": "",
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": os.environ.get("OPENYJ_LOG_LEVEL", "info").lower(),
        # Access log without the query string: page addresses can carry search terms.
        "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        "proc_name": "openyj",
        # gunicorn's run-time control socket (one per user, in the home folder) is not needed.
        "control_socket_disable": True,
    }


class Command(BaseCommand):
    help = "Serve OpenYJ with gunicorn (a production-grade server, not Django's development server)."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000",
                            help="Address and port to listen on (default 127.0.0.1:8000)")

    def handle(self, *args, **options):
        from gunicorn.app.base import BaseApplication

        options_for_gunicorn = gunicorn_options(options["addrport"])

        class OpenYJServer(BaseApplication):
            def load_config(self):
                for key, value in options_for_gunicorn.items():
                    self.cfg.set(key, value)

            def load(self):
                from config.wsgi import application

                return application

        self.stdout.write(f"Serving OpenYJ on http://{options['addrport']}/ with gunicorn "
                          f"({options_for_gunicorn['workers']} processes × {options_for_gunicorn['threads']} "
                          "threads). Stop with Ctrl-C.")
        self.stdout.flush()
        OpenYJServer().run()
