"""Documents: the Youth Justice Plan and the quarterly board report, their text and their sign-off.

A :class:`Document` follows its structure (``openyj/documents/data/structures``). People's text is kept
as :class:`SectionText` rows, one per saved version, so every section has an author and a history.
When a plan is submitted to the YJB (or a board report circulated), the figures and every generated
section are frozen into the document as JSON (``frozen``), and it is drawn from them from then on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openyj.core.fields import ServiceScoped
from openyj.core.tasks import BackgroundWork


class Document(ServiceScoped):
    """One Youth Justice Plan (a plan year) or one board report (a period and a meeting)."""

    class Kind(models.TextChoices):
        PLAN = "plan", "Youth Justice Plan"
        BOARD_REPORT = "board_report", "Board performance report"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        BOARD_APPROVED = "board_approved", "Approved by the board"
        SUBMITTED = "submitted", "Submitted to the Youth Justice Board"
        COMMENTED = "commented", "Youth Justice Board comments received"
        COUNCIL_APPROVED = "council_approved", "Approved by the council"
        PUBLISHED = "published", "Published"
        CIRCULATED = "circulated", "Circulated to the board"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    structure = models.CharField(max_length=40)
    year = models.CharField("plan year", max_length=7, blank=True, help_text="For a plan, e.g. 2026/27")
    period_start = models.DateField()
    period_end = models.DateField()
    meeting_date = models.DateField(null=True, blank=True, help_text="For a board report: the meeting it is for")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    board_chair = models.CharField("chair of the board", max_length=200, blank=True)
    board_approved_on = models.DateField(null=True, blank=True)
    submitted_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    circulated_on = models.DateField(null=True, blank=True)
    frozen = models.JSONField(null=True, blank=True, help_text="The figures and generated sections as submitted")
    frozen_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "kind", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["service", "year"], condition=models.Q(kind="plan"),
                                    name="one_plan_per_year"),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.PLAN:
            return f"Youth Justice Plan {self.year}"
        return f"Board performance report to {self.period_end:%-d %B %Y}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen is not None

    @property
    def basename(self) -> str:
        if self.kind == self.Kind.PLAN:
            return f"youth-justice-plan-{self.year.replace('/', '-')}"
        return f"board-report-{self.period_end.isoformat()}"

    def lifecycle_rows(self) -> list[list[str]]:
        """The sign-off steps done so far, for the sign-off section: step, date, by."""
        def day(d):
            return f"{d:%-d %B %Y}" if d else ""

        rows = []
        if self.board_approved_on:
            rows.append(["Approved by the partnership board", day(self.board_approved_on), self.board_chair])
        if self.submitted_on:
            rows.append(["Submitted to the Youth Justice Board", day(self.submitted_on), ""])
        rows += [["Comments from the Youth Justice Board", day(c.received_on), ""] for c in self.comments.all()]
        rows += [[f"Approved by {a.council}", day(a.approved_on), ""] for a in self.council_approvals.all()]
        if self.circulated_on:
            rows.append(["Circulated to the board", day(self.circulated_on), ""])
        if self.published_on:
            rows.append(["Published", day(self.published_on), ""])
        return rows or [["Draft: not yet approved", "", ""]]


class SectionText(ServiceScoped):
    """One saved version of the text of a narrative section, a themed part, or an indicator's commentary.

    ``key`` is the section's key (``introduction.vision``), a themed part's key
    (``previous_year.progress_themes.education.did``) or ``commentary.<indicator>``. The latest version is
    the text; the earlier ones are its history.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="texts")
    key = models.CharField(max_length=200)
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "key", "-version"]
        constraints = [models.UniqueConstraint(fields=["document", "key", "version"], name="section_text_version")]


class YjbComment(ServiceScoped):
    """Comments the Youth Justice Board sent on a submitted plan."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    received_on = models.DateField()
    text = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["received_on", "pk"]


class CouncilApproval(ServiceScoped):
    """A council's approval of a plan (a combined service needs more than one)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="council_approvals")
    council = models.CharField(max_length=200)
    approved_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["approved_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["document", "council"], name="one_approval_per_council")]


class Rendering(ServiceScoped, BackgroundWork):
    """One run producing a document's files (Word, PDF, pages), done by the worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being produced"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="renderings")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    folder = models.CharField(max_length=500, blank=True, help_text="Where the files were written")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
