"""The quality findings an improvement action can answer, in words: a standard or key question of a
case audit or an inspection, an inspection's recommendation, a National Standards grading. Each is
the typed link governance keeps, what it says, a starting point for "what will be done", and the page
to go back to."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from openyj.governance.models import ActionLink
from openyj.quality.audits.selectors import audit_results
from openyj.quality.frameworks import inspection_framework, national_standards
from openyj.quality.models import CaseAudit, Inspection, StandardsSelfAssessment

# The kinds of link quality raises: its pages list the actions answering these.
QUALITY_KINDS = (ActionLink.Kind.AUDIT_FINDING, ActionLink.Kind.INSPECTION_FINDING, ActionLink.Kind.RECOMMENDATION,
                 ActionLink.Kind.STANDARDS_GRADING)


@dataclass(frozen=True)
class Finding:
    link: ActionLink  # unsaved: improvement_action_create saves it with the action
    suggestion: str
    back_url: str

    @property
    def text(self) -> str:
        return self.link.text


def audit_finding(audit: CaseAudit, code: str) -> Finding | None:
    """A standard (by its rating) or a key question (by its % yes) of a case audit."""
    for sf in audit_results(audit).standards:
        if sf.standard.code == code:
            rating = sf.result.final_rating if sf.result else "not rated yet"
            return Finding(
                ActionLink.audit_finding(audit, code, text=f"Case audit “{audit.title}”, standard "
                                                           f"{sf.standard.label} ({rating})"),
                f"Improve {sf.standard.name.lower()} ({sf.standard.code}): ",
                reverse("quality_audit_results", args=[audit.pk]))
        for q in sf.questions:
            if q.key_question.code == code:
                pct = f"{q.percent_text}% yes" if q.percent is not None else "no answers yet"
                return Finding(
                    ActionLink.audit_finding(audit, code, text=f"Case audit “{audit.title}”, key question {code} "
                                                               f"“{q.key_question.text}” ({pct})"),
                    f"Improve {code}: {q.key_question.text} ",
                    reverse("quality_audit_question", args=[audit.pk, code]))
    return None


def inspection_finding(inspection: Inspection, code: str) -> Finding | None:
    """A standard (by its published rating) or a key question of an inspection."""
    framework = inspection_framework(inspection.framework)
    back = reverse("quality_inspection_detail", args=[inspection.pk])
    try:
        s = framework.standard(code)
    except KeyError:
        pass
    else:
        published = inspection.standards.filter(standard=code).values_list("published_rating", flat=True).first()
        return Finding(
            ActionLink.inspection_finding(inspection, code, text=f"{inspection.title}, standard {s.label} "
                                                                 f"({published or 'no rating'})"),
            f"Improve {s.name.lower()} ({s.code}): ", back)
    try:
        kq = framework.key_question(code)
    except KeyError:
        return None
    return Finding(
        ActionLink.inspection_finding(inspection, code, text=f"{inspection.title}, key question {kq.code} "
                                                             f"“{kq.text}”"),
        f"Improve {kq.code}: {kq.text} ", back)


def recommendation_finding(inspection: Inspection, number: int) -> Finding | None:
    """One of an inspection's recommendations, by its number in the report."""
    rec = inspection.recommendations.filter(number=number).first()
    if rec is None:
        return None
    return Finding(
        ActionLink.for_recommendation(rec, text=f"{inspection.title}, recommendation {rec.number}: {rec.text}"),
        rec.text[:1].upper() + rec.text[1:], reverse("quality_inspection_detail", args=[inspection.pk]))


def standards_finding(sa: StandardsSelfAssessment, code: str, level: str) -> Finding | None:
    """A National Standard at one level of a self-assessment."""
    framework = national_standards(sa.framework)
    try:
        s = framework.standard(code)
        lv = framework.level(level)
    except KeyError:
        return None
    return Finding(
        ActionLink.standards_grading(sa, code, level, text=f"National Standards self-assessment “{sa.title}”, "
                                                           f"standard {s.label}, {lv.name.lower()} level"),
        f"National Standard {s.code} ({s.name}), {lv.name.lower()}: ",
        reverse("quality_standards_detail", args=[sa.pk]))
