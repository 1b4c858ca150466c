"""``openyj plan --service CODE --year YYYY/YY --out DIR [--format docx,pdf,html]``

Writes the Youth Justice Plan for the plan year (``shared/spec/interchange.md``, Additions):
``DIR/youth-justice-plan-YYYY-YY.docx``, ``.pdf`` and ``DIR/html/index.html``. The plan for 2026/27
reports the previous financial year (April 2025 to March 2026) with rolling-12-month figures to its
end. When the service has the plan in OpenYJ, its text and sign-off are used (and its frozen figures
once submitted); otherwise a draft is produced from the current figures. Exit status 0 on success, 1 on
invalid input, 2 on usage errors.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


def service_or_error(code: str):
    from openyj.core.models import Service

    service = Service.objects.filter(code=code).first()
    if service is None:
        raise CommandError(f"--service: there is no service with the code {code}.", returncode=1)
    return service


def out_dir(text: str) -> Path:
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise CommandError(f"--out {text} is a file; give a folder to write the documents into.", returncode=1)
    return path


class Command(BaseCommand):
    help = "Write the Youth Justice Plan for a plan year as Word, PDF and web pages."

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="the service code, e.g. LEEDS")
        parser.add_argument("--year", required=True, metavar="YYYY/YY", help="the plan year, e.g. 2026/27")
        parser.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
        parser.add_argument("--format", default="docx,pdf,html", metavar="docx,pdf,html",
                            help="which files to write (default: all three)")

    def handle(self, *args, **opts):
        from openyj.documents.models import Document
        from openyj.documents.produce import parse_formats, plan_period, write

        service = service_or_error(opts["service"])
        try:
            period = plan_period(opts["year"])
            formats = parse_formats(opts["format"])
        except ValueError as error:
            raise CommandError(f"--year: {error}" if "plan year" in str(error) else str(error), returncode=1) from None
        target = out_dir(opts["out"])
        document = Document.objects.filter(service=service, kind="plan", year=opts["year"]).first()
        started = time.monotonic()
        written = write(service, kind="plan", period=period, out_dir=target, formats=formats, year=opts["year"],
                        document=document, progress=lambda m: self.stderr.write(m))
        for fmt in formats:
            self.stdout.write(f"{fmt}: {written[fmt]}")
        self.stderr.write(f"Written in {time.monotonic() - started:.1f} seconds.")
