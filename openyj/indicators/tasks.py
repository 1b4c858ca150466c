"""The figures' background work, run by ``openyj worker`` (see docs/tasks.md).

The task takes the service's id, never any figures or records.
"""

from __future__ import annotations

from django.tasks import task

from openyj.indicators import figures


@task()
def figures_refresh(service_id: int) -> int:
    """Recompute the service's stored figure sets that are out of date; the number recomputed."""
    from openyj.core.models import Service

    service = Service.objects.get(pk=service_id)
    return len(figures.refresh_service(service))
