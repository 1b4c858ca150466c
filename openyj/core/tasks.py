"""Long work as Django tasks: the row that shows it, its progress, and how a dead worker is noticed.

Long work (an import, a figure refresh, a document) runs in ``openyj worker``, never in a web
process. The pattern, step by step, is in docs/tasks.md:

1. A model for the work inherits :class:`BackgroundWork` (``task_id``, ``progress``, ``heartbeat_at``,
   ``error``) beside its own status.
2. A task in the app's ``tasks.py`` (``@django.tasks.task``) takes the row's id, never the data.
3. The service enqueues it: ``result = my_task.enqueue(str(row.pk))``, then ``remember_task(row, result)``.
4. The work calls ``Progress(row)("5,000 rows checked")`` as it goes; each call is also a heartbeat.
5. The page reads the row (any web process can) and asks :func:`stalled` whether the worker died.

Why progress needs care: an import holds one database transaction open until it ends, and anything
written through that transaction is invisible to other processes until then. So progress is written
through a second connection (``settings.OPENYJ_PROGRESS_DATABASE``, an alias of the same database)
that commits at once. SQLite allows one writer per file: while the import's transaction is writing,
no other connection can write, so there the progress of that phase is not updated; the import's own
write lock then shows it is alive (:func:`_sqlite_writer_active`).
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone


class BackgroundWork(models.Model):
    """What a page needs to show work that runs in the worker: the task, progress, heartbeat, error."""

    task_id = models.CharField(max_length=64, blank=True, help_text="The id of the task doing the work")
    progress = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="When the worker last reported")
    error = models.TextField(blank=True, help_text="What went wrong, in words the user can act on")

    class Meta:
        abstract = True


def remember_task(row: BackgroundWork, result) -> None:
    """Keep the id of the task that does ``row``'s work, to notice later if it ended without a word."""
    row.task_id = str(result.id)
    type(row)._default_manager.filter(pk=row.pk).update(task_id=row.task_id)


class Progress:
    """Report progress on a row so that every web process sees it at once.

    Call it with a sentence; it writes ``progress`` and ``heartbeat_at`` (at most every
    ``OPENYJ_PROGRESS_EVERY_SECONDS``, unless ``force``).
    """

    def __init__(self, row: BackgroundWork):
        self.model = type(row)
        self.pk = row.pk
        self.last = 0.0

    def __call__(self, message: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < settings.OPENYJ_PROGRESS_EVERY_SECONDS:
            return
        if write_progress(self.model, self.pk, progress=message[:200], heartbeat_at=timezone.now()):
            self.last = now


def write_progress(model: type[models.Model], pk, **fields) -> bool:
    """Write ``fields`` on one row so that other processes see them now; False if that cannot be done.

    Outside a transaction the default connection commits at once. Inside one (an import), the row is
    written through the progress connection instead, which commits on its own. On SQLite the
    transaction that is running holds the database's only write lock, so nothing can be written.
    """
    default = connections[DEFAULT_DB_ALIAS]
    if not default.in_atomic_block:
        alias = DEFAULT_DB_ALIAS
    elif default.vendor != "sqlite" and getattr(settings, "OPENYJ_PROGRESS_DATABASE", None):
        alias = settings.OPENYJ_PROGRESS_DATABASE
    else:
        return False
    model._default_manager.using(alias).filter(pk=pk).update(**fields)
    return True


def stale_after() -> timedelta:
    return timedelta(seconds=settings.OPENYJ_TASK_STALE_SECONDS)


def stalled(row: BackgroundWork, *, now: datetime | None = None) -> str:
    """Why work that should be running on ``row`` has stopped, or "" while it is alive (or queued).

    The work has stopped when its task ended without
    updating the row, or when no heartbeat came for ``OPENYJ_TASK_STALE_SECONDS`` (on SQLite, and
    the database's write lock is free: a writing import holds it until it ends).
    """
    from django.tasks import default_task_backend
    from django.tasks.base import TaskResultStatus
    from django.tasks.exceptions import TaskResultDoesNotExist

    now = now or timezone.now()
    status = None
    if row.task_id and default_task_backend.supports_get_result:
        try:
            status = default_task_backend.get_result(row.task_id).status
        except TaskResultDoesNotExist:
            status = None
    if status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
        return "The background worker ended this work without finishing it."
    last = row.heartbeat_at
    if last is None:
        # Not started: queued until a worker is free. That is waiting, not failure (see waiting()).
        return ""
    if now - last < stale_after():
        return ""
    if connections[DEFAULT_DB_ALIAS].vendor == "sqlite" and _sqlite_writer_active():
        return ""
    return (f"The background worker stopped while doing this work (its last report was at "
            f"{timezone.localtime(last):%H:%M on %-d %B %Y}).")


def waiting(row: BackgroundWork, *, started: datetime, now: datetime | None = None) -> str:
    """A sentence for work that no worker has started after a while, else ""."""
    now = now or timezone.now()
    if row.heartbeat_at is None and now - started >= stale_after():
        return ("No background worker has started this yet. If it does not start in the next few minutes, "
                "ask your administrator to check that the OpenYJ worker (openyj worker) is running.")
    return ""


def _sqlite_writer_active() -> bool:
    """Whether some connection is writing to the SQLite database now (it holds the write lock).

    A fresh connection asks for the write lock without waiting and gives it back at once.
    """
    path = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    probe = sqlite3.connect(str(path), timeout=0, uri=str(path).startswith("file:"))
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()
