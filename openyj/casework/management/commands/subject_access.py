"""``openyj subject-access --service CODE --child CHILD_ID --out FILE.zip``: everything held about one
child (the same zip as the child's "Export everything held" page), audited as an export."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from openyj.casework.subject_access import subject_access_export
from openyj.core.actors import COMMAND_LINE
from openyj.people.models import Child


class Command(BaseCommand):
    help = "Export everything held about one child, for a subject access request."

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="The service's code, e.g. LEEDS")
        parser.add_argument("--child", required=True, help="The child's id (child_id) in that service")
        parser.add_argument("--out", required=True, help="Where to write the .zip")

    def handle(self, *args, **options):
        child = Child.objects.filter(service__code=options["service"], reference=options["child"]).first()
        if child is None:
            self.stderr.write(f"There is no child {options['child']} in service {options['service']}. "
                              "Check the child's id and the service's code.")
            sys.exit(2)
        _name, content = subject_access_export(user=COMMAND_LINE, child=child)
        out = Path(options["out"])
        out.write_bytes(content)
        self.stdout.write(f"Wrote everything held about {child.reference} to {out}.")
