"""``openyj export PATH --service CODE``: write a service's data in the interchange format.

PATH is a folder, or a ``.zip`` file when it ends in ``.zip``. Exit status 2 on a usage error
(an unknown service).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from openyj.core.actors import COMMAND_LINE
from openyj.core.models import Service
from openyj.interchange.exporter import export_service


class Command(BaseCommand):
    help = "Export a service's data to a folder (or a .zip) in the interchange format, version 1."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Folder to write, or a file name ending in .zip")
        parser.add_argument("--service", required=True, help="The service's code")

    def handle(self, *args, **options):
        service = Service.objects.filter(code=options["service"]).first()
        if service is None:
            self.stderr.write(f"There is no service with the code {options['service']}.")
            sys.exit(2)
        counts = export_service(service, options["path"], user=COMMAND_LINE)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} rows")
        self.stdout.write(f"Exported {service.code} to {options['path']}")
