"""``openyj budget --service CODE --year YYYY/YY [--json]`` (``shared/spec/interchange.md``).

Prints the partner budget table of one financial year, checked: each row's computed total beside the
stated one and the discrepancy, the column totals, the stated Total row and the problems found, in
plain English. Problems are reported, not fatal: exit status 0 whenever the table could be read;
1 when the service does not exist; 2 on usage errors (a year not written as 2024/25).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from openyj.core.models import Service
from openyj.governance.budget import PARTS, financial_year_valid, pounds, table_as_json
from openyj.governance.selectors import budget_table_for_service


class Command(BaseCommand):
    help = ("Check a service's partner budget table for one financial year: row and column totals computed, "
            "stated totals kept, and where they disagree and by how much.")

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, metavar="CODE", help="the service's code, e.g. LEEDS")
        parser.add_argument("--year", required=True, metavar="YYYY/YY", help="the financial year, e.g. 2024/25")
        parser.add_argument("--json", action="store_true", help="print the checked table as JSON")

    def handle(self, *args, **options):
        year = options["year"].strip()
        if not financial_year_valid(year):
            raise CommandError(f"--year {year!r} is not a financial year: write it as 2024/25", returncode=2)
        code = options["service"].strip()
        service = Service.objects.filter(code__iexact=code).first()
        if service is None:
            raise CommandError(f"There is no service with the code {code!r}: check the code, or import the "
                               f"service's data first.", returncode=1)
        table = budget_table_for_service(service, year)
        if options["json"]:
            self.stdout.write(json.dumps(table_as_json(table), indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"Partner budget {year}, {service.name}")
        header = ("Agency", "Staffing costs", "Payments in kind", "Other delegated funds", "Total stated",
                  "Total of parts", "Difference")
        self.stdout.write(" | ".join(header))
        for row in table.rows:
            cells = [row.agency, *(pounds(getattr(row, p)) for p in PARTS), pounds(row.total_stated),
                     pounds(row.total_computed), pounds(row.discrepancy)]
            self.stdout.write(" | ".join(cells))
        columns = table.column_totals
        self.stdout.write(" | ".join(["Column totals", *(pounds(columns[p]) for p in PARTS), pounds(columns["total"])]))
        if table.total_row is not None:
            stated = table.total_row
            self.stdout.write(" | ".join(["Total row as stated", *(pounds(getattr(stated, p)) for p in PARTS),
                                          pounds(stated.total_stated)]))
        for problem in table.problems:
            self.stdout.write(f"- {problem}")
        if not table.problems:
            self.stdout.write("The table adds up.")
