"""Benchmark: a full Youth Justice Plan (about ten charts) to Word, PDF and web pages.

    .venv/bin/python -m benchmarks.documents [--children 600] [--runs 3] [--keep DIR]

Loads the demo service (``--children`` a year, five years) into a scratch SQLite database unless
``DATABASE_URL`` names one that already has it, then produces the 2026/27 plan ``--runs`` times,
printing for each run the wall-clock and CPU time of every phase (figures, sections, charts, pages,
PDF, Word) and the total. Not a test: run it by hand and copy the figures into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--children", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="write the files of the last run here")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="openyj-documents-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command

    from openyj.core.models import Service
    from openyj.documents import produce, render

    if not Service.objects.filter(code="DEMO").exists():
        started = time.monotonic()
        call_command("migrate", verbosity=0)
        call_command("demo", "--no-serve", "--children", str(args.children), stdout=StringIO())
        print(f"Demo service loaded ({args.children} children a year) in {time.monotonic() - started:.1f} s")
    service = Service.objects.get(code="DEMO")
    period = produce.plan_period("2026/27")
    for run in range(1, args.runs + 1):
        out = Path(args.keep) if args.keep and run == args.runs else Path(tempfile.mkdtemp(dir=scratch))
        times: list[tuple[str, float, float]] = []

        def phase(name, fn, *a, times=times, **kw):
            w, c = time.perf_counter(), time.process_time()
            result = fn(*a, **kw)
            times.append((name, time.perf_counter() - w, time.process_time() - c))
            return result

        doc = phase("figures and sections", produce.built, service, kind="plan", period=period,
                    structure_code="yjb-2024", year="2026/27")
        drawn = phase("charts (SVG and PNG)", render.draw_charts, doc)
        files = render.Files(docx="youth-justice-plan-2026-27.docx", pdf="youth-justice-plan-2026-27.pdf")
        phase("web pages", render.write_html, doc, out / "html", files, drawn)
        phase("PDF (PDF/UA-1)", render.write_pdf, doc, out / "html", out / files.pdf)
        phase("Word", render.write_docx, doc, out / files.docx, drawn)
        total_wall, total_cpu = sum(t[1] for t in times), sum(t[2] for t in times)
        print(f"Run {run}: {len(doc.charts())} charts, {len(doc.walk())} sections, "
              f"{(out / files.pdf).stat().st_size // 1024} KB PDF")
        for name, wall, cpu in times:
            print(f"  {name:<24} {wall:6.2f} s wall  {cpu:6.2f} s CPU")
        print(f"  {'total':<24} {total_wall:6.2f} s wall  {total_cpu:6.2f} s CPU")


if __name__ == "__main__":
    main()
