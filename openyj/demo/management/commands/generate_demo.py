"""``openyj generate-demo DIR``: write a synthetic interchange folder (same seed, same files)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openyj.demo.generate import generate_demo


class Command(BaseCommand):
    help = "Write a synthetic interchange folder with realistic distributions (same seed → same files)."

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path, help="Folder to write (created if missing)")
        parser.add_argument("--children", type=int, default=600, help="Children worked with per year (default 600)")
        parser.add_argument("--years", type=int, default=5, help="Financial years of records (default 5)")
        parser.add_argument("--seed", type=int, default=2021, help="Random seed (default 2021)")
        parser.add_argument("--service", default="DEMO", help="Service code in manifest.json (default DEMO)")

    def handle(self, *args, **options):
        if options["children"] < 1 or options["years"] < 1:
            raise CommandError("--children and --years must be at least 1.", returncode=2)
        out: Path = options["dir"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a folder. Choose a folder path.", returncode=2)
        counts = generate_demo(
            out, children=options["children"], years=options["years"], seed=options["seed"],
            service=options["service"], progress=lambda msg: self.stderr.write(msg),
        )
        for name, rows in counts.items():
            self.stdout.write(f"{name}: {rows:,} rows")
        self.stdout.write(self.style.SUCCESS(f"Wrote the demo folder to {out}"))
