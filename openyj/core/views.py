"""Pages every user sees: home, choosing a service, the accessibility statement, the session time-out."""

from __future__ import annotations

import time

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from openyj.core.middleware import IDLE_CLOCK_KEY, SESSION_KEY
from openyj.core.navigation import start_page


@login_required
def home(request):
    """Send each role to the page it starts from; explain when the user has no role yet."""
    start = start_page(request.role) if request.service is not None else None
    if start:
        return redirect(start)
    return render(request, "core/home.html", {"memberships": getattr(request, "memberships", [])})


@login_required
@require_POST
def service_switch(request):
    try:
        service_id = int(request.POST.get("service", ""))
    except ValueError:
        return HttpResponseBadRequest("Choose a service.")
    if not any(m.service_id == service_id for m in getattr(request, "memberships", [])):
        return HttpResponseBadRequest("You do not belong to that service.")
    request.session[SESSION_KEY] = service_id
    return redirect("home")


def accessibility(request):
    return render(request, "pages/accessibility.html")


@login_required
def session_keep_alive(request):
    """"Stay signed in" in the time-out warning: restart the idle clock now."""
    request.session[IDLE_CLOCK_KEY] = int(time.time())
    return HttpResponse(status=204)


def signed_out(request):
    """Where the time-out warning sends the browser once the session has ended."""
    return render(request, "core/signed_out.html", {"timed_out": "timeout" in request.GET})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
