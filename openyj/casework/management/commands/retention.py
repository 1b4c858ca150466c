"""``openyj retention [--report | --apply] [--json]``: the retention policy (``OPENYJ_RETENTION``).

``--report`` (the default) lists the children whose records are due for deletion or anonymisation and
changes nothing; ``--apply`` deletes or anonymises them, audited. The worker runs the report daily by
itself (and applies it when ``OPENYJ_RETENTION_APPLY=true``).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from openyj.casework.retention import retention_run
from openyj.core.actors import COMMAND_LINE


class Command(BaseCommand):
    help = "Report, or apply, the retention policy for children's records (OPENYJ_RETENTION)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--report", action="store_true", help="List what is due; change nothing (the default)")
        group.add_argument("--apply", action="store_true", help="Delete or anonymise what is due, audited")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")

    def handle(self, *args, **options):
        report = retention_run(user=COMMAND_LINE, apply=options["apply"])
        if options["json"]:
            self.stdout.write(json.dumps({
                "policy": report.policy.describe(), "applied": report.applied, "action": report.policy.action,
                "due": [{"child_id": d.reference, "service_id": d.service_id, "kept_until": d.keep_until.isoformat()}
                        for d in report.due],
            }, indent=2))
        else:
            self.stdout.write(report.text())
