"""The page before an export: every child's identifiable record leaves OpenYJ in one file, so the
user is told what the file holds and how to look after it, and confirms with a button (which posts to
``export_download``, where their password is asked for again)."""

from __future__ import annotations

from django.shortcuts import render

from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.interchange.schema import FILES


@require(Action.EXPORT)
def export_confirm(request):
    return render(request, "interchange/export_confirm.html", {"files": FILES})
