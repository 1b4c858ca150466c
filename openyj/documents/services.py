"""Every write to documents: create, write the text, and each step of sign-off.

Each service takes the acting user and checks the user's role in the document's service itself:
performance officers and managers (the ``view_figures`` action) produce documents; board members only
read published ones (:mod:`openyj.documents.selectors`). Each write is audited beside the change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openyj.core.audit import audit
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.core.tasks import remember_task
from openyj.documents import commentary, produce, structures
from openyj.documents.models import CouncilApproval, Document, Rendering, SectionText, YjbComment

PRODUCE = Action.VIEW_FIGURES
REFUSAL = "Only performance officers and managers of this service can produce its plans and reports."
Status = Document.Status


def _allowed(user, service) -> None:
    ensure_allowed(user, service, PRODUCE, REFUSAL)


def _day(d: date) -> str:
    return f"{d:%-d %B %Y}"


def _not_future(field: str, when: date, what: str) -> None:
    if when > timezone.localdate():
        raise ValidationError({field: f"{what} must be today or in the past."})


@transaction.atomic
def document_create(*, user, service, kind: str, year: str = "", period_start: date | None = None,
                    period_end: date | None = None, meeting_date: date | None = None,
                    structure: str = "") -> Document:
    """A new draft plan (for a plan year) or board report (for a period)."""
    _allowed(user, service)
    code = structure or structures.DEFAULT[kind]
    if structures.get(code).kind != kind:
        raise ValidationError({"structure": "Choose a structure made for this kind of document."})
    if kind == Document.Kind.PLAN:
        try:
            period = produce.plan_period(year)
        except ValueError as error:
            raise ValidationError({"year": str(error)}) from None
        if Document.objects.filter(service=service, kind=kind, year=year).exists():
            raise ValidationError({"year": f"There is already a plan for {year}: open it from the list."})
        start, end = period.start, period.end
    else:
        if period_start is None or period_end is None:
            raise ValidationError({"period_start": "Enter the first and last day of the period the report covers."})
        if period_end < period_start:
            raise ValidationError({"period_end": "The period must end on or after the day it starts."})
        start, end = period_start, period_end
    doc = Document.objects.create(service=service, kind=kind, structure=code, year=year if kind == "plan" else "",
                                  period_start=start, period_end=end, meeting_date=meeting_date, created_by=user)
    audit(user=user, verb="create", obj=doc, summary=f"Started {doc}")
    return doc


def _editable(doc: Document) -> None:
    if doc.status != Status.DRAFT:
        raise ValidationError({"text": f"The {doc.get_kind_display().lower()} is {doc.get_status_display().lower()}: "
                                       "its text can no longer be changed."})


@transaction.atomic
def text_save(*, user, document: Document, key: str, text: str) -> SectionText:
    """Save a new version of one text (a narrative section, a themed part). The history keeps every
    version with its author."""
    _allowed(user, document.service)
    _editable(document)
    keys = dict(structures.get(document.structure).text_keys())
    if key not in keys:
        raise ValidationError({"text": "This part of the document is not written by people."})
    return _version(user, document, key, text)


def _version(user, document: Document, key: str, text: str) -> SectionText:
    latest = document.texts.filter(key=key).order_by("-version").first()
    if latest is not None and latest.text == text:
        raise ValidationError({"text": "Nothing changed: edit the text, then save."})
    saved = SectionText.objects.create(service=document.service, document=document, key=key, text=text,
                                       version=(latest.version + 1) if latest else 1, author=user)
    audit(user=user, verb="update", obj=document, summary=f"Saved version {saved.version} of {key}",
          changes={"text": [latest.text if latest else "", text]})
    return saved


@transaction.atomic
def commentary_save(*, user, document: Document, indicator: str, text: str, figures: dict[str, Any]) -> SectionText:
    """Save an edited commentary on an indicator: refused when it states a number the figures do not hold."""
    _allowed(user, document.service)
    _editable(document)
    ind = figures["indicators"].get(indicator)
    if ind is None:
        raise ValidationError({"text": "There are no figures for this indicator in the period."})
    from openyj.documents.sources import NATIONAL

    label = dict(NATIONAL).get(indicator, ind["name"])
    commentary.check_edit(text, ind, commentary.sentence(ind, label=label))
    return _version(user, document, f"commentary.{indicator}", text)


def _step(document: Document, allowed: tuple[str, ...], what: str) -> None:
    if document.status not in allowed:
        raise ValidationError({"__all__": f"The {document.get_kind_display().lower()} is "
                                          f"{document.get_status_display().lower()}, so it cannot be {what} now."})


@transaction.atomic
def board_approve(*, user, document: Document, chair: str, approved_on: date) -> Document:
    """The partnership board approved the draft plan (its chair signs it)."""
    _allowed(user, document.service)
    _step(document, (Status.DRAFT,), "approved by the board")
    if not chair.strip():
        raise ValidationError({"chair": "Enter the name of the chair who signed the plan."})
    _not_future("approved_on", approved_on, "The date of the board's approval")
    document.status, document.board_chair = Status.BOARD_APPROVED, chair.strip()
    document.board_approved_on = approved_on
    document.save(update_fields=["status", "board_chair", "board_approved_on"])
    audit(user=user, verb="update", obj=document, summary=f"Approved by the board ({chair}) on {_day(approved_on)}")
    return document


def freeze(document: Document, *, as_of: date | None = None) -> None:
    """Store the figures and every generated section with the document, as they are now."""
    period = (produce.plan_period(document.year) if document.kind == Document.Kind.PLAN
              else produce.board_period(document.period_start, document.period_end))
    document.frozen = produce.snapshot(document.service, kind=document.kind, period=period,
                                       structure_code=document.structure, year=document.year, document=document,
                                       as_of=as_of)
    document.frozen_at = timezone.now()


@transaction.atomic
def submit(*, user, document: Document, submitted_on: date) -> Document:
    """Submitted to the Youth Justice Board: the figures are frozen with the plan from here on."""
    _allowed(user, document.service)
    _step(document, (Status.BOARD_APPROVED,), "submitted")
    _not_future("submitted_on", submitted_on, "The date of submission")
    if document.board_approved_on and submitted_on < document.board_approved_on:
        raise ValidationError({"submitted_on": "The plan is submitted on or after the day the board approved it "
                                               f"({_day(document.board_approved_on)})."})
    freeze(document)
    document.status, document.submitted_on = Status.SUBMITTED, submitted_on
    document.save(update_fields=["status", "submitted_on", "frozen", "frozen_at"])
    audit(user=user, verb="update", obj=document,
          summary=f"Submitted to the YJB on {_day(submitted_on)}; figures frozen")
    return document


@transaction.atomic
def yjb_comment_add(*, user, document: Document, received_on: date, text: str) -> YjbComment:
    _allowed(user, document.service)
    _step(document, (Status.SUBMITTED, Status.COMMENTED), "given YJB comments")
    _not_future("received_on", received_on, "The date the comments arrived")
    if not text.strip():
        raise ValidationError({"text": "Enter the comments the YJB sent."})
    comment = YjbComment.objects.create(service=document.service, document=document, received_on=received_on,
                                        text=text.strip(), recorded_by=user)
    document.status = Status.COMMENTED
    document.save(update_fields=["status"])
    audit(user=user, verb="update", obj=document, summary=f"YJB comments received on {_day(received_on)}")
    return comment


@transaction.atomic
def council_approve(*, user, document: Document, council: str, approved_on: date) -> CouncilApproval:
    """A council approved the plan; a combined service records each of its councils."""
    _allowed(user, document.service)
    _step(document, (Status.SUBMITTED, Status.COMMENTED, Status.COUNCIL_APPROVED), "approved by a council")
    _not_future("approved_on", approved_on, "The date of the council's approval")
    if not council.strip():
        raise ValidationError({"council": "Enter the name of the council."})
    if document.council_approvals.filter(council__iexact=council.strip()).exists():
        raise ValidationError({"council": f"{council.strip()}'s approval is already recorded."})
    if document.submitted_on and approved_on < document.submitted_on:
        raise ValidationError({"approved_on": "A council approves the plan after it is submitted "
                                              f"({_day(document.submitted_on)})."})
    approval = CouncilApproval.objects.create(service=document.service, document=document, council=council.strip(),
                                              approved_on=approved_on, recorded_by=user)
    document.status = Status.COUNCIL_APPROVED
    document.save(update_fields=["status"])
    audit(user=user, verb="update", obj=document, summary=f"Approved by {council} on {_day(approved_on)}")
    return approval


@transaction.atomic
def publish(*, user, document: Document, published_on: date) -> Document:
    """Published: board members can read it, and it is the version councils put online."""
    _allowed(user, document.service)
    _step(document, (Status.COUNCIL_APPROVED,), "published")
    _not_future("published_on", published_on, "The date of publication")
    document.status, document.published_on = Status.PUBLISHED, published_on
    document.save(update_fields=["status", "published_on"])
    audit(user=user, verb="update", obj=document, summary=f"Published on {_day(published_on)}")
    return document


@transaction.atomic
def circulate(*, user, document: Document, circulated_on: date) -> Document:
    """A board report circulated to the board for its meeting: its figures are frozen."""
    _allowed(user, document.service)
    if document.kind != Document.Kind.BOARD_REPORT:
        raise ValidationError({"__all__": "Only a board report is circulated; a plan is approved and submitted."})
    _step(document, (Status.DRAFT,), "circulated")
    _not_future("circulated_on", circulated_on, "The date of circulation")
    freeze(document)
    document.status, document.circulated_on = Status.CIRCULATED, circulated_on
    document.save(update_fields=["status", "circulated_on", "frozen", "frozen_at"])
    audit(user=user, verb="update", obj=document, summary=f"Circulated to the board on {_day(circulated_on)}")
    return document


@transaction.atomic
def rendering_start(*, user, document: Document) -> Rendering:
    """Produce the document's files in the background (``openyj worker``); the page shows progress."""
    from openyj.documents.selectors import may_read
    from openyj.documents.tasks import render_document

    if not may_read(user, document):
        ensure_allowed(user, document.service, PRODUCE, REFUSAL)
    rendering = Rendering.objects.create(service=document.service, document=document, requested_by=user)
    audit(user=user, verb="create", obj=document, summary=f"Asked for the files of {document}")
    # The task row is written in this transaction too (django-tasks-db): both land together or neither.
    remember_task(rendering, render_document.enqueue(str(rendering.pk)))
    return rendering
