"""Producing a document's files in the worker (see docs/tasks.md). The task takes the rendering's id."""

from __future__ import annotations

from django.tasks import task


@task()
def render_document(rendering_id: str) -> None:
    from openyj.documents.runs import render

    render(int(rendering_id))
