"""The ``openyj`` console script: a thin wrapper over Django management commands.

``openyj generate-demo DIR`` runs ``manage.py generate_demo DIR``; hyphens in a command's name
become underscores. Every command also runs as ``python manage.py <name>``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "openyj"
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
