"""What the inspection pages show: each standard's published rating beside the computed one, with the
improvement actions raised for it, and the comparison with a self-audit."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from openyj.governance.selectors import actions_by_code
from openyj.quality import rating as engine
from openyj.quality.audits.selectors import audit_results
from openyj.quality.frameworks import InspectionFramework
from openyj.quality.inspections.selectors import inspection_ratings
from openyj.quality.models import CaseAudit, Inspection


@dataclass
class InspectionView:
    inspection: Inspection
    framework: InspectionFramework
    result: engine.FrameworkResult
    rows: list[dict]
    published: dict[str, str]
    percents: dict[str, Fraction]

    @property
    def computed_matches_published(self) -> bool:
        return all(r["matches"] for r in self.rows) and self.result.overall == self.inspection.published_overall


def inspection_view(inspection: Inspection) -> InspectionView:
    """The published ratings beside the ratings the rule computes from the published percentages."""
    ratings = inspection_ratings(inspection)
    framework, result, published, percents = ratings.framework, ratings.result, ratings.published, ratings.percents
    actions = actions_by_code(inspection=inspection)
    rows = []
    for s in framework.standards:
        try:
            r = result.standard(s.code)
        except KeyError:
            r = None
        pub = published.get(s.code, "")
        rows.append({
            "standard": s, "result": r, "published": pub,
            "matches": r is None or not pub or r.final_rating == pub,
            "adjustment": ratings.adjustments.get(s.code), "actions": actions.get(s.code, []),
            "questions": [
                {"kq": k, "percent": percents.get(k.code),
                 "percent_text": engine.format_percent(percents[k.code]) if k.code in percents else "",
                 "band": engine.band(percents[k.code], framework.rule) if k.code in percents else "",
                 "actions": actions.get(k.code, [])}
                for k in s.key_questions
            ] if s.rated_from_cases else [],
        })
    return InspectionView(inspection, framework, result, rows, published, percents)


def comparison(inspection: Inspection, audit: CaseAudit) -> list[dict]:
    """Key question by key question: the inspection's % yes beside the self-audit's, and the ratings.

    Only standards both frameworks share (same code) are compared; a difference of framework is said
    on the page.
    """
    iv = inspection_view(inspection)
    ar = audit_results(audit)
    audit_standards = {sf.standard.code: sf for sf in ar.standards}
    rows = []
    for row in iv.rows:
        s = row["standard"]
        other = audit_standards.get(s.code)
        questions = []
        for q in row["questions"]:
            aq = next((x for x in (other.questions if other else []) if x.key_question.code == q["kq"].code), None)
            diff = None
            if q["percent"] is not None and aq is not None and aq.percent is not None:
                diff = engine.format_percent(aq.percent - q["percent"])
            questions.append({"kq": q["kq"], "inspection": q["percent_text"], "inspection_band": q["band"],
                              "audit": aq.percent_text if aq else "", "audit_band": (
                                  engine.band(aq.percent, iv.framework.rule) if aq and aq.percent is not None else ""),
                              "difference": diff})
        rows.append({
            "standard": s,
            "inspection": row["result"].final_rating if row["result"] else row["published"],
            "audit": other.result.final_rating if other and other.result else "",
            "questions": questions,
        })
    return rows
