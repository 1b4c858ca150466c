"""What the National Standards pages show: each standard's gradings by level with the actions raised
for them, its operational sample's share met, and every year's grades side by side."""

from __future__ import annotations

from openyj.governance.selectors import actions_by_grading
from openyj.quality import rating as engine
from openyj.quality.frameworks import national_standards
from openyj.quality.models import Answer, StandardsSelfAssessment
from openyj.quality.standards.selectors import self_assessments_visible


def standards_overview(sa: StandardsSelfAssessment) -> list[dict]:
    """One row per standard: grading per level, the operational sample and its % met, actions raised."""
    framework = national_standards(sa.framework)
    gradings = {(g.standard, g.level): g for g in sa.gradings.all()}
    samples = {s.standard: s for s in sa.samples.prefetch_related("cases")}
    actions = actions_by_grading(sa)
    rows = []
    for s in framework.standards:
        sample = samples.get(s.code)
        met = not_met = audited = 0
        if sample:
            for c in sample.cases.all():
                if c.met:
                    audited += 1
                    met += c.met == Answer.YES
                    not_met += c.met == Answer.NO
        rows.append({
            "standard": s,
            "levels": [{"level": lv, "grading": gradings.get((s.code, lv.code)),
                        "actions": actions.get((s.code, lv.code), [])} for lv in framework.levels],
            "sample": sample, "audited": audited, "met": met, "not_met": not_met,
            "percent_met": engine.format_percent(engine.percent_yes(met, not_met)) if met + not_met else "",
        })
    return rows


def standards_history(user, service) -> dict:
    """Every year's final grades, standard by standard and level by level, oldest year first."""
    assessments = list(
        self_assessments_visible(user, service).order_by("period_end", "pk").prefetch_related("gradings")
    )
    framework = national_standards()
    rows = []
    for s in framework.standards:
        for lv in framework.levels:
            cells = []
            for sa in assessments:
                g = next((g for g in sa.gradings.all() if g.standard == s.code and g.level == lv.code), None)
                cells.append(g.final_grade if g else "")
            rows.append({"standard": s, "level": lv, "cells": cells})
    return {"assessments": assessments, "rows": rows}
