"""The worker's daily retention run (``OPENYJ_PERIODIC_TASKS``): reports what the retention policy
says is due, and applies it only when ``OPENYJ_RETENTION_APPLY`` is true."""

from __future__ import annotations

from django.tasks import task

from openyj.casework import retention
from openyj.core.actors import SCHEDULED
from openyj.core.periodic import queue_next


@task()
def retention_run() -> int:
    """Report (or apply) the retention policy; returns the number of children's records due."""
    try:
        policy = retention.Policy.from_settings()
        return len(retention.retention_run(user=SCHEDULED, apply=policy.apply_daily, policy=policy).due)
    finally:
        queue_next(retention_run)
