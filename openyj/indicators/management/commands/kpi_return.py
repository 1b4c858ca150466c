"""``openyj kpi-return --service CODE --from YYYY-MM-DD --to YYYY-MM-DD --out FILE``

Writes the quarter's return of the ten YJB key performance indicators (``shared/spec/interchange.md``,
Additions): ``FILE.xlsx`` with the sheets ``summary`` (one row per KPI and sub-measure: ``code``,
``measure``, ``numerator``, ``denominator``, ``value``, ``missing``) and ``children`` (one row per cohort
child), or ``FILE.csv`` (the summary) when FILE ends in ``.csv``. Exit status 0 on success, 1 on
invalid input, 2 on usage errors.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from openyj.indicators import kpi_return
from openyj.indicators.management.commands.indicators import _date
from openyj.indicators.periods import Period


class Command(BaseCommand):
    help = "Write the quarterly return of the ten YJB key performance indicators (XLSX or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="the service code, e.g. LEEDS")
        parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD",
                            help="first day of the quarter (inclusive)")
        parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD",
                            help="last day of the quarter (inclusive)")
        parser.add_argument("--out", required=True, metavar="FILE",
                            help="the file to write: FILE.csv for the summary, else FILE.xlsx")
        parser.add_argument("--backend", choices=["duckdb", "postgres"], default="duckdb",
                            help="where to compute: embedded DuckDB (default) or in PostgreSQL")

    def handle(self, *args, **opts):
        from openyj.core.models import Service

        start, end = _date(opts["start"], "--from"), _date(opts["end"], "--to")
        if end < start:
            raise CommandError(f"--to {end} is before --from {start}.", returncode=1)
        service = Service.objects.filter(code=opts["service"]).first()
        if service is None:
            raise CommandError(f"--service: there is no service with the code {opts['service']}.", returncode=1)
        if opts["backend"] == "postgres" and connection.vendor != "postgresql":
            raise CommandError("--backend postgres needs a PostgreSQL database (DATABASE_URL).", returncode=1)
        ret = kpi_return.compute(service, Period(start, end), backend=opts["backend"])
        try:
            path = kpi_return.write(ret, opts["out"])
        except OSError as e:
            raise CommandError(f"--out: cannot write {opts['out']}: {e.strerror}.", returncode=1) from None
        self.stdout.write(f"Wrote the key performance indicator return for {service.code}, "
                          f"{start.isoformat()} to {end.isoformat()}, to {path} "
                          f"({len(ret.children)} children in the cohort; {ret.missing_total()} items missing).")
