"""The demo loader: a synthetic inspection of Demo City, a self-audit of the service's own cases, two years of
National Standards, and actions; loading twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from openyj.demo.quality import load_demo_quality
from openyj.governance.models import ImprovementAction
from openyj.quality.audits import selectors as audit_selectors
from openyj.quality.inspections import presenters as inspection_presenters
from openyj.quality.models import AuditAnswer, CaseAudit, Inspection, StandardsSelfAssessment
from openyj.quality.standards import presenters as standards_presenters


def make_caseload(cases):
    today = timezone.localdate()
    for i in range(40):
        day = today - timedelta(days=30 + 9 * i)
        kind = ["referral_order", "youth_rehabilitation_order", "youth_caution", "community_resolution"][i % 4]
        cases(kind, day, sex="female" if i % 5 == 0 else "male", serious_harm=["low", "medium", "high"][i % 3])


def test_demo_quality_loads_once(service_a, cases_a, manager, second_manager, settings):
    settings.OPENYJ_QUALITY_MIN_CASES = 1  # this small caseload's audit is rated however few its cases
    make_caseload(cases_a)
    loaded = load_demo_quality(service_a, auditor=manager, moderator=second_manager)
    view = inspection_presenters.inspection_view(loaded["inspection"])
    assert (view.result.total, view.result.overall) == (21, "Good")
    assert view.computed_matches_published
    assert "synthetic" in loaded["inspection"].title and "Leeds" not in loaded["inspection"].title
    assert loaded["inspection"].recommendations.count() == 5
    case_audit = loaded["audit"]
    assert case_audit.cases.exists()
    assert not AuditAnswer.objects.filter(audit_case__audit=case_audit).filter(answer="").exists()
    assert case_audit.cases.filter(moderator=second_manager).exists()
    results = audit_selectors.audit_results(case_audit)
    assert results.result.total is not None  # every standard is rated: the demo shows a whole result
    assert len(loaded["self_assessments"]) == 2
    history = standards_presenters.standards_history(manager, service_a)
    assert any(r["cells"][0] != r["cells"][1] for r in history["rows"])  # the years differ somewhere
    assert len(loaded["actions"]) == 4

    counts = (Inspection.objects.count(), CaseAudit.objects.count(), StandardsSelfAssessment.objects.count(),
              ImprovementAction.objects.count(), AuditAnswer.objects.count())
    load_demo_quality(service_a, auditor=manager, moderator=second_manager)
    assert counts == (Inspection.objects.count(), CaseAudit.objects.count(), StandardsSelfAssessment.objects.count(),
                      ImprovementAction.objects.count(), AuditAnswer.objects.count())


def test_demo_quality_without_users_or_cases(service_a):
    loaded = load_demo_quality(service_a)
    assert loaded["audit"].cases.count() == 0
    assert inspection_presenters.inspection_view(loaded["inspection"]).result.total == 21
