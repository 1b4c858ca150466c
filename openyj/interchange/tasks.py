"""The import's background work, run by ``openyj worker`` (see docs/tasks.md).

Each task takes the id of an :class:`~openyj.interchange.models.ImportRun`, never the data: the task's
arguments are stored in the database's task queue, and children's details do not belong there.
"""

from __future__ import annotations

from django.tasks import task

from openyj.core.actors import SCHEDULED
from openyj.core.periodic import queue_next
from openyj.interchange import runs


@task()
def import_check(run_id: str) -> None:
    """Check an upload: what would be created, updated, unchanged, and every problem."""
    runs.check_upload(run_id)


@task()
def import_apply(run_id: str) -> None:
    """Import a checked upload in one transaction."""
    runs.apply_upload(run_id)


@task()
def uploads_clear() -> int:
    """Delete uploads and their rows with problems after the retention period (run daily by the worker)."""
    try:
        return runs.uploads_clear(user=SCHEDULED)
    finally:
        queue_next(uploads_clear)
