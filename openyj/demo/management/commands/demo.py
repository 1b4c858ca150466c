"""``openyj demo``: the README's one command.

Creates the SQLite database if missing, migrates, generates and loads the demo service and demo
users (one for each role), prints the sign-in, and serves on http://127.0.0.1:8000 the way a real
deployment does: ``openyj serve`` (gunicorn) and ``openyj worker`` (imports and other long work) run as
two child processes, and Ctrl-C stops both.

The demo's accounts share a published password, so two-factor sign-in would protect nothing: the
demo's web server runs with it switched off (unless ``--require-mfa``) and its sign-in page says so.
Production settings require it.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from openyj.casework.models import Intervention
from openyj.core.actors import DEMO_LOADER
from openyj.core.models import Membership, Service
from openyj.core.roles import Role

DEMO_SERVICE = "DEMO"
DEMO_PASSWORD = "openyj-demo-2026"
# One account per role, so a new user can see the product as each kind of user does.
DEMO_USERS = [
    ("demo", "Dana", "Okafor", Role.MANAGER),
    ("manager2", "Morgan", "Reeve", Role.MANAGER),
    ("casemanager", "Sam", "Whitfield", Role.CASE_MANAGER),
    ("casemanager2", "Priya", "Lal", Role.CASE_MANAGER),
    ("performance", "Jo", "Kettering", Role.PERFORMANCE_OFFICER),
    ("board", "Alex", "Marsden", Role.BOARD_MEMBER),
    ("admin", "Chris", "Adeyemi", Role.ADMINISTRATOR),
]


def last_quarter_end(today: date) -> date:
    """The last day of the latest calendar quarter that ended before ``today``."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return quarter_start - timedelta(days=1)


class Command(BaseCommand):
    help = "Set up the demo service on the local database and serve OpenYJ on http://127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Load the demo but do not start the server")
        parser.add_argument("--children", type=int, default=600, help="Children per year in the demo (default 600)")
        parser.add_argument("--addrport", default="127.0.0.1:8000", help="Where to serve (default 127.0.0.1:8000)")
        parser.add_argument("--require-mfa", action="store_true",
                            help="Ask for two-factor sign-in as production does (the demo does not, by default)")

    def handle(self, *args, **options):
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        # As in production, the styles and scripts are collected once for WhiteNoise to serve.
        call_command("collectstatic", interactive=False, verbosity=0)
        if Service.objects.filter(code=DEMO_SERVICE).exists():
            self.stdout.write("The demo service is already loaded.")
            service = Service.objects.get(code=DEMO_SERVICE)
        else:
            service = self.load(options["children"])
        self.ensure_users(service)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"OpenYJ demo: http://{options['addrport']}/"))
        self.stdout.write(f"Sign in as: demo / {DEMO_PASSWORD}   (a manager in {service.name})")
        others = ", ".join(u for u, *_ in DEMO_USERS[1:])
        self.stdout.write(f"Other demo accounts, same password: {others}")
        mail_folder = settings.MAILERS.get("default", {}).get("OPTIONS", {}).get("file_path")
        if mail_folder:
            self.stdout.write(f"E-mails (password reset links) are written to files in {mail_folder}")
        if not options["no_serve"]:
            if not options["require_mfa"]:
                self.stdout.write("Two-factor sign-in is switched off in this demo (--require-mfa turns it on).")
            self.serve(options["addrport"], require_mfa=options["require_mfa"])

    def load(self, children: int) -> Service:
        from openyj.demo.generate import generate_demo
        from openyj.interchange.importer import import_path

        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "demo"
            self.stdout.write("Generating the synthetic demo service…")
            # The demo's records run to the end of the last complete quarter, so the dashboard opens
            # on current figures. (The generator itself stays reproducible: same end, same files.)
            generate_demo(folder, children=children, service=DEMO_SERVICE, end=last_quarter_end(date.today()))
            self.stdout.write("Loading it (this takes under a minute)…")
            report = import_path(folder, service_code=DEMO_SERVICE, user=DEMO_LOADER,
                                 progress=lambda m: self.stdout.write(f"  {m}"))
            if not report.ok:
                raise SystemExit(f"The demo data did not load:\n{report}")
        service = Service.objects.get(code=DEMO_SERVICE)
        self.ensure_users(service)
        from openyj.demo.quality import load_demo_quality

        User = get_user_model()
        load_demo_quality(service, auditor=User.objects.get(username="demo"),
                          moderator=User.objects.get(username="manager2"))
        from openyj.demo.casework import load_demo_casework
        from openyj.demo.governance import load_demo_governance

        load_demo_casework(service)  # reviews and panel decisions, which the import format does not carry
        load_demo_governance(service, manager=User.objects.get(username="demo"))
        return service

    def serve(self, addrport: str, *, require_mfa: bool = False) -> None:
        """Run the web server and the worker until Ctrl-C (or SIGTERM), or until either stops."""
        command = [sys.executable, "-m", "openyj.cli"]
        web_environment = dict(os.environ)
        if not require_mfa:
            # Only the demo's own web server: every other way of running OpenYJ keeps it required.
            web_environment["OPENYJ_MFA_REQUIRED"] = "false"
        children = [subprocess.Popen([*command, "serve", "--addrport", addrport], env=web_environment),  # noqa: S603
                    subprocess.Popen([*command, "worker", "--verbosity", "0"])]  # noqa: S603 - our own command

        def stop(signum, frame):
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
            self.stderr.write("The demo's web server or worker stopped; stopping the other.")
        except KeyboardInterrupt:
            self.stdout.write("Stopping the demo…")
        finally:
            signal.signal(signal.SIGTERM, previous)
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()

    @transaction.atomic
    def ensure_users(self, service: Service) -> None:
        User = get_user_model()
        case_managers = []
        for username, first, last, role in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last,
                                             "email": f"{username}@demo.openyj.invalid"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.update_or_create(user=user, service=service, defaults={"role": role})
            if role in (Role.CASE_MANAGER, Role.MANAGER):
                case_managers.append(user)
        # Share the open work between the demo case managers so the caseload filter has something to show.
        unassigned = Intervention.objects.filter(service=service, case_manager__isnull=True).order_by("pk")
        batch = []
        for intervention, user in zip(unassigned.iterator(), itertools.cycle(case_managers), strict=False):
            intervention.case_manager = user
            batch.append(intervention)
        Intervention.objects.bulk_update(batch, ["case_manager"], batch_size=1000)
