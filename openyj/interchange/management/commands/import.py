"""``openyj import PATH --service CODE [--dry-run] [--json] [--keep-valid]`` (see the interchange contract).

Exit status: 0 when the data was valid (and, without ``--dry-run``, loaded); 1 when it has problems
(the report lists them; nothing is written unless ``--keep-valid``); 2 on a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from openyj.core.actors import COMMAND_LINE
from openyj.interchange.importer import import_path


class Command(BaseCommand):
    help = ("Import a data folder, a .zip of it, or an .xlsx workbook (interchange format 1) into a service. "
            "Creates the service if its code does not exist yet.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="The data folder, .zip or .xlsx")
        parser.add_argument("--service", required=True, help="The service's code, e.g. LEEDS")
        parser.add_argument("--dry-run", action="store_true", help="Check everything and report; write nothing")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON")
        parser.add_argument("--keep-valid", action="store_true",
                            help="Load the valid rows even if some rows have problems (those are skipped and listed)")
        parser.add_argument("--quiet-progress", action="store_true", help="Do not print progress to stderr")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.exists():
            self.stderr.write(f"{path} does not exist. Give the path of a data folder, a .zip or an .xlsx.")
            sys.exit(2)

        def progress(message: str) -> None:
            if not options["quiet_progress"] and not options["json"]:
                self.stderr.write(f"  {message}")

        report = import_path(path, service_code=options["service"], user=COMMAND_LINE, dry_run=options["dry_run"],
                             keep_valid=options["keep_valid"], progress=progress)
        if options["json"]:
            self.stdout.write(json.dumps(report.to_dict(), indent=2, default=str))
        else:
            self.stdout.write(report.text())
        if not report.ok:
            sys.exit(1)
