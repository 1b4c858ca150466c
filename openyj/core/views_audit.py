"""The audit viewer: the data-protection officer reads who did what to which child's record, and when.

Reading the trail is itself audited (a view event with the filters used; an export event for the CSV).
Downloading it asks for the password again first, as every export does.
"""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone

from openyj.core.audit import audit
from openyj.core.audit_trail import PAGE_SIZE, AuditFilterForm, trail_csv, trail_rows
from openyj.core.audit_trail import audit_trail as trail_of
from openyj.core.models import AuditEvent
from openyj.core.pages import form_page
from openyj.core.permissions import require
from openyj.core.roles import Action

FILTERS = ("who", "child", "verb", *(f"{date}_{part}" for date in ("date_from", "date_to")
                                     for part in ("day", "month", "year")))


def _filtered(request):
    """The filter form (bound when any filter was given) and the events it selects (None if it has errors)."""
    given = any(request.GET.get(name) for name in FILTERS)
    form = AuditFilterForm(request.GET if given else None, service=request.service)
    if given and not form.is_valid():
        return form, None
    data = form.cleaned_data if given else {}
    events = trail_of(user=request.user, service=request.service, who=data.get("who", ""),
                      child_id=form.child_id, verb=data.get("verb", ""), date_from=data.get("date_from"),
                      date_to=data.get("date_to"))
    return form, events


@require(Action.VIEW_AUDIT_TRAIL)
def audit_trail(request):
    form, events = _filtered(request)
    if events is None:
        return form_page(request, "core/audit_trail.html", form, page_obj=None, rows=[], query_string="")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = trail_rows(page.object_list)  # read before this visit's own event is written
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=request.service, object_type="audit trail",
          summary=f"Viewed the audit trail, page {page.number}, filters: {form.described()}")
    query = request.GET.copy()
    query.pop("page", None)
    return form_page(request, "core/audit_trail.html", form, page_obj=page, rows=rows,
                     query_string=query.urlencode())


@require(Action.VIEW_AUDIT_TRAIL)
@reauthentication_required
def audit_trail_export(request):
    form, events = _filtered(request)
    if events is None:
        return form_page(request, "core/audit_trail.html", form, page_obj=None, rows=[], query_string="")
    count = events.count()
    body = trail_csv(events)
    audit(user=request.user, verb=AuditEvent.Verb.EXPORT, service=request.service, object_type="audit trail",
          summary=f"Downloaded {count} audit events, filters: {form.described()}", changes={"events": count})
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{request.service.code}-{stamp}.csv"'
    return response
