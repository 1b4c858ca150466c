"""The demo's reviews and panel decisions: made from the service's own records, deterministic, once."""

from __future__ import annotations

from datetime import date

from openyj.casework.models import PanelDecision, Review
from openyj.demo.casework import load_demo_casework
from openyj.offending.models import OutcomeType
from tests.factories import ChildFactory, InterventionFactory, OutcomeFactory


def test_reviews_and_panel_decisions(service_a):
    child = ChildFactory(service=service_a)
    order = InterventionFactory(child=child, kind="referral_order", start_date=date(2024, 1, 1),
                                end_date=date(2024, 12, 31), end_reason="completed")
    open_order = InterventionFactory(child=child, kind="yro", start_date=date(2025, 1, 1))
    InterventionFactory(child=child, kind="prevention", start_date=date(2024, 1, 1))  # not reviewed
    for code in ("youth_caution", "community_resolution", "referral_order"):
        OutcomeFactory(child=child, outcome_date=date(2024, 6, 1), outcome_type=OutcomeType.objects.get(code=code))

    made = load_demo_casework(service_a, today=date(2025, 6, 30))
    # 2024: due 1 April, 1 July, 30 September, 30 December; 2025: due 2 April and 2 July (coming up)
    assert [r.due_on for r in Review.objects.filter(intervention=order).order_by("due_on")] == [
        date(2024, 4, 1), date(2024, 7, 1), date(2024, 9, 30), date(2024, 12, 30)]
    assert [r.due_on for r in Review.objects.filter(intervention=open_order).order_by("due_on")] == [
        date(2025, 4, 2), date(2025, 7, 2)]
    assert Review.objects.get(intervention=open_order, due_on=date(2025, 7, 2)).done_on is None
    assert made == {"reviews": 6, "panel_decisions": 2}  # the referral order is a court outcome
    assert set(PanelDecision.objects.values_list("decision_id", flat=True)) == {"youth_caution",
                                                                                  "community_resolution"}
    assert all(p.referred_on < p.decided_on for p in PanelDecision.objects.all())
    assert load_demo_casework(service_a, today=date(2025, 6, 30)) == {"reviews": 0, "panel_decisions": 0}
