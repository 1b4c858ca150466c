"""``openyj worker``: run the background task worker (imports, figure refreshes, documents) until stopped.

A thin command over django-tasks-db's worker (``db_worker``). Before it starts, it makes sure each
periodic task in ``OPENYJ_PERIODIC_TASKS`` is queued (each run queues its next one), so the upload
retention job runs daily wherever a worker runs, with nothing else to set up. Stop it with Ctrl-C or
SIGTERM: it finishes the task in hand first (a second Ctrl-C stops at once; the task's page then
shows that it did not finish).
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from openyj.core.periodic import schedule_periodic_tasks


class Command(BaseCommand):
    help = "Run the background task worker (imports, figure refreshes, documents) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds to wait between looks for new work when the queue is empty (default 1)")
        parser.add_argument("--batch", action="store_true", help="Run the tasks that are waiting, then stop")

    def handle(self, *args, **options):
        queued = schedule_periodic_tasks()
        if queued and options["verbosity"]:
            self.stdout.write(f"Queued periodic work: {', '.join(queued)}")
        worker_options = {"interval": options["interval"], "reload": False, "verbosity": options["verbosity"]}
        if options["batch"]:
            worker_options["batch"] = True
        call_command("db_worker", **worker_options)
