"""Periodic work without a scheduler: the worker queues each task of ``OPENYJ_PERIODIC_TASKS`` when it
starts (unless one is already waiting), and each run queues the next, ``hours`` later.

A task joins by being named in the setting and calling :func:`queue_next` at its end::

    OPENYJ_PERIODIC_TASKS = {"openyj.interchange.tasks.uploads_clear": 24}

The same work can also be run from cron with its own ``openyj`` command (``openyj clear-uploads``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, Task, task, task_backends
from django.utils import timezone
from django.utils.module_loading import import_string


def _waiting(path: str) -> bool:
    """Whether the task is already queued or running (only a database backend keeps a queue to look in)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(task_path=path, status__in=["READY", "RUNNING"]).exists()


def schedule_periodic_tasks() -> list[str]:
    """Queue each periodic task that is not already waiting; return the paths queued."""
    queued = []
    for path in getattr(settings, "OPENYJ_PERIODIC_TASKS", {}):
        if not _waiting(path):
            periodic: Task = import_string(path)
            periodic.enqueue()
            queued.append(path)
    return queued


def queue_next(task: Task) -> None:
    """Queue the next run of a periodic task, ``hours`` after now (on a backend that can wait)."""
    hours = settings.OPENYJ_PERIODIC_TASKS.get(task.module_path)
    if hours and task.get_backend().supports_defer:
        task.using(run_after=timezone.now() + timedelta(hours=hours)).enqueue()


@task()
def finished_tasks_clear() -> int:
    """Delete the queue's records of tasks that finished more than ``OPENYJ_UPLOAD_RETENTION_DAYS`` ago.

    They hold only ids, but a failed task's record keeps its traceback, which can quote a value.
    """
    from django_tasks_db.models import DBTaskResult

    try:
        cutoff = timezone.now() - timedelta(days=settings.OPENYJ_UPLOAD_RETENTION_DAYS)
        deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
        return deleted
    finally:
        queue_next(finished_tasks_clear)
