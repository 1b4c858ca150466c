"""``openyj figures refresh [--service CODE]``: recompute the stored figures now.

Recomputes every current (unfrozen) figure set of the service (of every service without
``--service``) and makes sure the latest four quarters' sets exist. Frozen sets are never touched.
Exit status 0 on success, 1 on invalid input (an unknown service), 2 on usage errors.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Stored figures: 'refresh' recomputes them now (what pages and documents read)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="refresh")
        refresh = sub.add_parser("refresh", help="recompute the stored figures now")
        refresh.add_argument("--service", help="only this service (its code); default: every service")

    def handle(self, *args, **opts):
        from openyj.core.models import Service
        from openyj.indicators import figures

        services = Service.objects.order_by("code")
        if opts.get("service"):
            services = services.filter(code=opts["service"])
            if not services.exists():
                raise CommandError(f"--service: there is no service with the code {opts['service']}.",
                                   returncode=1)
        periods = figures.default_periods()
        for service in services:
            done = figures.refresh_service(service, periods=periods, force=True)
            for fs in done:
                state = "up to date" if fs.status == fs.Status.CURRENT else fs.get_status_display().lower()
                self.stdout.write(f"{service.code}: {fs.period.label}: {state}, computed "
                                  f"{fs.computed_at:%-d %B %Y %H:%M}")
