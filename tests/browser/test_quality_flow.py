"""A case audit in a real browser: a manager starts an audit, the sample is drawn, key questions are
answered for every case, the results show the rating, the weakest questions first and the key
question that limits the standard, and an improvement action is raised from the weakest one; axe
checks on the main pages."""

from __future__ import annotations

import os
from datetime import date

import pytest
from django.urls import reverse

from openyj.governance.models import ImprovementAction
from openyj.quality.frameworks import inspection_framework
from openyj.quality.models import AuditAnswer, CaseAudit
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD
from tests.quality.conftest import CaseBuilder

pytestmark = pytest.mark.django_db(transaction=True)

F2021 = inspection_framework("hmip-2021")


def describe(violations):
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['nodes'][0]['target']}" for v in violations)


def assert_accessible(page, name: str):
    """No axe violations; a screenshot too when OPENYJ_SCREENSHOTS names a folder (to look at by eye)."""
    violations = axe_violations(page)
    assert not violations, describe(violations)
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/quality-{name}.png", full_page=True)


def fill_date(page, name: str, day: date) -> None:
    page.fill(f"input[name={name}_day]", str(day.day))
    page.fill(f"input[name={name}_month]", str(day.month))
    page.fill(f"input[name={name}_year]", str(day.year))


def row_cells(row) -> list[str]:
    return [c.strip() for c in row.locator("th, td").all_inner_texts()]


def test_a_manager_runs_a_case_audit_from_sampling_to_rating(page, live_server, sign_in, manager, service_a,
                                                             settings):
    settings.OPENYJ_QUALITY_MIN_CASES = 1  # two cases: rated here to follow the flow to its rating
    cases = CaseBuilder(service_a)
    for day in (1, 2):
        cases("referral_order", date(2024, 7, day))  # two court cases, sentenced 8-9 months before the audit date

    sign_in(page, manager, PASSWORD)
    page.goto(f"{live_server.url}{reverse('quality_home')}")
    page.click("text=Start a case audit")
    assert page.locator("h1").inner_text() == "Start a case audit"
    assert_accessible(page, "audit-form")

    # A mistake first: the GOV.UK error summary names the field.
    page.click("button:has-text('Draw the sample')")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "Enter a title for the audit" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(page, "audit-form-errors")

    page.fill("input[name=title]", "Browser audit")
    page.check("input[name=framework][value=hmip-2021]")
    fill_date(page, "reference_date", date(2025, 3, 31))
    page.fill("input[name=confidence]", "80")
    page.fill("input[name=margin]", "5")
    page.fill("input[name=seed]", "99")
    page.click("button:has-text('Draw the sample')")

    # The sample is drawn.
    page.wait_for_selector("h1:has-text('Browser audit')")
    case_audit = CaseAudit.objects.get(title="Browser audit")
    main = page.locator("main").inner_text()
    assert "Sample drawn: 2 cases" in main
    assert "2 of 2 eligible cases drawn: 80% confidence" in main
    assert_accessible(page, "audit-detail")

    # Every key question of every case: yes, except 2.1.3 for the first case.
    court_standards = F2021.case_standards("court")
    for position in (1, 2):
        page.goto(f"{live_server.url}{reverse('quality_audit_detail', args=[case_audit.pk])}")
        page.locator("main table a.govuk-link", has_text=f" {position}").first.click()
        page.wait_for_selector(".govuk-task-list")
        if position == 1:
            assert_accessible(page, "audit-case")
        for standard in court_standards:
            page.click(f".govuk-task-list a:has-text('{standard.label}')")
            assert page.locator("h1").inner_text() == standard.label
            if position == 1 and standard.code == "2.1":
                assert_accessible(page, "audit-answer")
            for kq in standard.key_questions:
                key = kq.code.replace(".", "_")
                answer = "no" if (position == 1 and kq.code == "2.1.3") else "yes"
                page.check(f"input[name=answer_{key}][value={answer}]")
                page.fill(f"textarea[name=comment_{key}]", f"Case {position}: seen in the record")
            page.click("button:has-text('Save answers')")
            page.wait_for_selector(".govuk-task-list")
            assert f"Answers to {standard.label} saved" in page.locator("body").inner_text()
        statuses = page.locator(".govuk-task-list__status").all_inner_texts()
        assert statuses == ["Completed"] * len(court_standards), statuses
    expected = 2 * sum(len(s.key_questions) for s in court_standards)
    assert AuditAnswer.objects.filter(audit_case__audit=case_audit).count() == expected

    # The results: 2.1.3 is answered yes in one case of two (50%), which limits standard 2.1.
    page.goto(f"{live_server.url}{reverse('quality_audit_detail', args=[case_audit.pk])}")
    page.click("text=See the results")
    assert page.locator("h1").inner_text() == "Results"
    standards = page.locator("table", has=page.locator("caption", has_text="the key question that limits each"))
    row = row_cells(standards.locator("tbody tr", has=page.locator("th", has_text="2.1 ")).first)
    assert row[0].startswith("2.1 "), row
    assert row[1] == "Requires improvement", row
    assert row[3].startswith("2.1.3 (50% yes, from 2 cases)"), row
    weakest = page.locator("table", has=page.locator("caption", has_text="lowest first"))
    first = row_cells(weakest.locator("tbody tr").first)
    # key question, % yes, the cases it rests on, band
    assert first[0].startswith("2.1.3 ") and first[1:4] == ["50%", "2", "Requires improvement"], first
    others = [row_cells(r)[1] for r in weakest.locator("tbody tr").all()[1:]]
    assert others and all(p == "100%" for p in others), others
    assert "Overall rating: not available yet" in page.locator("main").inner_text()
    assert_accessible(page, "audit-results")

    # Raise an improvement action from the weakest key question.
    weakest.locator("tbody tr").first.locator("a:has-text('Raise an action')").click()
    assert page.locator("h1").inner_text() == "Raise an improvement action"
    assert "This action answers: Case audit “Browser audit”, key question 2.1.3" in page.locator("main").inner_text()
    assert_accessible(page, "action-form")
    page.fill("textarea[name=what]", "Planning workshop for the case managers")
    page.fill("input[name=owner]", "JS")
    fill_date(page, "due_on", date(2025, 9, 30))
    page.check("input[name=status][value=not_started]")
    page.click("button:has-text('Raise the action')")

    # Back on the key question's page, which lists the case that answered no.
    page.wait_for_selector("h1:has-text('2.1.3')")
    assert "Improvement action raised" in page.locator("body").inner_text()
    no_cases = page.locator("table", has=page.locator("caption", has_text="answered no to 2.1.3"))
    assert no_cases.locator("tbody tr").count() == 1
    assert "Case 1: seen in the record" in no_cases.inner_text()
    assert_accessible(page, "audit-question")
    action = ImprovementAction.objects.get(links__case_audit=case_audit, links__code="2.1.3")
    assert (action.what, action.owner, action.due_on, action.service) == (
        "Planning workshop for the case managers", "JS", date(2025, 9, 30), service_a)

    page.click("text=Back to the results")
    weakest = page.locator("table", has=page.locator("caption", has_text="lowest first"))
    assert "1 raised" in weakest.locator("tbody tr").first.inner_text()
