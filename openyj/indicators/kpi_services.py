"""Writes to the quarterly KPI return: marking it submitted (which freezes its figures) and reopening it.

Only a manager or a performance officer of the service may do either (the roles that see the
figures with their children). Each write runs in one transaction and is audited beside the change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from openyj.core.audit import audit
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.indicators import kpi_return
from openyj.indicators.figures import records_changed_at
from openyj.indicators.kpi_models import KpiSubmission
from openyj.indicators.kpi_selectors import open_submission
from openyj.indicators.periods import Period

REFUSAL = "Only a manager or a performance officer of this service can submit or reopen its KPI return."


@transaction.atomic
def kpi_return_submit(*, user, service: Service, period: Period, reason: str = "") -> KpiSubmission:
    """Mark the quarter's return submitted: freeze its figures, definition versions and data vintage.

    Refused while items are missing unless ``reason`` says why it goes anyway.
    """
    ensure_allowed(user, service, Action.VIEW_FIGURES, REFUSAL)
    if user is None:
        raise PermissionDenied(REFUSAL)
    if open_submission(service, period) is not None:
        raise ValidationError({"reason": f"The return for {period.label} is already submitted. Reopen it first "
                                         "to submit it again."})
    ret = kpi_return.compute(service, period)
    missing = ret.missing_total()
    reason = reason.strip()
    if missing and not reason:
        raise ValidationError({"reason": f"Enter why the return is submitted with {missing} items missing, or "
                                         "record the missing items first"})
    submission = KpiSubmission.objects.create(
        service=service, period_start=period.start, period_end=period.end, submitted_at=timezone.now(),
        submitted_by=user, figures=ret.kpis, children=ret.children, versions=ret.versions(),
        data_vintage=records_changed_at(service.pk),
        missing=missing, missing_reason=reason)
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=submission,
          summary=f"Marked the key performance indicator return for {period.label} submitted"
                  + (f" with {missing} items missing" if missing else ""))
    return submission


@transaction.atomic
def kpi_return_reopen(*, user, service: Service, period: Period, reason: str) -> KpiSubmission:
    """Reopen a submitted return: its frozen figures are kept, to show what changes before resubmission."""
    ensure_allowed(user, service, Action.VIEW_FIGURES, REFUSAL)
    if user is None:
        raise PermissionDenied(REFUSAL)
    submission = open_submission(service, period)
    if submission is None:
        raise ValidationError({"reason": f"The return for {period.label} has not been submitted."})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the return is being reopened"})
    submission.reopened_at, submission.reopened_by, submission.reopen_reason = timezone.now(), user, reason
    submission.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=submission,
          summary=f"Reopened the key performance indicator return for {period.label}", changes={"reason": reason})
    return submission
