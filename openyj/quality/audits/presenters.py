"""What the case-audit pages show, built from the selectors' reads: the sampling tables with their
labels, and each case's progress in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openyj.casework import codes as casework_codes
from openyj.offending import codes as offending_codes
from openyj.people import codes as people_codes
from openyj.quality.audits.selectors import answered_questions
from openyj.quality.frameworks import inspection_framework
from openyj.quality.models import AuditCase, CaseAudit, CaseType
from openyj.quality.sampling import NOT_KNOWN

LABELS = {
    "sex": dict(people_codes.SEX),
    "serious_harm": dict(casework_codes.RISK_LEVEL),
    "safety_wellbeing": dict(casework_codes.RISK_LEVEL),
    "disposal_type": dict(offending_codes.OUTCOME_TYPE_CHOICES),
}
CHARACTERISTICS = [
    ("disposal_type", "Disposal type"),
    ("sex", "Sex"),
    ("serious_harm", "Risk of serious harm"),
    ("safety_wellbeing", "Safety and wellbeing"),
]


def label(attribute: str, value: str) -> str:
    if value == NOT_KNOWN:
        return "Not known"
    return LABELS.get(attribute, {}).get(value, value)


def sampling_tables(audit: CaseAudit) -> list[dict]:
    """The audit's sampling figures with labels, per case type, for the sample page."""
    rows = []
    for case_type, label_text in CaseType.choices:
        figures = audit.sampling.get(case_type)
        if not figures:
            continue
        tables = []
        for attribute, heading in CHARACTERISTICS:
            tables.append({
                "heading": heading,
                "rows": [dict(r, label=label(attribute, r["value"])) for r in figures["shares"].get(attribute, [])],
            })
        start, end = (date.fromisoformat(d) for d in figures["window"])
        rows.append(dict(figures, case_type=case_type, case_type_label=label_text, tables=tables,
                         window_start=start, window_end=end))
    return rows


@dataclass
class CaseProgress:
    case: AuditCase
    answered: int
    expected: int
    standards_done: list[str]

    @property
    def complete(self) -> bool:
        return self.answered >= self.expected

    @property
    def status(self) -> str:
        if self.case.moderated_at:
            return "Moderated"
        if self.complete:
            return "Ready for moderation"
        if self.answered:
            return "In progress"
        return "Not started"


def audit_progress(audit: CaseAudit) -> list[CaseProgress]:
    framework = inspection_framework(audit.framework)
    answers = answered_questions(audit)
    out = []
    for case in audit.cases.select_related("child", "auditor", "moderator"):
        standards = framework.case_standards(case.case_type)
        expected = sum(len(s.key_questions) for s in standards)
        done = [s.code for s in standards if all(k.code in answers[case.pk] for k in s.key_questions)]
        out.append(CaseProgress(case, len(answers[case.pk]), expected, done))
    return out
