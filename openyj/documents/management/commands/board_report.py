"""``openyj board-report --service CODE --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--format …]``

Writes the quarterly board report for the period as ``board-report-YYYY-MM-DD.docx``, ``.pdf`` and
``DIR/html/index.html``, named by the period end (``shared/spec/interchange.md``, Additions). Exit
status 0 on success, 1 on invalid input, 2 on usage errors.
"""

from __future__ import annotations

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from openyj.documents.management.commands.plan import out_dir, service_or_error


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {text} is not a real date in the form YYYY-MM-DD.", returncode=1) from None


class Command(BaseCommand):
    help = "Write the quarterly board report for a period as Word, PDF and web pages."

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="the service code, e.g. LEEDS")
        parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="first day of the period")
        parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD", help="last day of the period")
        parser.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
        parser.add_argument("--format", default="docx,pdf,html", metavar="docx,pdf,html",
                            help="which files to write (default: all three)")

    def handle(self, *args, **opts):
        from openyj.documents.models import Document
        from openyj.documents.produce import board_period, parse_formats, write

        service = service_or_error(opts["service"])
        start, end = _date(opts["start"], "--from"), _date(opts["end"], "--to")
        if end < start:
            raise CommandError(f"--to {end} is before --from {start}.", returncode=1)
        try:
            formats = parse_formats(opts["format"])
        except ValueError as error:
            raise CommandError(str(error), returncode=1) from None
        target = out_dir(opts["out"])
        period = board_period(start, end)
        document = Document.objects.filter(service=service, kind="board_report", period_start=start,
                                           period_end=end).first()
        started = time.monotonic()
        written = write(service, kind="board_report", period=period, out_dir=target, formats=formats,
                        document=document, progress=lambda m: self.stderr.write(m))
        for fmt in formats:
            self.stdout.write(f"{fmt}: {written[fmt]}")
        self.stderr.write(f"Written in {time.monotonic() - started:.1f} seconds.")
