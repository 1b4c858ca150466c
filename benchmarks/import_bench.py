"""Import benchmark: validate and load ~1 million rows, print rows/second and peak memory.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python benchmarks/import_bench.py --children 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/openyj_bench .venv/bin/python benchmarks/import_bench.py

Writes a generated folder (children, offences, outcomes, interventions: about ten rows per child),
migrates the database named by DATABASE_URL (default: a fresh SQLite file in a temporary folder),
imports the folder into a new service and prints the figures. ``--reimport`` also times importing
the same folder again (every row unchanged). Figures are recorded in docs/interchange.md.
Not run as a test.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CATEGORIES = ["theft_and_handling", "criminal_damage", "violence_against_the_person", "public_order", "drugs",
              "robbery", "motoring", "possession_of_weapons"]
OUTCOMES = [("youth_caution", None), ("referral_order", "referral_order"), ("youth_rehabilitation_order", "yro"),
            ("community_resolution", "diversion"), ("conditional_discharge", None)]
ETHNICITIES = ["white_british", "white_other", "mixed_white_black_caribbean", "asian_pakistani", "black_african",
               "other_any", "not_known"]


def generate(folder: Path, children: int, seed: int = 1) -> int:
    """About ten rows per child: 1 child, ~4 offences, ~2.5 outcomes, ~2.5 interventions."""
    rng = Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    end = date(2025, 3, 31)
    rows = 0
    with (open(folder / "children.csv", "w", newline="") as fc, open(folder / "offences.csv", "w", newline="") as fo,
          open(folder / "outcomes.csv", "w", newline="") as fd,
          open(folder / "interventions.csv", "w", newline="") as fi):
        wc, wo, wd, wi = (csv.writer(f, lineterminator="\n") for f in (fc, fo, fd, fi))
        wc.writerow(["child_id", "date_of_birth", "sex", "ethnicity", "local_authority", "postcode_district",
                     "given_name", "family_name"])
        wo.writerow(["offence_id", "child_id", "offence_date", "category", "seriousness", "description", "weapon"])
        wd.writerow(["outcome_id", "child_id", "outcome_date", "outcome_type", "offence_ids", "start_date",
                     "end_date", "length_months", "court"])
        wi.writerow(["intervention_id", "child_id", "kind", "outcome_id", "start_date", "end_date", "end_reason",
                     "accommodation_type_start", "accommodation_suitable_start", "ete_status_start",
                     "ete_hours_offered_start", "ete_hours_attended_start", "mh_need", "substance_need"])
        o = d = i = 0
        for c in range(1, children + 1):
            born = date(2004, 1, 1) + timedelta(days=rng.randrange(0, 3650))
            cid = f"C{c:07d}"
            wc.writerow([cid, born.isoformat(), rng.choice(["male", "male", "female"]), rng.choice(ETHNICITIES),
                         "E08000999", f"DC{rng.randrange(1, 9)}", "Sam", f"Bench{c}"])
            rows += 1
            first = born + timedelta(days=365 * 10 + rng.randrange(30, 2500))
            day = min(first, end - timedelta(days=400))
            for _ in range(rng.choice([2, 3, 4, 4, 5, 6])):
                offences = []
                for _ in range(rng.choice([1, 1, 2])):
                    o += 1
                    offences.append(f"O{o:08d}")
                    wo.writerow([offences[-1], cid, day.isoformat(), rng.choice(CATEGORIES), rng.randrange(1, 7),
                                 "Generated offence", "none"])
                    rows += 1
                outcome_day = day + timedelta(days=rng.randrange(10, 60))
                outcome_type, kind = rng.choice(OUTCOMES)
                d += 1
                did = f"D{d:08d}"
                wd.writerow([did, cid, outcome_day.isoformat(), outcome_type, ";".join(offences),
                             outcome_day.isoformat(), (outcome_day + timedelta(days=180)).isoformat(), "6",
                             "Bench Youth Court"])
                i += 1
                wi.writerow([f"I{i:08d}", cid, kind or "other", did, outcome_day.isoformat(),
                             (outcome_day + timedelta(days=170)).isoformat(), "completed", "parent_family", "true",
                             "full_time_school", "25", str(rng.randrange(0, 26)), rng.choice(["true", "false", ""]),
                             rng.choice(["true", "false"])])
                rows += 2
                day = outcome_day + timedelta(days=rng.randrange(20, 120))
                if day > end - timedelta(days=200):
                    break
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--folder", help="Use (or write) the generated folder here")
    parser.add_argument("--reimport", action="store_true", help="Also time a second import of the same folder")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="openyj-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from openyj.core.actors import COMMAND_LINE
    from openyj.interchange.importer import import_path

    folder = Path(args.folder or Path(tmp) / "data")
    if not (folder / "children.csv").exists():
        started = time.perf_counter()
        rows = generate(folder, args.children)
        print(f"generated {rows:,} rows for {args.children:,} children in {time.perf_counter() - started:.1f} s")
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")

    def run(label: str) -> None:
        started, cpu_started = time.perf_counter(), time.process_time()
        report = import_path(folder, service_code="BENCH", user=COMMAND_LINE)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        totals = report.totals()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{label}: {totals['rows']:,} rows ({totals['created']:,} created, {totals['updated']:,} updated, "
              f"{totals['unchanged']:,} unchanged, {report.error_count} problems) in {seconds:.1f} s = "
              f"{totals['rows'] / seconds:,.0f} rows/s; peak memory {peak_mb:,.0f} MB; this process's CPU {cpu:.1f} s "
              f"(on a busy machine the CPU time is the steadier measure)")
        if not report.ok:
            print(report.text(max_problems_per_file=3))

    run("import")
    if args.reimport:
        run("re-import")


if __name__ == "__main__":
    main()
