"""``openyj inspection-rating FILE.json [--framework hmip-2018|hmip-2021]`` (shared/spec/interchange.md).

Reads the key-question percentages and recorded ratings of an inspection (or a self-audit) and prints
the ratings the inspectorate's rule gives, as JSON. Exit status 0 when rated, 1 on invalid input (every
problem is listed, each naming the standard or key question and the value), 2 on usage errors.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from openyj.quality.frameworks import inspection_frameworks
from openyj.quality.rating import RatingInputError, parse_input, rate_framework, result_as_json

DEFAULT_FRAMEWORK = "hmip-2018"


class Command(BaseCommand):
    # Pure computation from a file: no database, so no system checks to wait for.
    requires_system_checks = []
    help = (
        "Rate an inspection from its key-question percentages and recorded ratings (JSON file), "
        "printing each standard's rating, score and limiting key question, the total and the overall rating."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE.json", help="the standards: key-question %% yes or ratings")
        parser.add_argument(
            "--framework", choices=sorted(inspection_frameworks()), default=None,
            help=f"inspection framework (default: the file's \"framework\", else {DEFAULT_FRAMEWORK})",
        )

    def handle(self, *args, **options):
        path = options["file"]
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle, parse_float=Decimal)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}", returncode=1) from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path} is not valid JSON: {exc}", returncode=1) from exc

        code = options["framework"]
        named = data.get("framework") if isinstance(data, dict) else None
        if named is not None and named not in inspection_frameworks():
            raise CommandError(f"{path}: framework {named!r} is not known (use "
                               f"{', '.join(sorted(inspection_frameworks()))})", returncode=1)
        if code and named and code != named:
            raise CommandError(f"{path} says framework {named} but --framework {code} was given", returncode=1)
        framework = inspection_frameworks()[code or named or DEFAULT_FRAMEWORK]

        try:
            inputs, overall_adjustment = parse_input(framework, data)
            result = rate_framework(framework, inputs, overall_adjustment=overall_adjustment)
        except RatingInputError as exc:
            lines = "\n".join(f"  - {e}" for e in exc.errors)
            raise CommandError(f"{path} cannot be rated with {framework.code}:\n{lines}", returncode=1) from exc
        self.stdout.write(json.dumps(result_as_json(result), indent=2, ensure_ascii=False))
